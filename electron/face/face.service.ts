// The imposter check's service: finds the document portraits (printed, ghost), takes live captures
// of the holder, analyses every portrait, compares every pair, runs the bearer-match checks, and
// records the officer's feature checklist and conclusion. It hands its face section and results to
// the examination records (ExaminationRecords.apply), which merge them into the examination as it is
// then, recompute the verdict, save and audit: this service never saves an examination itself.
// Descriptors are kept in memory only (keyed by image hash and region); the examination stores the
// portraits' images, quality and comparisons — nothing biometric leaves the station's records.
import { LoupeError } from '../common/loupe-error';
import { runChecks } from '../checks/check-registry';
import { portraitName } from '../checks/portrait-names';
import type { Examination, Officer } from '../contract/examination.contract';
import { FaceThresholdSchema, type FaceAssessmentInput, type FaceSection, type FaceThreshold, type Portrait, type PortraitKind } from '../contract/face.contract';
import type { Box } from '../contract/capture.contract';
import type { ExaminationRecords } from '../examination/examination-records';
import type { ReferenceLibrary } from '../reference';
import { analyseFace, type FaceAnalysis } from './face-analyser';
import { comparePortraits, DEFAULT_THRESHOLD } from './face-compare';
import type { FaceEngine } from './face-engine';
import { plausibilityHints } from './face-plausibility';
import { mapZone, regionAroundFace } from './portrait-regions';

/** Images and settings; examinations are read and changed through ExaminationRecords. */
export interface FaceStore {
  putImage(bytes: Buffer, mime: string): { hash: string; path: string };
  imagePath(hash: string): string | null;
  getSetting<T>(key: string): T | undefined;
  setSetting(key: string, value: unknown): void;
  audit(entry: { officer: Officer | null; action: string; subject?: string; details?: Record<string, unknown> }): void;
}

const THRESHOLD_KEY = 'face.threshold';
/** The portraits whose apparent age and sex are held against the MRZ, in the order hints are given. */
const PLAUSIBILITY_KINDS: readonly PortraitKind[] = ['live', 'printed', 'chip'];
const MAX_UPLOAD_BYTES = 700_000;

interface Source {
  id: string;
  kind: PortraitKind;
  hash: string;
  region: Box | null;
  locatedBy: Portrait['locatedBy'];
}

export class FaceService {
  /** Analyses by image hash + region: a retake re-analyses only the new capture. */
  private readonly cache = new Map<string, FaceAnalysis>();

  constructor(
    private readonly store: FaceStore,
    private readonly records: ExaminationRecords,
    private readonly library: ReferenceLibrary | null,
    private readonly engine: FaceEngine,
    private readonly now: () => Date = () => new Date(),
  ) {}

  threshold(): FaceThreshold {
    const saved = FaceThresholdSchema.safeParse(this.store.getSetting(THRESHOLD_KEY));
    return saved.success ? saved.data : DEFAULT_THRESHOLD;
  }

  /** Reads the station's threshold, after saving `update` when given (the face:settings handler audits it). */
  settings(update?: FaceThreshold) {
    if (update) this.store.setSetting(THRESHOLD_KEY, update);
    return { threshold: this.threshold(), defaultThreshold: DEFAULT_THRESHOLD };
  }

  /** Finds and analyses the document portraits and any live capture; saves the face section. */
  async analyse(id: string, officer: Officer | null): Promise<Examination> {
    const exam = this.exam(id);
    const sources = [...(await this.documentSources(exam)), ...this.captureSources(exam)];
    return this.run(exam, sources, officer);
  }

  /** Stores a live capture (or chip portrait image) and analyses again; a retake replaces the earlier one. */
  async addPortrait(id: string, kind: 'live' | 'chip', imageBase64: string, officer: Officer | null): Promise<Examination> {
    const bytes = Buffer.from(imageBase64.replace(/^data:image\/[a-z]+;base64,/, ''), 'base64');
    if (bytes.length > MAX_UPLOAD_BYTES) throw new LoupeError('imaging', 'ImageTooLarge', `the portrait image is too large (${bytes.length} bytes, at most ${MAX_UPLOAD_BYTES})`);
    return this.addPortraitImage(id, kind, bytes, officer);
  }

