// Data-integrity checks derived from the MRZ reading (ICAO 9303 Parts 3–7). Pure: reading → results.
import type { CheckResult, Evidence } from '../contract/examination.contract';
import type { MrzFinding, MrzReading } from '../contract/mrz.contract';

const SYNTAX = new Set(['character-class', 'illegal-character', 'document-code', 'unknown-state', 'sex', 'filler-misuse']);
const DATES_FAIL = new Set(['impossible-date', 'date-order']);

function mrzEvidence(findings: MrzFinding[]): Evidence[] {
  return findings
    .filter((f) => f.line !== undefined && f.start !== undefined && f.end !== undefined)
    .map((f) => ({ mrz: { line: f.line!, start: f.start!, end: f.end! }, note: f.message }));
}

function result(id: string, title: string, partial: Omit<CheckResult, 'id' | 'title' | 'layer'>): CheckResult {
  return { id, title, layer: 'data-integrity', ...partial };
}

export function mrzIntegrityChecks(reading: MrzReading | null): CheckResult[] {
  if (!reading || reading.format === null) {
    const why = reading?.findings.map((f) => f.message).join('; ') || 'no MRZ source was available';
    return [
      result('mrz.present', 'Machine readable zone', {
        status: 'fail',
        measured: 'no MRZ read',
        expected: 'a TD1, TD2, TD3 or MRV machine readable zone',
        evidence: [],
        explanation: `${why}. Check the document is placed flat and fully on the scanner; a travel document without a readable MRZ must be examined manually.`,
      }),
    ];
  }
  const f = reading.findings;
  const checkDigits = f.filter((x) => x.code === 'check-digit');
  const syntax = f.filter((x) => SYNTAX.has(x.code) && x.severity === 'fail');
  const dates = f.filter((x) => DATES_FAIL.has(x.code));
  const expired = f.filter((x) => x.code === 'expired');
  const unresolved = f.filter((x) => x.code === 'ambiguous-repair' || x.code === 'repair-failed');
  const checks: CheckResult[] = [
    result('mrz.check-digits', 'MRZ check digits', {
      status: checkDigits.length === 0 ? 'pass' : 'fail',
      measured: checkDigits.length === 0 ? 'all check digits verify' : `${checkDigits.length} check digit(s) do not verify`,
      expected: 'every check digit verifies (Part 3 §4.9, weights 7-3-1)',
      evidence: mrzEvidence(checkDigits),
      explanation:
        checkDigits.length === 0
          ? 'The data protected by check digits is internally consistent.'
          : `${checkDigits.map((x) => x.message).join('; ')}.${unresolved.length ? ' The reader could not resolve it from look-alike characters.' : ''} A check-digit failure points to altered data, a counterfeit MRZ, or a damaged print.`,
    }),
    result('mrz.syntax', 'MRZ structure and codes', {
      status: syntax.length === 0 ? 'pass' : 'fail',
      measured: syntax.length === 0 ? `${reading.format} layout, valid codes` : syntax.map((x) => x.message).join('; '),
      expected: 'characters of the right class in every field, ICAO state codes, valid sex and document code',
      evidence: mrzEvidence(syntax),
      explanation: syntax.length === 0 ? 'Layout, codes and field syntax conform to ICAO 9303.' : 'Fields that break the MRZ syntax are typical of hand-made or re-typed zones.',
    }),
    result('mrz.dates', 'MRZ dates', {
      status: dates.length > 0 ? 'fail' : expired.length > 0 ? 'warn' : 'pass',
      measured: [...dates, ...expired].map((x) => x.message).join('; ') || 'dates valid and in order',
      expected: 'real calendar dates; expiry after birth; document not expired',
      evidence: mrzEvidence([...dates, ...expired]),
      explanation:
        dates.length > 0
          ? 'Impossible or inconsistent dates are a strong sign of altered data.'
          : expired.length > 0
            ? 'The document has expired: it is not valid for travel, whatever its authenticity.'
            : 'Birth and expiry dates are plausible.',
    }),
  ];
  if (reading.repaired) {
    checks.push(
      result('mrz.corrections', 'MRZ reading corrections', {
        status: 'warn',
        measured: `${reading.corrections.length} character(s) corrected by the reader`,
        expected: 'a reading without corrections',
        evidence: reading.corrections.map((c) => ({ mrz: { line: c.line, start: c.column, end: c.column + 1 }, note: `'${c.read}' → '${c.corrected}': ${c.reason}` })),
        explanation: 'The reader corrected look-alike characters. Compare the highlighted characters with the printed zone before relying on them.',
      }),
    );
  }
  return checks;
}
