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
    if (outcome.matches) {
      // The page is a class the library knows, and not one its MRZ can belong to.
      return result(documentIdentificationCheck, {
        status: 'fail',
        measured: `the page matches ${outcome.matches.id} (score ${fmt(outcome.matches.score)}), which the MRZ does not claim; best claimed candidate ${best.id} scores ${fmt(best.score)}`,
        expected: EXPECTED,
        evidence: [],
        explanation: `The page is ${outcome.matches.label}, but its MRZ names another document type or series: a page from another series, or an MRZ that does not belong to this page.`,
      });
    }
    // Matching no class at all is what a new series looks like as much as a counterfeit: a warning
    // for the officer to examine the features by hand, never a forgery finding by itself.
    return result(documentIdentificationCheck, {
      status: 'warn',
      measured: `series not in the library: best candidate ${best.id} scores ${fmt(best.score)}`,
      expected: EXPECTED,
      evidence: [],
      explanation: `${outcome.reason}. The page matches none of the library's classes for the issuer and document type its MRZ names: a series not in the library (a new issue), or a counterfeit. Examine the security features by hand and have an expert add the series.`,
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