  /** The chip's portrait (DG2, decoded by the chip reading) joins the comparison: analysed, stored, every pair compared again. */
  async addChipPortrait(id: string, image: Buffer, officer: Officer | null): Promise<Examination> {
    return this.addPortraitImage(id, 'chip', image, officer);
  }

  private async addPortraitImage(id: string, kind: 'live' | 'chip', bytes: Buffer, officer: Officer | null): Promise<Examination> {
    const exam = this.exam(id);
    if (bytes.length < 16) throw new LoupeError('imaging', 'UnsupportedImage', 'the portrait image is empty');
    const mime = bytes[0] === 0xff && bytes[1] === 0xd8 ? 'image/jpeg' : bytes[0] === 0x89 && bytes[1] === 0x50 ? 'image/png' : null;
    if (!mime) throw new LoupeError('imaging', 'UnsupportedImage', 'the portrait must be a JPEG or PNG image');
    // Analyse before storing: a corrupt file is refused with its reason, nothing half-stored.
    const analysis = await analyseFace(this.engine, kind, bytes);
    const stored = this.store.putImage(bytes, mime);
    this.cache.set(`${stored.hash}:whole`, analysis);
    const others = this.captureSources(exam).filter((s) => s.kind !== kind);
    const sources = [...(await this.documentSources(exam)), ...others, { id: kind, kind, hash: stored.hash, region: null, locatedBy: 'whole-image' as const }];
    return this.run(exam, sources, officer);
  }

  assess(id: string, input: FaceAssessmentInput, officer: Officer): Examination {
    const assessment = { ...input, officer, at: this.now().toISOString() };
    return this.records.apply(
      id,
      (exam) => {
        if (!exam.face) throw new LoupeError('face', 'InvalidInput', `examination ${id} has no face comparison yet`);
        return { face: { ...exam.face, assessment } };
      },
      officer,
      { action: 'face.assess', details: { conclusion: input.conclusion, marks: input.checklist.length } },
    );
  }

  private exam(id: string): Examination {
    return this.records.read(id);
  }

  private captureSources(exam: Examination): Source[] {
    return (exam.face?.portraits ?? [])
      .filter((p) => p.kind === 'live' || p.kind === 'chip')
      .map((p) => ({ id: p.id, kind: p.kind, hash: p.sourceHash, region: p.region, locatedBy: p.locatedBy }));
  }

  /** Printed portrait and ghost image: the class's zones when identified, else faces found on the page. */
  private async documentSources(exam: Examination): Promise<Source[]> {
    const white = exam.images.find((i) => i.light === 'white');
    if (!white) return [];
    const cls = exam.identification && this.library?.find(exam.identification.classId)?.cls;
    if (cls && exam.identification) {
      const out: Source[] = [];
      for (const kind of ['printed', 'ghost'] as const) {
        const zone = cls.zones.find((z) => z.kind === (kind === 'printed' ? 'photo' : 'ghost'));
        const region = zone ? mapZone(exam.identification.homography, zone.box, white) : null;
        if (region) out.push({ id: kind, kind, hash: white.hash, region, locatedBy: 'reference-zone' });
      }
      if (out.some((s) => s.kind === 'printed')) return out;
    }
    // Unknown class: the largest face on the page is the portrait; a clearly smaller one the ghost image.
    const page = await this.analysed(white.hash, null, 'printed');
    const [first, second] = page.faceBoxes;
    const out: Source[] = [];
    if (first) out.push({ id: 'printed', kind: 'printed', hash: white.hash, region: regionAroundFace(first, white), locatedBy: 'face-detection' });
    if (first && second && second.w < first.w * 0.85) out.push({ id: 'ghost', kind: 'ghost', hash: white.hash, region: regionAroundFace(second, white), locatedBy: 'face-detection' });
    return out;
  }

