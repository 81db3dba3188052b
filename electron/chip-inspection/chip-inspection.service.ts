// The chip in the examination: reads the document's chip through the device bridge when a document
// is examined (or again on the officer's request, with access data typed in), runs the clone checks
// over the open session, passive authentication against the station's CSCA trust store, stores the
// chip's portrait and a signed evidence package of the raw reading, and hands the chip section and
// the chip checks' results to the examination records (ExaminationRecords.apply). The DG2 portrait
// then joins the face comparison. Progress goes out file by file; a document lifted in the middle
// of a reading is waited for and the reading resumes where it stopped (readChipThroughBridge).
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { runChecks } from '../checks/check-registry';
import { ActiveAuthenticationProtocol, type ActiveAuthenticationResult } from '../chip/auth/active-authentication';
import { ChipAuthenticationProtocol, type ChipAuthenticationResult } from '../chip/auth/chip-authentication';
import { checkPaceCam } from '../chip/auth/pace-cam-check';
import { ChipError } from '../chip/chip-error';
import { summarizeChipReading } from '../chip/chip-reading-summary';
import type { AccessKey } from '../chip/crypto/access-key';
import { chipEvidence } from '../chip/evidence/chip-evidence';
import { encodeEvidencePackage, type EvidenceSigner } from '../chip/evidence/evidence-package.codec';
import { verifyCardSecurity } from '../chip/lds/card-security.codec';
import { decodeChipImage } from '../chip/lds/chip-image-decoder';
import { securityInfosOrNull as securityInfos } from '../chip/lds/dg14-security-options.codec';
import { decodeDg15 } from '../chip/lds/dg15-active-authentication.codec';
import { decodeDg2 } from '../chip/lds/dg2-face.codec';
import { verifyPassiveAuthentication } from '../chip/pki/passive-authentication';
import { sodReport } from '../chip/pki/sod-report';
import type { ChipReading } from '../chip/reader/chip-reader';
import { LoupeError } from '../common/loupe-error';
import { makePrivateDir, writePrivateFile } from '../common/private-files';
import type { ChipAccessInput, ChipKeySource, ChipNotReadReason, ChipProgress, ChipSection } from '../contract/chip-examination.contract';
import type { ChipErrorKind, CloneCheck } from '../contract/chip.contract';
import type { Examination, Officer } from '../contract/examination.contract';
import type { DeviceStatus } from '../contract/device.contract';
import { chipErrorFromBridge, type ChipBridge } from '../devices/bridge-apdu-transport';
import { readChipThroughBridge } from '../devices/bridge-chip-reading';
import type { ExaminationRecords } from '../examination/examination-records';
import type { TrustIndex } from '../trust/csca-trust-store';
import { icaoStateOfCountry } from '../trust/issuing-state-codes.data';
import type { ChipPending } from './chip-check-evidence';

/** The device bridge as this service uses it: chip readers and the devices' status. */
export type InspectionBridge = ChipBridge & { list(): DeviceStatus[] };

export interface ChipInspectionDeps {
  readonly bridge: InspectionBridge;
  readonly records: ExaminationRecords;
  readonly trust: { trustIndex(): TrustIndex };
  readonly images: { putImage(bytes: Buffer, mime: string): { hash: string } };
  /** The station key (created on first use): it signs the evidence packages. */
  readonly signer: () => EvidenceSigner;
  readonly station: string;
  /** Folder of the evidence packages (made private on first use). */
  readonly evidenceDir: string;
  readonly emit: (progress: ChipProgress) => void;
  /** The face comparison, told of the chip's portrait (PNG). */
  readonly portraits?: { addChipPortrait(id: string, png: Buffer, officer: Officer | null): Promise<unknown> };
  readonly now?: () => Date;
  /** How long to wait for the document, at the start of a requested reading and after each interruption (default 30 s). */
  readonly waitMs?: number;
  /** Longest wait for one answer of the chip (default 5 s). */
  readonly timeoutMs?: number;
  readonly log?: (message: string) => void;
}

/** The data groups an examination reads (ICAO 9303-10 §4.7): MRZ, face, the clone checks' keys. */
const DATA_GROUPS = ['DG1', 'DG2', 'DG14', 'DG15'] as const;
const EVIDENCE_EXTENSION = '.loupe-chip';

interface Running {
  readonly controller: AbortController;
  readonly done: Promise<Examination>;
  latest: ChipProgress;
}

export class ChipInspectionService {
  private readonly running = new Map<string, Running>();
  private readonly now: () => Date;

