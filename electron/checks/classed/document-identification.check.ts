// Document identification as a check: which reference class the page matches, how well, and
// whether the page belongs to a class the MRZ does not claim (a page from another series).
import type { CheckResult } from '../../contract/examination.contract';
import { IDENTIFICATION_THRESHOLD, isUnknown, type UnknownDocument } from '../../identify/identify-document';
import { CHECK_IDS } from '../check-ids';
import type { CheckInput, Identification } from '../check-input';
import type { Check } from '../check-model';
import { notPerformed, result } from '../check-outcome';
import { CLAUSE, fmt } from './classed-common';

const TITLE = 'Document identification';
const EXPECTED = `the page matches one reference class of the MRZ's candidates (score ≥ ${IDENTIFICATION_THRESHOLD})`;

/**
 * Below this score the match is reported as weak (warn). Genuine captures score ≥ 0.67 (light) / 0.46 (heavy),
 * medians 0.83 / 0.66 (test/integration/identify); other designs of the same format score 0.
 */
export const WEAK_MATCH = 0.4;
/** A runner-up this close to the best is an ambiguous identification. */
const AMBIGUOUS_MARGIN = 0.1;

/** The result for an identification outcome, including the unknown case (the orchestrator keeps it). */
export function identificationResult(outcome: Identification | UnknownDocument | null): CheckResult {
  if (!outcome) return notPerformed(documentIdentificationCheck, 'no identification was attempted', CLAUSE);
  if (isUnknown(outcome)) {
    const compared = outcome.candidates.filter((c) => !c.error);
    if (!compared.length) return notPerformed(documentIdentificationCheck, outcome.reason, CLAUSE);
    const best = compared[0]!;
    return result(documentIdentificationCheck, {
      status: 'fail',
      measured: `best candidate ${best.id} scores ${fmt(best.score)}`,
      expected: EXPECTED,
      evidence: [],
      explanation: `${outcome.reason}. The MRZ claims a class whose reference the page does not match: a page from another series, a counterfeit, or a series missing from the library.`,
    });
  }
  const others = outcome.candidates.filter((c) => c.id !== outcome.cls.id);
  const second = others[0];
  const weak = outcome.score < WEAK_MATCH;
  const ambiguous = second !== undefined && outcome.score - second.score < AMBIGUOUS_MARGIN;
  const secondText = second ? `; next best ${second.id} ${fmt(second.score)}` : '';
  return result(documentIdentificationCheck, {
    status: weak || ambiguous ? 'warn' : 'pass',
    measured: `${outcome.cls.id} (${outcome.cls.series}) score ${fmt(outcome.score)}${secondText}`,
    expected: EXPECTED,
    evidence: [],
    explanation: weak
      ? 'The page matches its class only weakly: check the capture quality, then compare with the reference under each light.'
      : ambiguous
        ? 'Two classes match almost equally: confirm the series by its distinctive features.'
        : `The page matches the reference of ${outcome.cls.documentType} ${outcome.cls.series}.`,
  });
}

export const documentIdentificationCheck: Check<'document'> = {
  id: CHECK_IDS.identification,
  title: TITLE,
  layer: 'physical',
  expected: EXPECTED,
  needs: { evidence: 'document', lights: ['white'], identified: true, mrz: false },
  run: (input: CheckInput) => (input.identification ? identificationResult(input.identification) : notPerformed(documentIdentificationCheck, 'the document was not identified', CLAUSE)),
};
