// Runs the security-feature checks on a capture: decode every light once, identify the document
// against the reference library (candidates from the MRZ, then image comparison), then every generic
// and class-specific check. A check that cannot run is 'not-performed' with its reason; a check that
// throws never takes the examination down, and neither does a reference class that cannot be loaded:
// identification leaves it out, and when no class that loads matches the page, the document may be
// of that class, so the class-bound checks are 'not-performed' with its reason and the examination
// carries a warning (docs/reference-format.md, "Classes that cannot be loaded").
import { identificationResult } from '../checks/classed';
import { CHECK_IDS } from '../checks/check-ids';
import type { CheckInput, Identification, LightImage } from '../checks/check-input';
import type { Check } from '../checks/check-model';
import { failedToRun, notPerformed, type NotPerformedOptions } from '../checks/check-outcome';
import { CHECKS } from '../checks/check-registry';
import { decodeCaptureImages } from '../checks/generic/decode-capture';
import { shutdownVizOcr } from '../checks/generic';
import type { CheckResult, ExaminationWarning, IdentificationSummary } from '../contract/examination.contract';
import type { MrzReading } from '../contract/mrz.contract';
import { isIcaoFormat } from '../contract/mrz.contract';
import type { DocumentClass } from '../contract/reference.contract';
import { LIGHTS, type Light } from '../contract/capture.contract';
import { identifyDocument, isUnknown, type Candidate, type UnknownDocument } from '../identify';
import type { ReferenceLibrary } from '../reference';
import { settleFromVisualZone } from './viz-settling';

type Decoded = Partial<Record<Light, LightImage>>;

/**
 * The results this runner reports for a check (its input is missing, the class is unknown or cannot
 * be loaded, the check threw) have always been recorded in the physical layer and without an
 * expectation, whatever the check's own. They stay so, for stored and new examinations to read alike.
 */
const RUNNER: Pick<NotPerformedOptions, 'layer' | 'expected'> = { layer: 'physical', expected: '' };

/** A candidate class that cannot be loaded, with the reason in plain words (no station paths). */
interface UnavailableClass {
  cls: DocumentClass;
  reason: string;
}

function missingInputs(check: Check<'document'>, input: CheckInput, unavailable: string | null, unidentified: string): string | null {
  const lights = check.needs.lights.filter((l) => !input.images[l]);
  if (lights.length) return `No ${lights.join(' / ')} image was captured.`;
  if (check.needs.mrz && !input.mrz?.format) return 'The MRZ could not be read.';
  if (check.needs.identified && !input.identification) {
    return unavailable ? `${unavailable} The document could not be compared with it, so this check was not performed.` : unidentified;
  }
  return null;
}

/** Why the class-bound checks did not run on a document that was not identified. */
function unidentifiedReason(found: Identification | UnknownDocument | null): string {
  if (found && isUnknown(found) && found.candidates.some((c) => !c.error)) {
    return found.matches
      ? `The page matches ${found.matches.id}, a class its MRZ does not claim, so it was not compared as the claimed document.`
      : 'The series of this document is not in the reference library: the page matches none of its classes for this issuer and document type.';
  }
  return 'The document could not be identified against the reference library.';
}

function unavailableText(classes: UnavailableClass[]): string | null {
  return classes.length ? classes.map(({ cls, reason }) => `Reference class ${cls.id} could not be loaded: ${reason}.`).join(' ') : null;
}

export class SecurityCheckRunner {
  /** Decoded reference images per class id, for the files as the library last checked them (`stamp`). */
  private readonly references = new Map<string, { stamp: string; images: Decoded }>();

  constructor(private readonly library: ReferenceLibrary) {}

  private async referenceImages(cls: DocumentClass, stamp: string): Promise<Decoded> {
    const cached = this.references.get(cls.id);
    if (cached && cached.stamp === stamp) return cached.images;
    const paths: Partial<Record<Light, string>> = {};
    for (const light of LIGHTS) {
      const p = this.library.imagePath(cls.id, light);
      if (p) paths[light] = p;
    }
    const images = await decodeCaptureImages(paths);
    this.references.set(cls.id, { stamp, images });
    return images;
  }

  /**
   * The MRZ's candidate classes with their decoded images, and the candidates that cannot be loaded.
   * With `otherTypes`, the issuer's classes of the format that the MRZ's document code does not name
   * (minus `except`): a page that matches none of its candidates may still be one of those.
   */
  private async loadCandidates(mrz: MrzReading | null, otherTypes?: { except: Set<string> }): Promise<{ candidates: Candidate[]; unavailable: UnavailableClass[] }> {
    // Reference classes are ICAO layouts; a national MRZ (French ID, Swiss licence) has none.
    if (!mrz || !isIcaoFormat(mrz.format)) return { candidates: [], unavailable: [] };
    const fields = mrz.fields;
    const query = otherTypes ? { format: mrz.format, issuer: fields.issuingState ?? null } : { format: mrz.format, documentCode: fields.documentCode ?? '', issuer: fields.issuingState ?? null };
    const checked = await this.library.checkedCandidates(query);
    const usable = otherTypes ? checked.usable.filter(({ cls }) => !otherTypes.except.has(cls.id)) : checked.usable;
    const broken = otherTypes ? [] : checked.broken;
    const unavailable: UnavailableClass[] = [...broken];
    const loaded = await Promise.all(
      usable.map(async ({ cls, stamp }) => {
        try {
          return { cls, reference: await this.referenceImages(cls, stamp) };
        } catch {
          // The files changed between the library's check and this decode: check again for the reason.
          this.references.delete(cls.id);
          const again = await this.library.checkClass(cls.id).catch(() => null);
          unavailable.push({ cls, reason: again?.reason ?? 'its reference images could not be decoded' });
          return null;
        }
      }),
    );
    return { candidates: loaded.filter((c): c is Candidate => c !== null), unavailable };
  }

