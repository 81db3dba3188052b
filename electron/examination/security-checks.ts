// Runs the security-feature checks on a capture: decode every light once, identify the document
// against the reference library (candidates from the MRZ, then image comparison), then every generic
// and class-specific check. A check that cannot run is 'not-performed' with its reason; a check that
// throws never takes the examination down.
import { LoupeError } from '../common/loupe-error';
import { classedChecks, identificationResult } from '../checks/classed';
import { CHECK_IDS, type Check, type CheckInput, type Identification, type LightImage } from '../checks/check-input';
import { decodeCaptureImages } from '../checks/generic/decode-capture';
import { genericChecks, shutdownVizOcr } from '../checks/generic';
import type { CheckResult, IdentificationSummary } from '../contract/examination.contract';
import type { MrzReading } from '../contract/mrz.contract';
import { isIcaoFormat } from '../contract/mrz.contract';
import type { DocumentClass } from '../contract/reference.contract';
import { LIGHTS, type Light } from '../contract/specimen.contract';
import { identifyDocument } from '../identify';
import type { ReferenceLibrary } from '../reference';

type Decoded = Partial<Record<Light, LightImage>>;

function notPerformed(check: Check, reason: string): CheckResult {
  return {
    id: check.id,
    title: check.title,
    layer: 'physical',
    status: 'not-performed',
    measured: 'not measured',
    expected: '',
    evidence: [],
    explanation: reason,
  };
}

function failedToRun(check: Check, err: unknown): CheckResult {
  const reason = err instanceof LoupeError ? err.message : String((err as Error)?.message ?? err);
  return notPerformed(check, `The check could not run: ${reason}`);
}

function missingInputs(check: Check, input: CheckInput): string | null {
  const lights = check.needs.lights.filter((l) => !input.images[l]);
  if (lights.length) return `No ${lights.join(' / ')} image was captured.`;
  if (check.needs.mrz && !input.mrz?.format) return 'The MRZ could not be read.';
  if (check.needs.identified && !input.identification) return 'The document could not be identified against the reference library.';
  return null;
}

export class SecurityCheckRunner {
  /** Decoded reference images per class id (reference files do not change while a class keeps its version). */
  private readonly references = new Map<string, { version: number; images: Decoded }>();

  constructor(private readonly library: ReferenceLibrary) {}

  private async referenceImages(cls: DocumentClass): Promise<Decoded> {
    const cached = this.references.get(cls.id);
    if (cached && cached.version === cls.version) return cached.images;
    const paths: Partial<Record<Light, string>> = {};
    for (const light of LIGHTS) {
      const p = this.library.imagePath(cls.id, light);
      if (p) paths[light] = p;
    }
    const images = await decodeCaptureImages(paths);
    this.references.set(cls.id, { version: cls.version, images });
    return images;
  }

  /** Decodes the capture; start it early (it runs in sharp's threads while the MRZ is being read). */
  decode(paths: Partial<Record<Light, string>>): Promise<Decoded> {
    return decodeCaptureImages(paths);
  }

  async run(
    paths: Partial<Record<Light, string>>,
    mrz: MrzReading | null,
    decoded?: Promise<Decoded>,
  ): Promise<{ checks: CheckResult[]; identification: IdentificationSummary | null; timingsMs: Record<string, number> }> {
    const timings: Record<string, number> = {};
    let t = performance.now();
    const images = await (decoded ?? this.decode(paths));
    timings.decode = performance.now() - t;

    t = performance.now();
    const fields = mrz?.fields ?? {};
    // Reference classes are ICAO layouts; a national MRZ (French ID, Swiss licence) has none.
    const classes = mrz && isIcaoFormat(mrz.format)
      ? this.library.candidates({ format: mrz.format, documentCode: fields.documentCode ?? '', issuer: fields.issuingState ?? null })
      : [];
    const candidates = await Promise.all(classes.map(async (cls) => ({ cls, reference: await this.referenceImages(cls) })));
    const found = candidates.length ? identifyDocument(images, mrz, candidates) : null;
    const identification: Identification | null = found && !('unknown' in found) ? found : null;
    timings.identify = performance.now() - t;

    const input: CheckInput = { images, mrz, identification };
    t = performance.now();
    // Checks that wait on an OCR worker start first, so the synchronous ones run while it works.
    const all = [...genericChecks, ...classedChecks].sort((a, b) => Number(b.id === CHECK_IDS.vizMrz) - Number(a.id === CHECK_IDS.vizMrz));
    const started = all.map((check): CheckResult | Promise<CheckResult> => {
      if (check.id === CHECK_IDS.identification) {
        // Identification reports its own outcome, including "matches none of the MRZ's candidates".
        return found
          ? identificationResult(found)
          : notPerformed(check, mrz?.format ? 'The reference library has no class for this document type and issuer.' : 'The MRZ could not be read, so no reference class could be proposed.');
      }
      const missing = missingInputs(check, input);
      if (missing) return notPerformed(check, missing);
      try {
        return Promise.resolve(check.run(input)).catch((err: unknown) => failedToRun(check, err));
      } catch (err) {
        return failedToRun(check, err);
      }
    });
    const byId = new Map((await Promise.all(started)).map((r) => [r.id, r]));
    // Report in the declared order, not the start order.
    const checks = [...genericChecks, ...classedChecks].map((c) => byId.get(c.id)!).filter(Boolean);
    timings.checks = performance.now() - t;
    return {
      checks,
      identification: identification
        ? {
            classId: identification.cls.id,
            label: `${identification.cls.documentType} · ${identification.cls.series}`,
            score: identification.score,
            homography: identification.homography,
            candidates: identification.candidates,
          }
        : null,
      timingsMs: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v * 10) / 10])),
    };
  }

  async close(): Promise<void> {
    this.references.clear();
    await shutdownVizOcr();
  }
}
