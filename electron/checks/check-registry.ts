// Every check, registered once, under the evidence it reads (check-model.ts), in the order the
// examination reports them. Checks run when their evidence arrives: the MRZ, document and capture
// checks when the examination is made (the document checks through examination/security-checks.ts,
// which decodes and identifies the capture first), the face checks again whenever the portraits are
// analysed; their results then replace the earlier ones of the same evidence (replaceResults).
//
// To add a check of an existing kind of evidence: write one file that exports a `Check<'…'>` (its
// id in check-ids.ts, its results built with check-outcome.ts) and list it below. A domain that
// brings a new kind of evidence (the chip's data groups) keeps its checks in its own folder: it
// declares the evidence by augmenting CheckEvidence from its own file
//   declare module '../checks/check-model' { interface CheckEvidence { chip: ChipEvidence } }
// and the composition root registers its checks once with registerChecks('chip', [...]); the
// domain hands their results to ExaminationRecords.apply (electron/examination/examination-records.ts),
// where they replace the earlier ones of that evidence. No file of this domain changes. A registered
// check may take over a layer's placeholder (the chip layers' "not read at this station"): the
// placeholder then stands aside, and the registered checks report on their evidence before it
// arrives (initialRegisteredResults) when the examination is made.
import type { CheckResult } from '../contract/examination.contract';
import { bearerFaceCheck, facePlausibilityCheck, portraitGhostCheck } from './bearer-match.checks';
import { PENDING_CHECK_IDS } from './check-ids';
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

/** The checks of the evidence this domain knows, in report order. */
export const CHECKS: { readonly [K in BuiltinEvidence]: readonly Check<K>[] } = {
  mrz: [mrzPresentCheck, mrzCheckDigitsCheck, mrzSyntaxCheck, mrzDatesCheck, mrzCorrectionsCheck],
  document: [...genericChecks, ...classedChecks],
  capture: [passiveAuthenticationPending, chipGenuinenessPending, securityFeaturesPending],
  face: [bearerFaceCheck, portraitGhostCheck, facePlausibilityCheck],
};
type BuiltinEvidence = 'mrz' | 'document' | 'capture' | 'face';

/** Checks of evidence other domains bring (registerChecks), by kind, with their evidence before it arrives. */
const registered = new Map<EvidenceKind, { checks: readonly Check[]; before?: () => unknown }>();

/** The placeholders of layers this station could not examine, which a registered check may take over (check-ids.ts). */
const PLACEHOLDERS = new Set<string>([PENDING_CHECK_IDS.passiveAuthentication, PENDING_CHECK_IDS.chipGenuineness]);

/**
 * Registers the checks of a kind of evidence another domain brings (once, from the composition
 * root). A kind is registered once, and a check id belongs to one kind only — except the
 * placeholders of the chip layers, which a registered check of the same id replaces. `before` gives
 * the evidence as it stands when an examination is made (the chip not read yet, or no reader): the
 * checks run on it then, so their layers say why they were not performed until the evidence arrives.
 */
export function registerChecks<K extends EvidenceKind>(kind: K, checks: readonly Check<K>[], options: { before?: () => CheckEvidence[K] } = {}): void {
  if (Object.prototype.hasOwnProperty.call(CHECKS, kind) || registered.has(kind)) throw new Error(`the checks of evidence '${kind}' are already registered`);
  const known = new Set<string>(allChecks().map((c) => c.id).filter((id) => !PLACEHOLDERS.has(id)));
  const clash = checks.find((c) => known.has(c.id));
  if (clash) throw new Error(`check '${clash.id}' is already registered`);
  registered.set(kind, { checks: checks as readonly Check[], ...(options.before ? { before: options.before } : {}) });
}

/** The checks of one kind of evidence, in report order (none when the kind was never registered). */
export function checksOf<K extends EvidenceKind>(kind: K): readonly Check<K>[] {
  const own = (CHECKS as Partial<Record<EvidenceKind, readonly Check[]>>)[kind];
  if (own) {
    // A placeholder stands aside once a registered check of its id reports the layer.
    const taken = new Set([...registered.values()].flatMap((r) => r.checks.map((c) => c.id)));
    return own.filter((c) => !taken.has(c.id)) as unknown as readonly Check<K>[];
  }
  return (registered.get(kind)?.checks ?? []) as readonly Check<K>[];
}

/** The results of the registered checks on their evidence before it arrives (see registerChecks), in registration order. */
export function initialRegisteredResults(): CheckResult[] {
  return [...registered.entries()].flatMap(([kind, r]) => (r.before ? runChecks(kind as Exclude<EvidenceKind, 'document'>, r.before() as never) : []));
}

/** Whether the checks of a kind of evidence are registered (a process may compose the station more than once). */
export function hasRegisteredChecks(kind: EvidenceKind): boolean {
  return registered.has(kind);
}

function allChecks(): readonly Check[] {
  return [...(Object.values(CHECKS) as (readonly Check[])[]).flat(), ...[...registered.values()].flatMap((r) => r.checks)];
}

/**
 * The results of the checks of one kind of evidence that need no waiting (all but the document's),
 * in registration order; a check that does not apply is left out, one that throws reports why.
 */
export function runChecks<K extends Exclude<EvidenceKind, 'document'>>(kind: K, evidence: CheckEvidence[K]): CheckResult[] {
  const checks: readonly Check<K>[] = checksOf(kind);
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
  const ids = new Set<string>(checksOf(kind).map((c) => c.id));
  const stray = fresh.find((r) => !ids.has(r.id));
  if (stray) throw new Error(`result '${stray.id}' is not a result of the ${kind} checks`);
  return [...checks.filter((c) => !ids.has(c.id)), ...fresh];
}