  private async analysed(hash: string, region: Box | null, kind: PortraitKind): Promise<FaceAnalysis> {
    const key = `${hash}:${region ? `${region.x},${region.y},${region.w},${region.h}` : 'whole'}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const path = this.store.imagePath(hash);
    if (!path) throw new LoupeError('store', 'ImageNotStored', `image ${hash} is not stored`);
    const analysis = await analyseFace(this.engine, kind, path, region);
    // A small cache: the portraits of the examinations in hand, not a biometric database.
    if (this.cache.size > 32) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, analysis);
    return analysis;
  }

  private async run(exam: Examination, sources: Source[], officer: Officer | null): Promise<Examination> {
    const started = performance.now();
    const threshold = this.threshold();
    const analysed: { portrait: Portrait; descriptor: number[] | null; analysis: FaceAnalysis }[] = [];
    for (const s of sources) {
      const analysis = await this.analysed(s.hash, s.region, s.kind);
      const aligned = analysis.aligned ? this.store.putImage(analysis.aligned, 'image/jpeg').hash : null;
      const portrait: Portrait = {
        id: s.id,
        kind: s.kind,
        sourceHash: s.hash,
        region: s.region,
        locatedBy: s.locatedBy,
        alignedHash: aligned,
        // The same image may be analysed as another kind (page → printed): name the problems right.
        quality: { ...analysis.quality, problems: analysis.quality.problems.map((p) => p.replace(/^(printed portrait|ghost image|live capture|chip portrait)/, portraitName(s.kind))) },
        estimatedAge: analysis.estimatedAge,
        estimatedSex: analysis.estimatedSex,
      };
      analysed.push({ portrait, descriptor: analysis.descriptor, analysis });
    }
    const comparisons = comparePortraits(analysed, threshold);
    // Age and sex against the MRZ for the holder and for the document's own portraits (a substituted
    // photo of someone far younger, or of the other sex, shows there); the ghost image is too pale
    // and small for an estimate.
    const mrz = { birthDate: exam.mrz?.fields.birthDate ?? null, sex: exam.mrz?.fields.sex ?? null, expiryDate: exam.mrz?.fields.expiryDate ?? null };
    const hints = analysed
      .filter((a) => PLAUSIBILITY_KINDS.includes(a.portrait.kind) && a.portrait.quality.faceFound)
      .sort((a, b) => PLAUSIBILITY_KINDS.indexOf(a.portrait.kind) - PLAUSIBILITY_KINDS.indexOf(b.portrait.kind))
      .flatMap((a) =>
        plausibilityHints(
          { estimatedAge: a.portrait.estimatedAge, estimatedSex: a.portrait.estimatedSex, sexProbability: a.analysis.sexProbability },
          mrz,
          this.now(),
          portraitName(a.portrait.kind),
          a.portrait.kind !== 'live',
        ),
      );
    const face: FaceSection = {
      portraits: analysed.map((a) => a.portrait),
      comparisons,
      threshold,
      hints,
      analysedAt: this.now().toISOString(),
      timingsMs: { total: Math.round(performance.now() - started) },
      // A new capture makes the earlier checklist stale only when the live portrait changed.
      assessment: exam.face?.assessment && sameLive(exam.face, analysed.map((a) => a.portrait)) ? exam.face.assessment : null,
    };
    // The analysis takes a second or more: the records apply it to the examination as it is then,
    // so a review or decision recorded meanwhile is kept.
    return this.records.apply(exam.id, { face, results: { evidence: 'face', checks: runChecks('face', face) } }, officer, {
      action: 'face.compare',
      details: { portraits: face.portraits.map((p) => p.kind), bands: comparisons.map((c) => c.band) },
    });
  }
}

function sameLive(before: FaceSection, after: Portrait[]): boolean {
  const a = before.portraits.find((p) => p.kind === 'live')?.sourceHash;
  const b = after.find((p) => p.kind === 'live')?.sourceHash;
  return a === b;
}