  /** Decodes the capture; start it early (it runs in sharp's threads while the MRZ is being read). */
  decode(paths: Partial<Record<Light, string>>): Promise<Decoded> {
    return decodeCaptureImages(paths);
  }

  async run(
    paths: Partial<Record<Light, string>>,
    mrz: MrzReading | null,
    decoded?: Promise<Decoded>,
  ): Promise<{ checks: CheckResult[]; identification: IdentificationSummary | null; warnings: ExaminationWarning[]; timingsMs: Record<string, number>; mrz: MrzReading | null }> {
    const timings: Record<string, number> = {};
    let t = performance.now();
    const images = await (decoded ?? this.decode(paths));
    timings.decode = performance.now() - t;

    t = performance.now();
    const { candidates, unavailable: broken } = await this.loadCandidates(mrz);
    let found = candidates.length ? identifyDocument(images, mrz, candidates) : null;
    if (found && isUnknown(found) && found.candidates.some((c) => !c.error)) {
      // The page is none of the classes its MRZ names. Is it one of the issuer's other classes
      // (another document type or series)? Then page and MRZ disagree; if not, its series is
      // simply not in the library.
      const { candidates: others } = await this.loadCandidates(mrz, { except: new Set(candidates.map((c) => c.cls.id)) });
      const elsewhere = others.length ? identifyDocument(images, mrz, others) : null;
      if (elsewhere && !isUnknown(elsewhere)) found = { ...found, matches: { id: elsewhere.cls.id, label: `${elsewhere.cls.documentType} · ${elsewhere.cls.series}`, score: elsewhere.score } };
    }
    const identification: Identification | null = found && !isUnknown(found) ? found : null;
    // A class that cannot be loaded could be the document's only when no class that loads matched:
    // then nothing can be said about the page, neither a match nor "another series".
    const unavailable = identification ? [] : broken;
    const unavailableReason = unavailableText(unavailable);
    timings.identify = performance.now() - t;

    const input: CheckInput = { images, mrz, identification };
    t = performance.now();
    // Checks that wait on an OCR worker start first, so the synchronous ones run while it works.
    const all = [...CHECKS.document].sort((a, b) => Number(b.id === CHECK_IDS.vizMrz) - Number(a.id === CHECK_IDS.vizMrz));
    const started = all.map((check): CheckResult | Promise<CheckResult> => {
      if (check.id === CHECK_IDS.identification) {
        // Identification reports its own outcome, including "matches none of the MRZ's candidates".
        if (identification) return identificationResult(identification);
        if (unavailableReason) {
          const others = found ? ' The page matches none of the classes that load.' : '';
          return notPerformed(check, `${unavailableReason}${others} The document could not be compared with it: examine it by hand and have the reference class replaced.`, RUNNER);
        }
        return found
          ? identificationResult(found)
          : notPerformed(check, mrz?.format ? 'The reference library has no class for this document type and issuer.' : 'The MRZ could not be read, so no reference class could be proposed.', RUNNER);
      }
      const missing = missingInputs(check, input, unavailableReason, unidentifiedReason(found));
      if (missing) return notPerformed(check, missing, RUNNER);
      try {
        return Promise.resolve(check.run(input)).catch((err: unknown) => failedToRun(check, err, RUNNER));
      } catch (err) {
        return failedToRun(check, err, RUNNER);
      }
    });
    const byId = new Map((await Promise.all(started)).map((r) => [r.id, r]));
    // Report in the declared order, not the start order.
    const checks = CHECKS.document.map((c) => byId.get(c.id)!).filter(Boolean);
    timings.checks = performance.now() - t;
    // Uncertain characters of names, nationality and sex: the identified page's printed fields may
    // settle them. A failure to read them settles nothing and takes nothing down.
    t = performance.now();
    const settled = identification ? await settleFromVisualZone(mrz, input).catch(() => mrz) : mrz;
    timings.settle = performance.now() - t;
    return {
      mrz: settled,
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
      warnings: unavailable.map(({ cls, reason }) => ({ kind: 'reference-class-unavailable', classId: cls.id, reason })),
      timingsMs: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v * 10) / 10])),
    };
  }

  async close(): Promise<void> {
    this.references.clear();
    await shutdownVizOcr();
  }
}