  constructor(private readonly deps: ChipInspectionDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** What the station knows of the chip when an examination is made (the chip checks' evidence before a reading ends). */
  readiness(): ChipPending {
    const pcsc = this.deps.bridge.list().find((d) => d.kind === 'pcsc');
    return pcsc && (pcsc.state === 'connected' || pcsc.state === 'busy') ? 'reading' : 'no-reader';
  }

  /** A new examination: reads the chip by itself when a reader is there (never throws). */
  begin(exam: Examination, officer: Officer): void {
    if (this.readiness() === 'no-reader') return;
    this.start(exam.id, officer, undefined, true).catch((e: unknown) => this.deps.log?.(`chip reading of ${exam.id} failed: ${String((e as Error)?.message ?? e)}`));
  }

  /** Reads (again) on the officer's request: waits for the document; answers with the examination once the reading ended. */
  async read(id: string, officer: Officer, access?: ChipAccessInput): Promise<Examination> {
    this.deps.records.read(id);
    return this.start(id, officer, access, false);
  }

  cancel(id: string): boolean {
    const run = this.running.get(id);
    if (!run) return false;
    run.controller.abort();
    return true;
  }

  status(id: string): ChipProgress | null {
    return this.running.get(id)?.latest ?? null;
  }

  /** The path of an examination's evidence package (its file name is in the chip section). */
  evidencePath(exam: Examination): string {
    const name = exam.chip?.evidence?.fileName;
    if (!name) throw new LoupeError('chip', 'InvalidInput', `examination ${exam.id} has no chip evidence package: the chip was not read`);
    return join(this.deps.evidenceDir, name);
  }

  /** Waits for the readings under way (the station is closing). */
  async close(): Promise<void> {
    for (const run of this.running.values()) run.controller.abort();
    await Promise.all([...this.running.values()].map((r) => r.done.catch(() => undefined)));
  }

  private async start(id: string, officer: Officer, access: ChipAccessInput | undefined, auto: boolean): Promise<Examination> {
    const before = this.running.get(id);
    if (before) {
      // A new request replaces the reading under way (new access data, or the officer tries again).
      before.controller.abort();
      await before.done.catch(() => undefined);
    }
    const controller = new AbortController();
    const run: Running = { controller, done: Promise.resolve(null as unknown as Examination), latest: { examinationId: id, phase: 'waiting' } };
    const done = this.run(id, officer, access, auto, run).finally(() => {
      if (this.running.get(id) === run) this.running.delete(id);
    });
    (run as { done: Promise<Examination> }).done = done;
    this.running.set(id, run);
    return done;
  }

  private async run(id: string, officer: Officer, access: ChipAccessInput | undefined, auto: boolean, run: Running): Promise<Examination> {
    const started = performance.now();
    const startedAt = this.now();
    const emit = (progress: Omit<ChipProgress, 'examinationId'>) => {
      run.latest = { examinationId: id, ...progress };
      this.deps.emit(run.latest);
    };
    const exam = this.deps.records.read(id);
    const key = accessKey(exam, access);
    const notRead = (reason: ChipNotReadReason, error: ChipError | null, reader: string | null = null): Examination =>
      this.notRead(exam, officer, { reason, error, keySource: key?.source ?? null, reader, startedAt, started }, emit);
    if (!key) return notRead('no-access-data', null);

    const readers = await this.deps.bridge.chipReaders().catch(() => null);
    if (!readers || readers.length === 0) return notRead('no-reader', null);
    if (auto && !readers.some((r) => r.cardPresent)) return notRead('no-document', null);

    emit({ phase: 'waiting', keySource: key.source });
    let opened;
    try {
      opened = await readChipThroughBridge(this.deps.bridge, {
        key: key.key,
        dataGroups: DATA_GROUPS,
        waitMs: this.deps.waitMs ?? 30_000,
        timeoutMs: this.deps.timeoutMs ?? 5000,
        signal: run.controller.signal,
        onProgress: (p) => emit({ phase: 'reading', file: p.file, bytesRead: p.bytesRead, totalBytes: p.totalBytes, keySource: key.source }),
        onInterrupted: (error, resumption) => emit({ phase: 'interrupted', error: error.toDto(), resumption, keySource: key.source }),
      });
    } catch (caught) {
      if (run.controller.signal.aborted) return notRead('cancelled', null);
      const error = chipErrorFromBridge(caught);
      if (error.kind === 'Internal') this.deps.log?.(`chip reading failed: ${error.message}`);
      return notRead('failed', error);
    }
    const { reading, transport, reader } = opened;
    const timings: Record<string, number> = { read: performance.now() - started };

    emit({ phase: 'authenticating', protocol: reading.access.protocol, keySource: key.source });
    let t = performance.now();
    const dg14 = securityInfos(reading.files.get('DG14'));
    let aa: ActiveAuthenticationResult | null = null;
    let ca: ChipAuthenticationResult | null = null;
    const cloneChecks: CloneCheck[] = [];
    try {
      const dg15 = reading.files.get('DG15');
      if (dg15) {
        try {
          aa = await new ActiveAuthenticationProtocol(reading.channel, decodeDg15(dg15), { securityInfos: dg14 ?? [], extendedLength: reading.extendedLength.used }).run();
          cloneChecks.push(cloneCheckOf(aa));
        } catch (e) {
          cloneChecks.push(interrupted('active-authentication', 'DG15', e));
        }
      }
      if (dg14) {
        try {
          ca = await new ChipAuthenticationProtocol(transport, reading.channel, dg14).run();
          cloneChecks.push(ca.check);
        } catch (e) {
          cloneChecks.push(interrupted('chip-authentication', 'DG14', e));
        }
      }
    } finally {
      await transport.close();
    }
    timings.cloneChecks = performance.now() - t;

    emit({ phase: 'verifying', protocol: reading.access.protocol, keySource: key.source });
    t = performance.now();
    const at = this.now();
    const index = this.deps.trust.trustIndex();
    const dataGroups = new Map([...reading.files].filter(([f]) => /^DG\d+$/.test(f)).map(([f, b]) => [Number(f.slice(2)), b] as const));
    const passive = verifyPassiveAuthentication({ sod: reading.files.get('SOD') ?? new Uint8Array(), dataGroups, anchors: index.anchors, crls: index.crls, at });
    const cardSecurityBytes = reading.files.get('CardSecurity');
    const cardSecurity = cardSecurityBytes ? verifyCardSecurity(cardSecurityBytes, index.anchors, index.crls, at) : null;
    if (reading.access.protocol === 'PACE-CAM') cloneChecks.push(checkPaceCam(reading.pace, cardSecurity?.infos ?? null));
    timings.passiveAuthentication = performance.now() - t;

    t = performance.now();
    const portraits = await this.storePortraits(reading);
    const summary = summarizeChipReading(reading, passive, cloneChecks, cardSecurity?.outcome === 'trusted', portraits.map((p) => p.face));
    const country = passive.documentSignerCertificate?.subject.country ?? null;
    const evidence = this.writeEvidence(exam.id, chipEvidence({ reading, readAt: startedAt, activeAuthentication: aa, chipAuthentication: ca }));
    timings.store = performance.now() - t;
    timings.total = performance.now() - started;
    const section: ChipSection = {
      state: 'read',
      reason: null,
      error: null,
      keySource: key.source,
      reader,
      startedAt: startedAt.toISOString(),
      finishedAt: this.now().toISOString(),
      resumptions: reading.resumptions,
      reading: summary,
      sod: sodReport(passive, at),
      signerState: icaoStateOfCountry(country),
      signerCountry: country,
      evidence,
      timingsMs: roundTimings(timings),
    };
    let saved = this.apply(exam.id, section, officer, {
      protocol: reading.access.protocol,
      reason: reading.access.reason,
      keySource: key.source,
      outcome: passive.outcome,
      cloneChecks: cloneChecks.map((c) => `${c.method}:${c.status}`),
      resumptions: reading.resumptions,
    });

    const portrait = portraits[0];
    if (portrait && this.deps.portraits) {
      emit({ phase: 'portrait', protocol: reading.access.protocol, keySource: key.source });
      try {
        await this.deps.portraits.addChipPortrait(exam.id, portrait.png, officer);
        saved = this.deps.records.read(exam.id);
      } catch (e) {
        // The chip's evidence stands without the face comparison; the officer can run it from the face panel.
        this.deps.log?.(`the chip portrait could not be compared: ${String((e as Error)?.message ?? e)}`);
      }
    }
    emit({ phase: 'done', protocol: reading.access.protocol, keySource: key.source });
    return saved;
  }

  private apply(id: string, section: ChipSection, officer: Officer | null, details: Record<string, unknown>): Examination {
    return this.deps.records.apply(
      id,
      (current) => ({ chip: section, results: { evidence: 'chip', checks: runChecks('chip', { section, pending: 'not-read', printed: current.mrz }) } }),
      officer,
      { action: 'chip.read', details },
    );
  }

  private notRead(
    exam: Examination,
    officer: Officer,
    what: { reason: ChipNotReadReason; error: ChipError | null; keySource: ChipKeySource | null; reader: string | null; startedAt: Date; started: number },
    emit: (progress: Omit<ChipProgress, 'examinationId'>) => void,
  ): Examination {
    const error = what.error ? { kind: what.error.kind as ChipErrorKind, message: what.error.message } : null;
    emit({ phase: 'not-read', reason: what.reason, ...(error ? { error } : {}), ...(what.keySource ? { keySource: what.keySource } : {}) });
    const current = this.deps.records.read(exam.id);
    // A reading that failed after one that succeeded leaves the earlier reading's evidence in place.
    if (current.chip?.state === 'read') return current;
    const section: ChipSection = {
      state: 'not-read',
      reason: what.reason,
      error,
      keySource: what.keySource,
      reader: what.reader,
      startedAt: what.startedAt.toISOString(),
      finishedAt: this.now().toISOString(),
      resumptions: 0,
      reading: null,
      sod: null,
      signerState: null,
      signerCountry: null,
      evidence: null,
      timingsMs: { total: Math.round(performance.now() - what.started) },
    };
    return this.apply(exam.id, section, officer, { reason: what.reason, ...(error ? { error: error.kind } : {}) });
  }

  /** DG2's faces as PNG in the station's image store (the first is the one compared). */
  private async storePortraits(reading: ChipReading): Promise<{ face: { format: string; width: number; height: number; imageHash: string }; png: Buffer }[]> {
    const dg2 = reading.files.get('DG2');
    if (!dg2) return [];
    const out: { face: { format: string; width: number; height: number; imageHash: string }; png: Buffer }[] = [];
    try {
      for (const face of decodeDg2(dg2).faces) {
        const image = await decodeChipImage(face.image);
        const png = Buffer.from(image.png);
        const { hash } = this.deps.images.putImage(png, 'image/png');
        out.push({ face: { format: image.format, width: image.width, height: image.height, imageHash: hash }, png });
      }
    } catch (e) {
      // A face the station cannot decode is a finding of the file, not a failed reading: DG2's hash is still checked.
      if (!(e instanceof ChipError)) throw e;
      this.deps.log?.(`a DG2 face cannot be shown: ${e.message}`);
    }
    return out;
  }

  private writeEvidence(id: string, evidence: ReturnType<typeof chipEvidence>): ChipSection['evidence'] {
    const bytes = encodeEvidencePackage(evidence, this.deps.signer(), this.deps.station, this.now());
    makePrivateDir(this.deps.evidenceDir);
    const fileName = `${id}${EVIDENCE_EXTENSION}`;
    writePrivateFile(join(this.deps.evidenceDir, fileName), bytes);
    return { fileName, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  }
}

/** The access data: typed by the officer, else the three fields of the examination's MRZ reading (9303-11 §9.7.2). */
export function accessKey(exam: Examination, typed: ChipAccessInput | undefined): { key: AccessKey; source: ChipKeySource } | null {
  if (typed?.kind === 'CAN') return { key: { kind: 'CAN', can: typed.can }, source: 'can' };
  if (typed?.kind === 'MRZ') return { key: { kind: 'MRZ', documentNumber: typed.documentNumber, dateOfBirth: typed.dateOfBirth, dateOfExpiry: typed.dateOfExpiry }, source: 'typed-mrz' };
  const f = exam.mrz?.fields;
  const documentNumber = f?.documentNumber?.replace(/\s/g, '');
  const dateOfBirth = f?.birthDate;
  const dateOfExpiry = f?.expiryDate;
  if (!documentNumber || !/^[0-9A-Z<]{1,22}$/.test(documentNumber) || !dateOfBirth || !/^\d{6}$/.test(dateOfBirth) || !dateOfExpiry || !/^\d{6}$/.test(dateOfExpiry)) return null;
  return { key: { kind: 'MRZ', documentNumber, dateOfBirth, dateOfExpiry }, source: 'mrz-reading' };
}

function cloneCheckOf(c: CloneCheck): CloneCheck {
  return { method: c.method, status: c.status, keySource: c.keySource, algorithm: c.algorithm, detail: c.detail };
}

/** Interruptions of the session, which say nothing of the chip's keys. */
const CUT_SHORT: readonly ChipErrorKind[] = ['CardRemoved', 'NoChipAnswer', 'Timeout', 'SecureMessagingFailure'];

/** A clone check that stopped: cut short (the document lifted, the chip silent) is not performed, never failed; a refusal is a failure. */
function interrupted(method: CloneCheck['method'], keySource: CloneCheck['keySource'], e: unknown): CloneCheck {
  if (!(e instanceof ChipError)) throw e;
  if (CUT_SHORT.includes(e.kind)) return { method, status: 'not-performed', keySource, algorithm: '', detail: `It could not be completed: ${e.message}` };
  return { method, status: 'failed', keySource, algorithm: '', detail: e.message };
}

function roundTimings(timings: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v * 10) / 10]));
}
