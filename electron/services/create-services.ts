// The composition root: opens the station's stores and libraries once, wires each domain's service
// and handlers, and returns one `invoke` for both transports (the Electron main process and the
// loopback host). It holds no behaviour of its own: what a channel does is in its domain's
// `<domain>.handlers.ts`, who may call it in the contract, and the checks and audit in one wrapper
// (common/handler-kit.ts, services/dispatch.ts). A new domain adds its handlers to the table below.
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuditTrail } from '../audit/audit-trail';
import { auditHandlers } from '../audit/audit.handlers';
import { EventBus } from '../common/event-bus';
import { makePrivateDir } from '../common/private-files';
import { defineHandlers } from '../common/handler-kit';
import { appChannels } from '../contract/app.channels';
import { hasRegisteredChecks, registerChecks } from '../checks/check-registry';
import { ChipInspectionService } from '../chip-inspection/chip-inspection.service';
import { chipInspectionHandlers } from '../chip-inspection/chip-inspection.handlers';
import { CHIP_CHECKS } from '../chip-inspection/chip.checks';
import type { Light } from '../contract/capture.contract';
import { devicesHandlers } from '../devices/devices.handlers';
import { CameraScans } from '../examination/camera-scans';
import { DeviceCaptures } from '../examination/device-captures';
import { examinationHandlers } from '../examination/examination.handlers';
import { ExaminationService } from '../examination/examination.service';
import { stationNextSteps } from '../examination/next-steps';
import { sharedFaceEngine, shutdownFaceEngine } from '../face/face-engine';
import { faceHandlers } from '../face/face.handlers';
import { FaceService } from '../face/face.service';
import { learningHandlers } from '../learning/learning.handlers';
import { LearningService } from '../learning/learning.service';
import { mrzHandlers } from '../mrz/mrz.handlers';
import { issuingStates } from '../mrz/mrz-states';
import { glyphTemplates } from '../mrz/mrz-glyph-templates';
import { shutdownOcr } from '../mrz/mrz-ocr-engine';
import { builtinReferenceDir, openReferenceLibrary, userReferenceDir } from '../reference';
import { referenceHandlers } from '../reference/reference.handlers';
import type { PdfRenderer } from '../report/pdf-renderer';
import { ReportFiles } from '../report/report-files';
import { reportHandlers } from '../report/report.handlers';
import { Session } from '../session/session';
import { sessionHandlers } from '../session/session.handlers';
// The one tool the station composes: the virtual scanner's opt-in portrait specimens (LOUPE_PORTRAIT_SPECIMENS).
import { ensurePortraitSpecimens } from '../specimens/portrait-specimens';
import { CAPTURES_DIR, openStationStore } from '../store';
import { TrendStore } from '../trends/trend-store';
import { trendsHandlers } from '../trends/trends.handlers';
import { CscaTrustStore } from '../trust/csca-trust-store';
import { StationTrust } from '../trust/station-trust';
import { loadOrCreateStationKey } from '../trust/station-key';
import { trustHandlers } from '../trust/trust.handlers';
import { TrendsService } from '../trends/trends.service';
import { fraudExaminationsAround } from '../trends/week-examinations';
import { DeviceBridge } from '../../native/bridge-client';
import type { Spawner } from '../../native/bridge-process';
import { dispatch, type Handlers } from './dispatch';

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

async function virtualScannerSpecimens(opts: ServicesOptions): Promise<string> {
  if (opts.specimensDir) return opts.specimensDir;
  if (opts.portraitSpecimens || process.env.LOUPE_PORTRAIT_SPECIMENS === '1') return ensurePortraitSpecimens(join(opts.dataDir, 'cache', 'portrait-specimens'), sharedFaceEngine());
  return join(repoRoot, 'assets', 'specimens');
}

/**
 * The chip service of the station composed last: the chip checks are registered once per process
 * (the registry is the process's), and their evidence before a reading asks it whether a reader is there.
 */
let currentChips: ChipInspectionService | undefined;

