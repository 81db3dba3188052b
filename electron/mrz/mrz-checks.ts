// Resolves the check digits of a layout against actual lines and evaluates them.
import { computeCheckDigitLenient } from './mrz-check-digit';
import type { MrzCheckSpec, MrzLayout, MrzRange } from './mrz-layouts';

export interface CheckOutcome {
  spec: MrzCheckSpec;
  /** The protected characters, concatenated. */
  data: string;
  expected: number;
  found: string;
  ok: boolean;
}

export const textOf = (lines: readonly string[], range: MrzRange): string =>
  (lines[range.line] ?? '').slice(range.start, range.end);

/**
 * Long document numbers (ICAO 9303 Part 5 §4.2.2 note j, Part 6 likewise): when the document number
 * check digit position holds '<', the number continues in the optional data, followed by its check
 * digit and a filler. Returns the extension range (without the check digit) and the digit column.
 */
export function longDocumentNumber(layout: MrzLayout, lines: readonly string[]): { ext: MrzRange; digitColumn: number } | null {
  const where = layout.longDocumentNumberIn;
  const docCheck = layout.checks.find((c) => c.field === 'documentNumberCheckDigit');
  if (!where || !docCheck) return null;
  if (lines[docCheck.line]?.[docCheck.column] !== '<') return null;
  const text = textOf(lines, where);
  if (text.startsWith('<')) return null;
  const stop = text.indexOf('<');
  const used = stop === -1 ? text.length : stop;
  if (used < 2) return null;
  return { ext: { line: where.line, start: where.start, end: where.start + used - 1 }, digitColumn: where.start + used - 1 };
}

/** The layout's checks with the long-document-number variant applied when present. */
export function resolveChecks(layout: MrzLayout, lines: readonly string[]): MrzCheckSpec[] {
  const long = longDocumentNumber(layout, lines);
  if (!long) return layout.checks;
  return layout.checks.map((c) =>
    c.field === 'documentNumberCheckDigit'
      ? {
          ...c, line: long.ext.line, column: long.digitColumn, ranges: [...c.ranges, long.ext],
          alsoAccept: [...c.ranges, { line: c.line, start: c.column, end: c.column + 1 }, long.ext],
        }
      : c,
  );
}

export function evaluateCheck(spec: MrzCheckSpec, lines: readonly string[]): CheckOutcome {
  const data = spec.ranges.map((rg) => textOf(lines, rg)).join('');
  const expected = computeCheckDigitLenient(data);
  const found = lines[spec.line]?.[spec.column] ?? '';
  let ok = found === String(expected);
  if (!ok && spec.alsoAccept) ok = found === String(computeCheckDigitLenient(spec.alsoAccept.map((rg) => textOf(lines, rg)).join('')));
  if (!ok && found === '<' && spec.fillerAllowedWhenEmpty && /^<*$/.test(data)) ok = true;
  return { spec, data, expected, found, ok };
}

export function evaluateChecks(layout: MrzLayout, lines: readonly string[]): CheckOutcome[] {
  return resolveChecks(layout, lines).map((c) => evaluateCheck(c, lines));
}
