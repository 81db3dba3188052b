// The officer's confirmation or correction of one uncertain MRZ character, applied to the reading:
// the character is settled (no longer uncertain), the check digits and the field syntax are verified
// again on the lines as they now stand (ICAO 9303 Part 3 §4.9), and what only the reader could know
// (an ambiguous field, an empty cell, an unfinished repair) is kept while it still applies.
// Pure: reading + review → reading.
import { LoupeError } from '../common/loupe-error';
import type { MrzCharacterReviewInput } from '../contract/examination.contract';
import type { MrzFinding, MrzReading } from '../contract/mrz.contract';
import { detectLayout, readMrzText } from '../mrz';
import { resolveChecks } from '../mrz/mrz-checks';

/** Findings only the image reader can make: the text path cannot make them again from the lines. */
const REPAIR_FINDINGS = new Set(['ambiguous-repair', 'repair-failed', 'repair-inconclusive', 'repair-residual-risk']);

export const OFFICER_CORRECTION_REASON = 'corrected by the officer after comparing with the printed page';

export interface ReviewedReading {
  reading: MrzReading;
  /** The character the reader had chosen, and its alternatives. */
  read: string;
  alternatives: string[];
  /** Every check digit verifies on the lines as they now stand. */
  checkDigitsHold: boolean;
}

const cellKey = (line: number, column: number): string => `${line}:${column}`;

/**
 * Applies the review. `earlier` lists cells the officer already reviewed: such a cell may be reviewed
 * again (the later word stands); any other cell must be one the reader listed as uncertain.
 */
export function reviewMrzCharacter(reading: MrzReading | null, input: MrzCharacterReviewInput, earlier: readonly { line: number; column: number; read: string; alternatives: string[] }[], now: Date): ReviewedReading {
  if (!reading || reading.format === null) throw new LoupeError('examination', 'InvalidInput', 'the examination has no MRZ reading to review');
  const text = reading.lines[input.line];
  const current = text?.[input.column];
  if (text === undefined || current === undefined) throw new LoupeError('examination', 'InvalidInput', `the MRZ has no character at line ${input.line + 1}, position ${input.column + 1}`);
  const uncertain = reading.uncertain.find((u) => u.line === input.line && u.column === input.column);
  const before = earlier.find((r) => r.line === input.line && r.column === input.column);
  if (!uncertain && !before) throw new LoupeError('examination', 'InvalidInput', `line ${input.line + 1}, position ${input.column + 1} of the MRZ is not an uncertain character`);
  if (input.action === 'confirmed' && input.char !== current) throw new LoupeError('examination', 'InvalidInput', `line ${input.line + 1}, position ${input.column + 1} reads '${current}', not '${input.char}': correct it instead`);
  if (input.action === 'corrected' && input.char === current) throw new LoupeError('examination', 'InvalidInput', `line ${input.line + 1}, position ${input.column + 1} already reads '${current}': confirm it instead`);

  const lines = reading.lines.map((l, i) => (i === input.line ? l.slice(0, input.column) + input.char + l.slice(input.column + 1) : l));
  const remaining = reading.uncertain.filter((u) => !(u.line === input.line && u.column === input.column));
  const again = readMrzText(lines, { source: 'text', repair: false, now });
  const checkDigitsHold = !again.findings.some((f) => f.code === 'check-digit');
  const findings = [...again.findings, ...readerFindings(reading, lines, remaining, checkDigitsHold)];
  const corrections =
    input.action === 'corrected'
      ? [...reading.corrections.filter((c) => !(c.line === input.line && c.column === input.column)), { line: input.line, column: input.column, read: before?.read ?? current, corrected: input.char, reason: OFFICER_CORRECTION_REASON }]
      : reading.corrections;
  const charConfidence = reading.charConfidence.map((row, l) => row.map((v, c) => (l === input.line && c === input.column ? 1 : v)));
  const next: MrzReading = {
    ...reading,
    lines,
    valid: !findings.some((f) => f.severity === 'fail'),
    repaired: corrections.length > 0,
    fields: again.fields,
    details: again.details,
    findings,
    corrections,
    charConfidence,
    uncertain: remaining,
  };
  return { reading: next, read: before?.read ?? current, alternatives: before?.alternatives ?? uncertain?.alternatives ?? [], checkDigitsHold };
}

/** The image reader's own findings that still apply once a character is settled. */
function readerFindings(reading: MrzReading, lines: string[], remaining: MrzReading['uncertain'], checkDigitsHold: boolean): MrzFinding[] {
  const open = new Set(remaining.map((u) => cellKey(u.line, u.column)));
  const layout = detectLayout(lines);
  const checks = layout ? resolveChecks(layout, lines) : [];
  const checkCells = (field: string | undefined): string[] => {
    const spec = checks.find((c) => c.field === field);
    if (!spec) return [];
    return [...spec.ranges.flatMap((r) => Array.from({ length: r.end - r.start }, (_, k) => cellKey(r.line, r.start + k))), cellKey(spec.line, spec.column)];
  };
  return reading.findings.filter((f) => {
    switch (f.code) {
      case 'empty-cell':
        return f.line !== undefined && f.start !== undefined && open.has(cellKey(f.line, f.start));
      case 'ambiguous-reading':
        // Two readings keep the check digits: the field stays ambiguous while one of its characters is open.
        return checkCells(f.field).some((k) => open.has(k));
      default:
        return REPAIR_FINDINGS.has(f.code) && !checkDigitsHold;
    }
  });
}
