// From the examiner's verdict and the checks that failed to a proposed fraud type of the controlled
// taxonomy. Only a proposal: the examiner confirms or changes it in the dialog.
import type { CheckResult, DecisionVerdict } from '../contract/examination.contract';
import type { FraudType } from '../contract/trends.contract';
import { CHECK_IDS } from '../checks/check-ids';

/** Whether a verdict is a fraud verdict for which a trend record is proposed. */
export function isFraudVerdict(verdict: DecisionVerdict | null | undefined): boolean {
  return verdict === 'false-counterfeit' || verdict === 'false-forged' || verdict === 'false-pseudo' || verdict === 'fraud-impostor' || verdict === 'fraud-fraudulently-obtained';
}

function flagged(checks: readonly CheckResult[]): Set<string> {
  return new Set(checks.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => c.id));
}

export function proposeFraudType(verdict: DecisionVerdict, checks: readonly CheckResult[]): FraudType | null {
  const hit = flagged(checks);
  switch (verdict) {
    case 'false-counterfeit':
      return 'counterfeit';
    case 'false-pseudo':
      return 'pseudo-fantasy';
    case 'fraud-impostor':
      return 'impostor-look-alike';
    case 'fraud-fraudulently-obtained':
      return 'fraudulently-obtained-genuine';
    case 'false-forged':
      // The photo zone check sees a cut or a re-laminated portrait; printed data that contradicts the
      // MRZ, or MRZ data problems, point at altered data; a page that does not match the class
      // template while the rest of the book does suggests a substituted page.
      if (hit.has(CHECK_IDS.photoZone)) return 'forged-photo-substitution';
      if (hit.has(CHECK_IDS.vizMrz) || [...hit].some((id) => id.startsWith('mrz.') && id !== CHECK_IDS.mrzB900 && id !== CHECK_IDS.mrzGeometry)) return 'forged-data-alteration';
      if (hit.has(CHECK_IDS.visibleTemplate) || hit.has(CHECK_IDS.uvDullness)) return 'forged-page-substitution';
      return 'forged-other';
    default:
      return null;
  }
}
