// Every check, registered once, under the evidence it reads (check-model.ts), in the order the
// examination reports them. Checks run when their evidence arrives: the MRZ, document and capture
// checks when the examination is made (the document checks through examination/security-checks.ts,
// which decodes and identifies the capture first), the face checks again whenever the portraits are
// analysed; their results then replace the earlier ones of the same evidence (replaceResults).
//
// To add a check — the chip's passive authentication, say: write one file that exports a
// `Check<'…'>` (its id in check-ids.ts, its results built with check-outcome.ts) and list it
// below under the evidence it reads. A new kind of evidence (the chip's data groups) is one more
// entry in CheckEvidence and here, and the domain that produces it hands the results to
// ExaminationRecords.apply (electron/examination/examination-records.ts), where they replace the
// earlier ones of that evidence.
import type { CheckResult } from '../contract/examination.contract';
import { bearerFaceCheck, facePlausibilityCheck, portraitGhostCheck } from './bearer-match.checks';
import type { Check, CheckEvidence, EvidenceKind } from './check-model';
import { failedToRun } from './check-outcome';
import { documentIdentificationCheck, irFeaturesCheck, photoSubstitutionCheck, uvFeaturesCheck, visibleTemplateCheck, vizErasureCheck } from './classed';
import { mrzB900Check, mrzGeometryCheck, uvDullnessCheck, vizMrzConsistencyCheck } from './generic';
import { mrzCheckDigitsCheck, mrzCorrectionsCheck, mrzDatesCheck, mrzPresentCheck, mrzSyntaxCheck } from './mrz-integrity.checks';
import { chipGenuinenessPending, passiveAuthenticationPending, securityFeaturesPending } from './pending-layers.checks';

/** Generic checks of the capture: every document, identified or not (ICAO 9303 Part 2's minimum inspection). */
export const genericChecks: readonly Check<'document'>[] = [mrzB900Check, uvDullnessCheck, mrzGeometryCheck, vizMrzConsistencyCheck];

/** Class checks of the capture: the page against the identified class's reference. */
export const classedChecks: readonly Check<'document'>[] = [documentIdentificationCheck, uvFeaturesCheck, irFeaturesCheck, visibleTemplateCheck, vizErasureCheck, photoSubstitutionCheck];

export const CHECKS: { readonly [K in EvidenceKind]: readonly Check<K>[] } = {
  mrz: [mrzPresentCheck, mrzCheckDigitsCheck, mrzSyntaxCheck, mrzDatesCheck, mrzCorrectionsCheck],
  document: [...genericChecks, ...classedChecks],
  capture: [passiveAuthenticationPending, chipGenuinenessPending, securityFeaturesPending],
  face: [bearerFaceCheck, portraitGhostCheck, facePlausibilityCheck],
};

/**
 * The results of the checks of one kind of evidence that need no waiting (all but the document's),
 * in registration order; a check that does not apply is left out, one that throws reports why.
 */
export function runChecks<K extends Exclude<EvidenceKind, 'document'>>(kind: K, evidence: CheckEvidence[K]): CheckResult[] {
  const checks: readonly Check<K>[] = CHECKS[kind];
  const results: CheckResult[] = [];
  for (const check of checks) {
    try {
      const outcome = check.run(evidence) as CheckResult | null;
      if (outcome) results.push(outcome);
    } catch (err) {
      results.push(failedToRun(check, err));
    }
  }
  return results;
}

/** A check list with the results of one kind of evidence replaced by fresh ones (the face analysis runs again after a retake). */
export function replaceResults(checks: readonly CheckResult[], kind: EvidenceKind, fresh: readonly CheckResult[]): CheckResult[] {
  const ids = new Set<string>(CHECKS[kind].map((c) => c.id));
  const stray = fresh.find((r) => !ids.has(r.id));
  if (stray) throw new Error(`result '${stray.id}' is not a result of the ${kind} checks`);
  return [...checks.filter((c) => !ids.has(c.id)), ...fresh];
}
