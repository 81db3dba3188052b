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

  async run(paths: Partial<Record<Light, string>>, mrz: MrzReading | null): Promise<{ checks: CheckResult[]; identification: IdentificationSummary | null; timingsMs: Record<string, number> }> {
    const timings: Record<string, number> = {};
    let t = performance.now();
    const images = await decodeCaptureImages(paths);
    timings.decode = performance.now() - t;

    t = performance.now();
    const fields = mrz?.fields ?? {};
    const classes = mrz?.format
      ? this.library.candidates({ format: mrz.format, documentCode: fields.documentCode ?? '', issuer: fields.issuingState ?? null })
      : [];
    const candidates = await Promise.all(classes.map(async (cls) => ({ cls, reference: await this.referenceImages(cls) })));
    const found = candidates.length ? identifyDocument(images, mrz, candidates) : null;
    const identification: Identification | null = found && !('unknown' in found) ? found : null;
    timings.identify = performance.now() - t;

    const input: CheckInput = { images, mrz, identification };
    const checks: CheckResult[] = [];
    t = performance.now();
    for (const check of [...genericChecks, ...classedChecks]) {
      if (check.id === CHECK_IDS.identification) {
        // Identification reports its own outcome, including "matches none of the MRZ's candidates".
        checks.push(
          found
            ? identificationResult(found)
            : notPerformed(check, mrz?.format ? 'The reference library has no class for this document type and issuer.' : 'The MRZ could not be read, so no reference class could be proposed.'),
        );
        continue;
      }
      const missing = missingInputs(check, input);
      if (missing) {
        checks.push(notPerformed(check, missing));
        continue;
      }
      try {
        checks.push(await check.run(input));
      } catch (err) {
        const reason = err instanceof LoupeError ? err.message : String((err as Error)?.message ?? err);
        checks.push(notPerformed(check, `The check could not run: ${reason}`));
      }
    }
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
