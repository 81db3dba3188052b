// Wires every service once. The Electron main process and the loopback host both call this, so the
// two transports share one implementation of every feature.
import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LoupeError } from '../common/loupe-error';
import { eventNames, type EventName } from '../contract/api.contract';
import type { Officer } from '../contract/examination.contract';
import { ExaminationService, type CaptureInput } from '../examination/examination.service';
import { readMrzText } from '../mrz';
import { glyphTemplates } from '../mrz/mrz-glyph-templates';
import { getOcrWorker, shutdownOcr } from '../mrz/mrz-ocr-engine';
import { createReportPdf } from '../report/report.service';
import { chromiumPdfRenderer, type ClosablePdfRenderer, type PdfRenderer } from '../report/pdf-renderer';
import { openStationStore } from '../store';
import { builtinReferenceDir, openReferenceLibrary, userReferenceDir } from '../reference';
import type { Light } from '../contract/specimen.contract';
import { DeviceBridge, type Capture } from '../../native/bridge-client';
import type { Spawner } from '../../native/bridge-process';
import { openTrendStore } from '../trends/trend-store';
import { TrendsService } from '../trends/trends.service';
import { fraudExaminationsAround } from '../trends/week-examinations';
import { dispatch, type Handlers } from './dispatch';
import { sharedFaceEngine, shutdownFaceEngine } from '../face/face-engine';
import { FaceService } from '../face/face.service';
import { ensurePortraitSpecimens } from '../face/portrait-specimens';
import { EventBus } from './event-bus';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const version = '0.1.0';

export interface ServicesOptions {
  dataDir: string;
  transport: 'electron' | 'host';
  /** URL prefix under which the transport serves stored images by hash. */
  imageBase: string;
  /** URL prefix under which the transport serves generated reports by file name. */
  reportBase: string;
  /** URL prefix under which the transport serves reference images: `${referenceBase}${classId}/${light}`. */
  referenceBase: string;
  spawner?: Spawner;
  pdfRenderer?: PdfRenderer;
  specimensDir?: string;
  /** The virtual scanner serves specimens with faces, generated into the data folder on first use (also LOUPE_PORTRAIT_SPECIMENS=1). */
  portraitSpecimens?: boolean;
}

export interface Services {
  invoke(channel: string, request: unknown): Promise<unknown>;
  events: EventBus;
  imagePath(hash: string): string | null;
  reportPath(fileName: string): string | null;
  referenceImagePath(classId: string, light: string): string | null;
  close(): Promise<void>;
}

