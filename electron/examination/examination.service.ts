// The examination pipeline: capture → store images → read (MRZ) → checks → layered verdict → save.
// One implementation, used by the desktop app, the loopback host and `loupe examine`. Decisions and
// reviews of findings change the record through the same records (ExaminationRecords) as the face
// domain's results do.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import sharp from 'sharp';
import { LoupeError } from '../common/loupe-error';
import { decisionNeedsConfirmation, type CaptureImage, type Decision, type DecisionInput, type Examination, type FindingReviewInput, type MrzCharacterReviewInput, type Officer } from '../contract/examination.contract';
import type { MrzReading } from '../contract/mrz.contract';
import type { Light } from '../contract/capture.contract';
import { initialRegisteredResults, runChecks } from '../checks/check-registry';
import { openCompleteImage } from '../imaging/load-image';
import { readMrzText } from '../mrz';
import { readMrzFromImage } from '../mrz/mrz-image-reader';
import type { ReferenceLibrary } from '../reference';
import type { ExaminationRecords } from './examination-records';
import type { ExaminationStore } from './examination-store';
import { SecurityCheckRunner } from './security-checks';
import { StoredExaminationRecords } from './stored-examination-records';
import { reviewMrzCharacter } from './mrz-character-review';

export interface CaptureInput {
  source: string;
  images: { light: Light; path: string }[];
  /** MRZ lines from a reader device (serial), when it sent them. */
  mrzText?: string[];
  /**
   * An MRZ already read from the white image (the camera's voted reading of its frames): used as it
   * is, with its place on the page referring to the stored white image.
   */
  mrzReading?: MrzReading;
}

interface CheckedImage {
  light: Light;
  path: string;
  bytes: Buffer;
  width: number;
  height: number;
  mime: string | undefined;
  density?: number;
}

export type ProgressListener = (stage: string, message: string, fraction: number) => void;

const MIME: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.tif': 'image/tiff', '.tiff': 'image/tiff', '.webp': 'image/webp', '.pnm': 'image/x-portable-anymap' };

export class ExaminationService {
  private readonly security: SecurityCheckRunner | null;
  private readonly stored: StoredExaminationRecords;

  constructor(
    private readonly store: ExaminationStore,
    private readonly station: string,
    library: ReferenceLibrary | null,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.security = library ? new SecurityCheckRunner(library) : null;
    this.stored = new StoredExaminationRecords(store);
  }

  /** The one way to change a stored examination, for the domains that add to it (face, chip). */
  get records(): ExaminationRecords {
    return this.stored;
  }

  private readonly createdListeners: ((exam: Examination, officer: Officer) => void)[] = [];

  /** Told of every new examination once it is saved (the chip reading starts from it); must not throw. */
  onCreated(listener: (exam: Examination, officer: Officer) => void): void {
    this.createdListeners.push(listener);
  }

  /** Examinations under way: close() lets them finish before it stops the OCR workers they use. */
  private readonly running = new Set<Promise<unknown>>();

  /** Runs the whole pipeline on a capture and saves the examination. */
  examine(capture: CaptureInput, officer: Officer, progress: ProgressListener = () => {}): Promise<Examination> {
    const run = this.run(capture, officer, progress);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return run;
  }