export async function createServices(opts: ServicesOptions): Promise<Services> {
  const store = openStationStore(opts.dataDir);
  const station = store.getSetting<string>('station.name') ?? hostname();
  const events = new EventBus();
  const session = new Session();
  const library = openReferenceLibrary({ builtinDir: builtinReferenceDir(), userDir: userReferenceDir(opts.dataDir) });
  const examinations = new ExaminationService(store, station, library);
  const learning = new LearningService(library, { stagingDir: join(opts.dataDir, 'learning-staging') });
  const faces = new FaceService(store, examinations.records, library, sharedFaceEngine());
  const trust = new StationTrust(store);
  const trendStore = new TrendStore(store);
  const trends = new TrendsService({
    store: trendStore,
    trust,
    dataDir: opts.dataDir,
    examination: (id) => examinations.get(id, session.current()),
    referenceClass: (id) => library.find(id)?.cls ?? null,
    imagePath: (hash) => store.imagePath(hash),
    examinationsOfWeek: (week) => fraudExaminationsAround(store, week),
    emitSyncProgress: (progress) => events.emit('trends:onSyncProgress', progress),
  });
  const reports = new ReportFiles(join(opts.dataDir, 'reports'), station, (h) => store.imagePath(h), opts.pdfRenderer, () => stationNextSteps(store).nextSteps);
  const captureDir = join(opts.dataDir, CAPTURES_DIR);
  makePrivateDir(captureDir);
  // The audit log's head is signed now and every hour while the station runs (docs/audit-trail.md).
  const auditTrail = new AuditTrail(store, loadOrCreateStationKey(opts.dataDir));

  const bridge = await DeviceBridge.start({
    ...(opts.spawner ? { spawner: opts.spawner } : {}),
    settings: {
      load: (id: string) => store.getSetting<Record<string, unknown>>(`device.${id}`),
      save: (id: string, settings: Record<string, unknown>) => store.setSetting(`device.${id}`, settings),
    },
    specimensDir: await virtualScannerSpecimens(opts),
    captureDir,
  });
  bridge.on('status', (list) => events.emit('devices:onStatus', list));
  const cscas = new CscaTrustStore(store);
  const chips = new ChipInspectionService({
    bridge,
    records: examinations.records,
    trust: cscas,
    images: store,
    signer: () => loadOrCreateStationKey(opts.dataDir, station),
    station,
    evidenceDir: join(opts.dataDir, 'chip-evidence'),
    emit: (progress) => events.emit('chip:onProgress', progress),
    portraits: faces,
    log: (message) => console.warn(`[chip] ${message}`),
  });
  // The chip's checks fill the issuer-signature and chip-genuineness layers; before a reading ends
  // they say whether one is coming (a reader is there) or why not.
  if (!hasRegisteredChecks('chip')) registerChecks('chip', CHIP_CHECKS, { before: () => ({ section: null, pending: currentChips?.readiness() ?? 'not-read', printed: null }) });
  currentChips = chips;
  examinations.onCreated((exam, officer) => chips.begin(exam, officer));
  const captures = new DeviceCaptures(examinations, bridge, captureDir, events);
  captures.examineDeliveries(() => session.current());
  // Warm the glyph templates now, so the first scan is as fast as the next.
  void glyphTemplates().catch(() => undefined);

  const auditCheckpoints = auditTrail.startCheckpoints(undefined, (error) => console.warn(`audit checkpoint not signed: ${error instanceof Error ? error.message : String(error)}`));

  const handlers: Handlers = {
    ...defineHandlers(appChannels, {
      'app:info': { run: async () => ({ name: 'Loupe' as const, version, station, transport: opts.transport, imageBase: opts.imageBase, referenceBase: opts.referenceBase }) },
    }),
    ...sessionHandlers(session),
    ...devicesHandlers(bridge),
    ...examinationHandlers({ examinations, captures, camera: new CameraScans(examinations, captureDir), list: (query, viewer) => store.listExaminations(query, viewer), settings: store }),
    ...mrzHandlers(),
    ...referenceHandlers(library),
    ...learningHandlers(learning, library),
    ...reportHandlers({ reports, examination: (id, viewer) => examinations.get(id, viewer), reportBase: opts.reportBase }),
    ...faceHandlers(faces),
    ...trendsHandlers(trends, trendStore),
    ...trustHandlers(trust, { cscas, states: issuingStates() }),
    ...chipInspectionHandlers(chips, examinations.records),
    ...auditHandlers(auditTrail),
  };
  const context = { officer: () => session.current(), requireOfficer: () => session.require(), audit: store.audit.bind(store) };

  return {
    invoke: (channel, request) => dispatch(handlers, channel, request, context),
    events,
    imagePath: (hash) => store.imagePath(hash),
    referenceImagePath: (classId, light) => {
      if (!/^[a-z0-9][a-z0-9._-]{0,95}$/.test(classId) || !['white', 'ir', 'uv'].includes(light) || !library.find(classId)) return null;
      return library.imagePath(classId, light as Light);
    },
    reportPath: (fileName) => reports.path(fileName),
    async close() {
      await chips.close();
      auditCheckpoints.stop();
      await bridge.close();
      await examinations.close();
      await reports.close();
      await shutdownOcr();
      await shutdownFaceEngine();
      store.close();
    },
  };
}