export async function createServices(opts: ServicesOptions): Promise<Services> {
  mkdirSync(opts.dataDir, { recursive: true });
  const store = openStationStore(opts.dataDir);
  const station = store.getSetting<string>('station.name') ?? hostname();
  const events = new EventBus();
  const library = openReferenceLibrary({ builtinDir: builtinReferenceDir(), userDir: userReferenceDir(opts.dataDir) });
  const examinations = new ExaminationService(store, station, library);
  const faces = new FaceService(store, examinations.records, library, sharedFaceEngine());
  const trendStore = openTrendStore(opts.dataDir);
  const trends = new TrendsService({
    store: trendStore,
    dataDir: opts.dataDir,
    examination: (id) => examinations.get(id, officer),
    referenceClass: (id) => library.find(id)?.cls ?? null,
    imagePath: (hash) => store.imagePath(hash),
    examinationsOfWeek: (week) => fraudExaminationsAround(store, week),
    emitSyncProgress: (progress) => events.emit('trends:onSyncProgress', progress),
  });
  const reportsDir = join(opts.dataDir, 'reports');
  const captureDir = join(opts.dataDir, 'captures');
  mkdirSync(reportsDir, { recursive: true });
  mkdirSync(captureDir, { recursive: true });
  let renderer: PdfRenderer | ClosablePdfRenderer | null = opts.pdfRenderer ?? null;
  let officer: Officer | null = null;

  const bridge = await DeviceBridge.start({
    ...(opts.spawner ? { spawner: opts.spawner } : {}),
    settings: {
      load: (id: string) => store.getSetting<Record<string, unknown>>(`device.${id}`),
      save: (id: string, settings: Record<string, unknown>) => store.setSetting(`device.${id}`, settings),
    },
    specimensDir: opts.specimensDir ?? (opts.portraitSpecimens || process.env.LOUPE_PORTRAIT_SPECIMENS === '1' ? await ensurePortraitSpecimens(join(opts.dataDir, 'cache', 'portrait-specimens'), sharedFaceEngine()) : join(repoRoot, 'assets', 'specimens')),
    captureDir,
  });
  bridge.on('status', (list) => events.emit('devices:onStatus', list));
  // Warm the OCR engine and the glyph templates now, so the first scan is as fast as the next.
  void getOcrWorker().catch(() => undefined);
  void glyphTemplates().catch(() => undefined);

  const signedIn = (): Officer => {
    if (!officer) throw new LoupeError('NotSignedIn', 'sign in first: every examination names the officer who ran it');
    return officer;
  };
  const progress = (operation: string) => (stage: string, message: string, fraction: number) =>
    events.emit('examination:onProgress', { operation, stage, message, fraction, done: stage === 'done' });

  const examineCapture = async (capture: Capture, who: Officer) => {
    const input: CaptureInput = { source: capture.deviceId, images: capture.images.map((i) => ({ light: i.light, path: i.path })), ...(capture.mrzText ? { mrzText: capture.mrzText } : {}) };
    return examinations.examine(input, who, progress(`scan:${capture.deviceId}`));
  };

  // Devices that capture on their own (hot folder, serial MRZ reader) start an examination too.
  bridge.on('capture', (capture: Capture) => {
    if (!officer) {
      events.emit('examination:onProgress', { operation: `scan:${capture.deviceId}`, stage: 'error', message: 'A document arrived, but nobody is signed in', error: 'Sign in, then scan again.', done: true });
      return;
    }
    examineCapture(capture, officer).then(
      (exam) => events.emit('examination:onCreated', { id: exam.id }),
      (err: unknown) => events.emit('examination:onProgress', { operation: `scan:${capture.deviceId}`, stage: 'error', message: 'The examination failed', error: String((err as Error).message ?? err), done: true }),
    );
  });

  const summaryOf = (id: string) => {
    const found = library.list().find((c) => c.id === id);
    if (!found) throw new LoupeError('NotFound', `no reference class ${id}`);
    return found;
  };

  const handlers: Handlers = {
    'app:info': async () => ({ name: 'Loupe', version, station, transport: opts.transport, imageBase: opts.imageBase, referenceBase: opts.referenceBase }),
    'session:signIn': async (o) => {
      officer = { name: o.name, badge: o.badge };
      store.audit({ officer, action: 'session.signIn' });
      return officer;
    },
    'session:current': async () => officer,
    'session:signOut': async () => {
      if (officer) store.audit({ officer, action: 'session.signOut' });
      officer = null;
      return { ok: true as const };
    },
    'devices:list': async () => bridge.list(),
    'devices:configure': async ({ id, settings }) => {
      const status = await bridge.configure(id, settings);
      store.audit({ officer, action: 'device.configure', subject: id, details: settings });
      return status;
    },
    'examination:scan': async ({ deviceId }) => {
      const who = signedIn();
      progress(`scan:${deviceId}`)('capture', 'Capturing from the device', 0);
      const capture = await bridge.capture(deviceId);
      return examineCapture(capture, who);
    },
    'examination:get': async ({ id }) => examinations.get(id, officer),
    'examination:list': async (query) => store.listExaminations(query, officer),
    'examination:decide': async ({ id, decision }) => examinations.decide(id, decision, signedIn()),
    'examination:review': async ({ id, review }) => examinations.review(id, review, signedIn()),
    'mrz:readText': async ({ text, repair }) => readMrzText(text.split(/\r\n|\r|\n/), { source: 'text', ...(repair !== undefined ? { repair } : {}) }),
    'reference:list': async () => library.summaries(),
    'reference:get': async ({ id }) => {
      const { cls, source } = library.get(id);
      return { cls, source };
    },
    'reference:save': async ({ cls }) => {
      const who = signedIn();
      library.save(cls);
      store.audit({ officer: who, action: 'reference.save', subject: cls.id, details: { zones: cls.zones.length } });
      return summaryOf(cls.id);
    },
    'reference:retire': async ({ id }) => {
      const who = signedIn();
      library.retire(id);
      store.audit({ officer: who, action: 'reference.retire', subject: id });
      return summaryOf(id);
    },
    'report:create': async ({ id }) => {
      const exam = examinations.get(id, officer);
      renderer ??= chromiumPdfRenderer();
      const pdf = await createReportPdf(exam, { station, imagePath: (h) => store.imagePath(h), renderer });
      const fileName = `loupe-report-${exam.id}.pdf`;
      writeFileSync(join(reportsDir, fileName), pdf);
      store.audit({ officer, action: 'report.create', subject: id, details: { bytes: pdf.length } });
      return { url: `${opts.reportBase}${fileName}`, fileName, bytes: pdf.length };
    },
    'face:analyse': async ({ id }) => faces.analyse(id, signedIn()),
    'face:addPortrait': async ({ id, kind, imageBase64 }) => faces.addPortrait(id, kind, imageBase64, signedIn()),
    'face:assess': async ({ id, assessment }) => faces.assess(id, assessment, signedIn()),
    'face:settings': async ({ threshold }) => faces.settings(threshold, threshold ? signedIn() : officer),
    'trends:propose': async ({ examinationId }) => trends.propose(examinationId),
    'trends:previewCrops': async ({ examinationId, zoneIds, hotspots }) => trends.previewCrops(examinationId, zoneIds, hotspots),
    'trends:record': async (request) => {
      const who = signedIn();
      const record = await trends.record(request);
      store.audit({ officer: who, action: 'trends.record', subject: request.examinationId, details: { record: record.id, fraudType: record.fraudType } });
      return record;
    },
    'trends:dashboard': async (filter) => trends.dashboard(filter),
    'trends:records': async ({ filter, limit, offset }) => trends.records(filter, limit, offset),
    'trends:csv': async (filter) => trends.csv(filter),
    'trends:export': async (request) => {
      const who = signedIn();
      const { bundle, fileName, records, alerts, coarsened, suppressed, withoutProof } = trends.exportBundle(request);
      store.audit({ officer: who, action: 'trends.export', details: { scope: request.scope, records, alerts, coarsened, suppressed, withoutProof } });
      return { fileName, base64: bundle.toString('base64'), records, alerts, coarsened, suppressed, withoutProof };
    },
    'trends:import': async ({ base64 }) => {
      const who = signedIn();
      const report = trends.importBundle(Buffer.from(base64, 'base64'));
      store.audit({ officer: who, action: 'trends.import', details: { applied: report.applied, signer: report.signer, added: report.addedRecords + report.addedAlerts, fault: report.error?.fault ?? null } });
      return report;
    },
    'trends:settings': async () => trendStore.settings(),
    'trends:saveSettings': async (patch) => {
      const who = signedIn();
      const saved = trends.saveSettings(patch);
      store.audit({ officer: who, action: 'trends.settings', details: { ...saved, hubCaPem: saved.hubCaPem ? 'set' : null } });
      return saved;
    },
    'trends:publishAlert': async (request) => {
      const who = signedIn();
      const alert = await trends.publishAlert(request);
      store.audit({ officer: who, action: 'trends.publishAlert', subject: alert.documentClassId, details: { alert: alert.id } });
      return alert;
    },
    'trends:alertsForClass': async ({ classId }) => trends.alertsForClass(classId),
    'trends:identity': async () => {
      const id = trends.identity();
      return { station: id.station, publicKey: id.publicKey };
    },
    'trends:trustList': async () => trendStore.trustList(),
    'trends:trustAdd': async ({ name, publicKey }) => {
      const who = signedIn();
      const added = trendStore.trustAdd(name, publicKey);
      store.audit({ officer: who, action: 'trends.trustAdd', subject: added.station, details: { name: added.name } });
      return added;
    },
    'trends:trustRemove': async ({ station: member }) => {
      const who = signedIn();
      const removed = trendStore.trustRemove(member);
      store.audit({ officer: who, action: 'trends.trustRemove', subject: member, details: { removed } });
      return { removed };
    },
    'trends:recordRows': async (request) => trends.recordRows(request),
    'trends:recordRow': async ({ id }) => trends.recordRow(id),
    'trends:correct': async (request) => {
      const who = signedIn();
      const record = trends.correct(request);
      store.audit({ officer: who, action: 'trends.correct', subject: request.id, details: { record: record.id, fraudType: record.fraudType } });
      return record;
    },
    'trends:hubSync': async (request) => {
      const who = signedIn();
      const result = await trends.hubSync(request);
      store.audit({ officer: who, action: 'trends.hubSync', details: { hub: result.hub, ok: result.ok, fault: result.fault, pushed: result.pushed, pulled: result.pulled, importedRecords: result.importedRecords } });
      return result;
    },
    'trends:hubStatus': async () => trends.hubStatus(),
    'trends:ownAlerts': async () => trends.ownAlerts(),
    'trends:replaceAlert': async (request) => {
      const who = signedIn();
      const alert = await trends.replaceAlert(request);
      store.audit({ officer: who, action: 'trends.replaceAlert', subject: alert.documentClassId, details: { alert: alert.id, replaces: request.replaces } });
      return alert;
    },
    'trends:withdrawAlert': async ({ id }) => {
      const who = signedIn();
      const withdrawal = trends.withdrawAlert(id);
      store.audit({ officer: who, action: 'trends.withdrawAlert', subject: withdrawal.documentClassId, details: { alert: withdrawal.id, withdraws: id } });
      return withdrawal;
    },
  };

  return {
    invoke: (channel, request) => dispatch(handlers, channel, request, () => officer !== null),
    events,
    imagePath: (hash) => store.imagePath(hash),
    referenceImagePath: (classId, light) => {
      if (!/^[a-z0-9][a-z0-9._-]{0,95}$/.test(classId) || !['white', 'ir', 'uv'].includes(light) || !library.find(classId)) return null;
      return library.imagePath(classId, light as Light);
    },
    reportPath: (fileName) => (/^loupe-report-[0-9a-f-]{36}\.pdf$/.test(fileName) ? join(reportsDir, fileName) : null),
    async close() {
      await bridge.close();
      await examinations.close();
      if (renderer && 'close' in renderer) await renderer.close();
      await shutdownOcr();
      await shutdownFaceEngine();
      trendStore.close();
      store.close();
    },
  };
}

export const allEvents: readonly EventName[] = eventNames;