  private async run(capture: CaptureInput, officer: Officer, progress: ProgressListener): Promise<Examination> {
    const started = performance.now();
    const timings: Record<string, number> = {};
    const lights = new Set<Light>();
    for (const img of capture.images) {
      if (lights.has(img.light)) throw new LoupeError('examination', 'InvalidInput', `two ${img.light} images in one capture`);
      lights.add(img.light);
    }
    if (capture.images.length === 0 && !capture.mrzText) throw new LoupeError('examination', 'InvalidInput', 'the capture has no image and no MRZ text');

    progress('store', 'Storing the captured images', 0.05);
    let t = performance.now();
    // Every image is read and decoded before any is kept: one bad file refuses the capture whole.
    const checked = await Promise.all(capture.images.map((img) => this.checkImage(img.light, img.path)));
    const stored = checked.map((c) => this.storeImage(c));
    timings.store = performance.now() - t;

    progress('mrz', 'Reading the machine readable zone', 0.25);
    t = performance.now();
    const paths: Partial<Record<Light, string>> = Object.fromEntries(stored.map((s) => [s.image.light, s.path]));
    // Decoding for the security checks runs in sharp's threads while the MRZ is read.
    const decoded = this.security && stored.length > 0 ? this.security.decode(paths) : undefined;
    decoded?.catch(() => undefined);
    const read = await this.readMrz(capture, stored);
    timings.mrz = performance.now() - t;

    progress('checks', 'Checking security features under each light', 0.7);
    t = performance.now();
    const security = this.security && stored.length > 0 ? await this.security.run(paths, read, decoded) : null;
    timings.checks = performance.now() - t;
    // The reading as the printed page left it: uncertain characters it settled are listed as such.
    const mrz = security ? security.mrz : read;
    // Every kind of evidence in the registry's order; the face checks report "no live capture" until the portraits are analysed.
    const checks = [
      ...runChecks('mrz', mrz),
      ...(security?.checks ?? []),
      ...runChecks('capture', { lights: [...lights], chipRead: false, securityChecks: security !== null }),
      // Evidence other domains bring later (the chip): their checks say why they have not run yet.
      ...initialRegisteredResults(),
      ...runChecks('face', null),
    ];
    const fields = mrz?.fields ?? {};
    const draft: Omit<Examination, 'verdict'> = {
      id: randomUUID(),
      createdAt: this.now().toISOString(),
      station: this.station,
      officer,
      source: capture.source,
      images: stored.map((s) => s.image),
      mrz,
      document: { format: mrz?.format ?? null, documentCode: fields.documentCode ?? null, issuer: fields.issuingState ?? null },
      checks,
      decision: null,
      timingsMs: {},
      identification: security?.identification ?? null,
      reviews: [],
      warnings: security?.warnings ?? [],
    };
    timings.total = performance.now() - started;
    draft.timingsMs = Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v * 10) / 10]));
    const exam = this.stored.create(draft, officer, { action: 'examination.create', details: { source: capture.source, lights: [...lights] } });
    progress('done', 'Examination ready', 1);
    for (const listener of this.createdListeners) listener(exam, officer);
    return exam;
  }

  get(id: string, officer: Officer | null): Examination {
    const exam = this.stored.read(id);
    this.store.audit({ officer, action: 'examination.open', subject: id });
    return exam;
  }

  /**
   * Records a decision as a new version (the earlier ones stay), with the overall verdict it was
   * taken against. "Genuine" on a failed or expired document is refused without a confirming reason.
   */
  decide(id: string, input: DecisionInput, officer: Officer): Examination {
    const decidedAt = this.now().toISOString();
    return this.stored.apply(
      id,
      (exam) => {
        const overall = exam.overall!;
        if (decisionNeedsConfirmation(input.verdict, overall) && !input.confirmation) {
          const why = overall.level === 'fail' && overall.expired ? 'failed its checks and has expired' : overall.level === 'fail' ? 'failed its checks' : 'has expired';
          throw new LoupeError('examination', 'ConfirmationRequired', `This document ${why}: to record it as genuine, give the reason that confirms it.`);
        }
        const decision: Decision = { ...input, officer, decidedAt, basis: { level: overall.level, expired: overall.expired !== null } };
        return { decision };
      },
      officer,
      { action: 'examination.decide', details: { verdict: input.verdict, reasons: input.reasons.length, confirmed: input.confirmation !== undefined } },
    );
  }

  /** Stops the OCR workers of the checks. */
  async close(): Promise<void> {
    // A capture from a hot folder or serial reader may still be in the checks when the station
    // closes; its OCR jobs would otherwise meet a terminated worker.
    await Promise.all([...this.running]);
    await this.security?.close();
  }

  review(id: string, input: FindingReviewInput, officer: Officer): Examination {
    const review = { ...input, officer, at: this.now().toISOString() };
    return this.stored.apply(
      id,
      (exam) => {
        if (!exam.checks.some((c) => c.id === input.checkId)) throw new LoupeError('examination', 'InvalidInput', `examination ${id} has no check '${input.checkId}'`);
        // A later review of the same finding supersedes the earlier one; both stay in the audit log.
        return { reviews: [...(exam.reviews ?? []).filter((r) => r.checkId !== input.checkId), review] };
      },
      officer,
      { action: 'finding.review', details: { checkId: input.checkId, verdict: input.verdict } },
    );
  }

  /**
   * The officer confirms or corrects an uncertain MRZ character after comparing it with the printed
   * page: the reading is verified again and the MRZ checks (and so the verdict) follow it. A later
   * word on the same character supersedes the earlier one; both stay in the audit log.
   */
  reviewMrzCharacter(id: string, input: MrzCharacterReviewInput, officer: Officer): Examination {
    return this.stored.apply(
      id,
      (exam) => {
        const earlier = exam.mrzReviews ?? [];
        const reviewed = reviewMrzCharacter(exam.mrz, input, earlier, this.now());
        const review = { ...input, read: reviewed.read, alternatives: reviewed.alternatives, checkDigitsHold: reviewed.checkDigitsHold, officer, at: this.now().toISOString() };
        const mrz = reviewed.reading;
        const fields = mrz.fields;
        return {
          mrz: { reading: mrz, document: { format: mrz.format, documentCode: fields.documentCode ?? null, issuer: fields.issuingState ?? null } },
          results: { evidence: 'mrz', checks: runChecks('mrz', mrz) },
          mrzReviews: [...earlier.filter((r) => !(r.line === input.line && r.column === input.column)), review],
        };
      },
      officer,
      // The characters themselves are personal data: the audit log names the position and the action only.
      { action: 'mrz.character-review', details: { line: input.line, column: input.column, action: input.action } },
    );
  }

  private async checkImage(light: Light, path: string): Promise<CheckedImage> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : (code ?? String(err));
      const message = `cannot read the ${light} image ${path}: ${reason}`;
      throw code === 'EISDIR' ? new LoupeError('imaging', 'InvalidInput', message, { details: [{ light }] }) : new LoupeError('imaging', 'ImageNotFound', message, { details: [{ light }] });
    }
    try {
      const { width, height, density } = await openCompleteImage(bytes, path);
      const mime = (await sharp(bytes).metadata()).format;
      return { light, path, bytes, width, height, mime, ...(density ? { density } : {}) };
    } catch (err) {
      // Which light's image was refused: a device's capture is reported by light, not by its staging path.
      if (err instanceof LoupeError) throw new LoupeError(err.domain, err.kind, err.message, { cause: err, details: [{ light }] });
      throw err;
    }
  }

  private storeImage(c: CheckedImage): { image: CaptureImage; path: string } {
    const { light, bytes, width, height, mime, density } = c;
    const stored = this.store.putImage(bytes, mime ? `image/${mime === 'jpeg' ? 'jpeg' : mime}` : (MIME[extname(c.path).toLowerCase()] ?? 'application/octet-stream'));
    return { image: { light, hash: stored.hash, width, height, mime: mime ? `image/${mime}` : 'application/octet-stream', ...(density ? { dpi: density } : {}) }, path: stored.path };
  }

  private async readMrz(capture: CaptureInput, stored: { image: CaptureImage; path: string }[]): Promise<MrzReading | null> {
    if (capture.mrzText && capture.mrzText.length > 0) return readMrzText(capture.mrzText, { source: 'serial', now: this.now() });
    const white = stored.find((s) => s.image.light === 'white');
    if (capture.mrzReading) {
      const { geometry } = capture.mrzReading;
      return { ...capture.mrzReading, ...(geometry && white ? { geometry: { ...geometry, image: white.path } } : {}) };
    }
    const ir = stored.find((s) => s.image.light === 'ir');
    const primary = white ?? ir;
    if (!primary) return null;
    return readMrzFromImage(primary.path, { ...(ir && white ? { irPath: ir.path } : {}), now: this.now() });
  }
}
