// Data-integrity checks derived from the MRZ reading (ICAO 9303 Parts 3–7). Pure: reading → results.
// Without an MRZ only "Machine readable zone" reports (a failure); with one, the check digits, the
// structure and the dates, and the reader's corrections when it made any.
import type { Evidence } from '../contract/examination.contract';
import type { MrzFinding, MrzReading } from '../contract/mrz.contract';
import { MRZ_CHECK_IDS } from './check-ids';
import type { Check } from './check-model';
import { result } from './check-outcome';

const SYNTAX = new Set(['character-class', 'illegal-character', 'document-code', 'unknown-state', 'sex', 'filler-misuse']);
const DATES_FAIL = new Set(['impossible-date', 'date-order']);

function mrzEvidence(findings: MrzFinding[]): Evidence[] {
  return findings
    .filter((f) => f.line !== undefined && f.start !== undefined && f.end !== undefined)
    .map((f) => ({ mrz: { line: f.line!, start: f.start!, end: f.end! }, note: f.message }));
}

const read = (reading: MrzReading | null): reading is MrzReading => reading !== null && reading.format !== null;

export const mrzPresentCheck: Check<'mrz'> = {
  id: MRZ_CHECK_IDS.present,
  title: 'Machine readable zone',
  layer: 'data-integrity',
  expected: 'a TD1, TD2, TD3 or MRV machine readable zone',
  needs: { evidence: 'mrz' },
  run(reading) {
    if (reading && reading.format !== null) return null;
    const why = reading?.findings.map((f) => f.message).join('; ') || 'no MRZ source was available';
    return result(mrzPresentCheck, {
      status: 'fail',
      measured: 'no MRZ read',
      expected: mrzPresentCheck.expected,
      evidence: [],
      explanation: `${why}. Check the document is placed flat and fully on the scanner; a travel document without a readable MRZ must be examined manually.`,
    });
  },
};

export const mrzCheckDigitsCheck: Check<'mrz'> = {
  id: MRZ_CHECK_IDS.checkDigits,
  title: 'MRZ check digits',
  layer: 'data-integrity',
  expected: 'every check digit verifies (Part 3 §4.9, weights 7-3-1)',
  needs: { evidence: 'mrz' },
  run(reading) {
    if (!read(reading)) return null;
    const checkDigits = reading.findings.filter((x) => x.code === 'check-digit');
    const unresolved = reading.findings.filter((x) => x.code === 'ambiguous-repair' || x.code === 'repair-failed');
    return result(mrzCheckDigitsCheck, {
      status: checkDigits.length === 0 ? 'pass' : 'fail',
      measured: checkDigits.length === 0 ? 'all check digits verify' : `${checkDigits.length} check digit(s) do not verify`,
      expected: mrzCheckDigitsCheck.expected,
      evidence: mrzEvidence(checkDigits),
      explanation:
        checkDigits.length === 0
          ? 'The data protected by check digits is internally consistent.'
          : `${checkDigits.map((x) => x.message).join('; ')}.${unresolved.length ? ' The reader could not resolve it from look-alike characters.' : ''} A check-digit failure points to altered data, a counterfeit MRZ, or a damaged print.`,
    });
  },
};

export const mrzSyntaxCheck: Check<'mrz'> = {
  id: MRZ_CHECK_IDS.syntax,
  title: 'MRZ structure and codes',
  layer: 'data-integrity',
  expected: 'characters of the right class in every field, ICAO state codes, valid sex and document code',
  needs: { evidence: 'mrz' },
  run(reading) {
    if (!read(reading)) return null;
    const syntax = reading.findings.filter((x) => SYNTAX.has(x.code) && x.severity === 'fail');
    return result(mrzSyntaxCheck, {
      status: syntax.length === 0 ? 'pass' : 'fail',
      measured: syntax.length === 0 ? `${reading.format} layout, valid codes` : syntax.map((x) => x.message).join('; '),
      expected: mrzSyntaxCheck.expected,
      evidence: mrzEvidence(syntax),
      explanation: syntax.length === 0 ? 'Layout, codes and field syntax conform to ICAO 9303.' : 'Fields that break the MRZ syntax are typical of hand-made or re-typed zones.',
    });
  },
};

export const mrzDatesCheck: Check<'mrz'> = {
  id: MRZ_CHECK_IDS.dates,
  title: 'MRZ dates',
  layer: 'data-integrity',
  expected: 'real calendar dates; expiry after birth; document not expired',
  needs: { evidence: 'mrz' },
  run(reading) {
    if (!read(reading)) return null;
    const dates = reading.findings.filter((x) => DATES_FAIL.has(x.code));
    const expired = reading.findings.filter((x) => x.code === 'expired');
    return result(mrzDatesCheck, {
      status: dates.length > 0 ? 'fail' : expired.length > 0 ? 'warn' : 'pass',
      measured: [...dates, ...expired].map((x) => x.message).join('; ') || 'dates valid and in order',
      expected: mrzDatesCheck.expected,
      evidence: mrzEvidence([...dates, ...expired]),
      explanation:
        dates.length > 0
          ? 'Impossible or inconsistent dates are a strong sign of altered data.'
          : expired.length > 0
            ? 'The document has expired: it is not valid for travel, whatever its authenticity.'
            : 'Birth and expiry dates are plausible.',
    });
  },
};

export const mrzCorrectionsCheck: Check<'mrz'> = {
  id: MRZ_CHECK_IDS.corrections,
  title: 'MRZ reading corrections',
  layer: 'data-integrity',
  expected: 'a reading without corrections',
  needs: { evidence: 'mrz' },
  run(reading) {
    if (!read(reading) || !reading.repaired) return null;
    return result(mrzCorrectionsCheck, {
      status: 'warn',
      measured: `${reading.corrections.length} character(s) corrected by the reader`,
      expected: mrzCorrectionsCheck.expected,
      evidence: reading.corrections.map((c) => ({ mrz: { line: c.line, start: c.column, end: c.column + 1 }, note: `'${c.read}' → '${c.corrected}': ${c.reason}` })),
      explanation: 'The reader corrected look-alike characters. Compare the highlighted characters with the printed zone before relying on them.',
    });
  },
};
