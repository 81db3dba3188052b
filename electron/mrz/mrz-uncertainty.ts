// Honest uncertainty: which characters the reader cannot vouch for, and whether the check digits
// really settle the ones they protect.
// Rules (a false accept is the worst error):
//  - a character with a close alternative, or weakly read, is uncertain — unless a check digit
//    settles it: every alternative combination within reach breaks a check that holds now;
//  - if an alternative combination keeps every check digit valid, the protected field is ambiguous:
//    its characters are uncertain and the reading is not valid (finding 'ambiguous-reading');
//  - fields without a check digit (names, nationality, sex, document code, optional data of visas)
//    have nothing to settle them: any close alternative is listed. A later reading of the visual zone
//    may settle them (see `settleUncertain`).
import { unitConfidence } from './mrz-confidence';
import type { MrzFinding, MrzUncertain } from '../contract/mrz.contract';
import { checkWeight, mrzCharValue } from './mrz-check-digit';
import { evaluateChecks, resolveChecks } from './mrz-checks';
import { isDigit, isLetter } from './mrz-confusables';
import { fieldAt, type MrzLayout } from './mrz-layouts';
import type { CharCandidates } from './mrz-types';
import { where } from './mrz-validate';

/** An alternative at least this probable (top = 1 − others) is close: the character is listed as uncertain. */
export const CLOSE_ALTERNATIVE = 0.02;
/**
 * An alternative at least this probable that keeps every check digit valid makes the field ambiguous
 * and the reading invalid. Between CLOSE_ALTERNATIVE and this, the character is only listed: fillers
 * and A/K/U/0 weigh alike in every check digit, so a faint doubt on each filler of a long run would
 * otherwise invalidate most readings.
 */
export const AMBIGUOUS_ALTERNATIVE = 0.1;
/** A top choice below this probability is weakly read. */
export const WEAK_READING = 0.6;
/** How many characters of one protected field may change together when looking for another valid reading. */
const MAX_JOINT_CHANGES = 2;

export interface UncertaintyResult {
  charConfidence: number[][];
  uncertain: MrzUncertain[];
  findings: MrzFinding[];
}

function fits(layout: MrzLayout, line: number, column: number, char: string): boolean {
  const spec = fieldAt(layout, line, column);
  if (!spec) return true;
  switch (spec.charClass) {
    case 'alpha':
      return !isDigit(char);
    case 'numeric':
    case 'date':
      return !isLetter(char);
    case 'sex':
      return 'MFX<'.includes(char);
    case 'filler':
      return char === '<';
    case 'alphanumeric':
      return true;
  }
}

/**
 * Evaluates the reading's characters. `candidates` are aligned with `lines` (after repair, a corrected
 * cell's candidates still describe what was seen there). Corrected cells count as uncertain only when
 * the correction is not settled by the check digits.
 */
export function assessUncertainty(layout: MrzLayout, lines: readonly string[], candidates: (CharCandidates | undefined)[][] | undefined): UncertaintyResult {
  const charConfidence = lines.map((text, line) =>
    [...text].map((ch, col) => {
      const c = candidates?.[line]?.[col];
      if (!c) return candidates ? 0 : 1;
      if (c.char === ch) return clamp01(c.conf);
      return clamp01(c.alternatives?.find((a) => a.char === ch)?.conf ?? 0);
    }),
  );
  if (!candidates) return { charConfidence, uncertain: [], findings: [] };

  // Alternatives per cell: what else the cell may be (class-compatible), most likely first.
  const alternativesAt = (line: number, col: number, threshold = CLOSE_ALTERNATIVE): string[] => {
    const c = candidates[line]?.[col];
    const ch = lines[line]![col]!;
    if (!c) return [];
    const all = [{ char: c.char, conf: c.conf }, ...(c.alternatives ?? [])].filter((a) => a.char !== ch && fits(layout, line, col, a.char));
    const mine = charConfidence[line]![col]!;
    return all.filter((a) => a.conf >= threshold || mine < WEAK_READING).sort((a, b) => b.conf - a.conf).map((a) => a.char).filter((x, i, arr) => arr.indexOf(x) === i);
  };

  const checks = resolveChecks(layout, lines);
  const protectedBy = new Map<string, number[]>();
  checks.forEach((spec, i) => {
    const cells = [...spec.ranges.flatMap((r) => Array.from({ length: r.end - r.start }, (_, k) => `${r.line}:${r.start + k}`)), `${spec.line}:${spec.column}`];
    for (const key of cells) protectedBy.set(key, [...(protectedBy.get(key) ?? []), i]);
  });
  const holding = evaluateChecks(layout, lines).map((o) => o.ok);
  const allHold = holding.every(Boolean);

  const uncertain = new Map<string, MrzUncertain>();
  const findings: MrzFinding[] = [];
  const mark = (line: number, column: number, alternatives: string[]): void => {
    const key = `${line}:${column}`;
    const prev = uncertain.get(key);
    const alts = [...new Set([...(prev?.alternatives ?? []), ...alternatives])];
    uncertain.set(key, { line, column, alternatives: alts });
  };

  lines.forEach((text, line) => {
    for (let col = 0; col < text.length; col++) {
      const alts = alternativesAt(line, col);
      if (alts.length === 0) continue;
      const guards = protectedBy.get(`${line}:${col}`);
      // Protected and every guarding check holds: settled unless a change keeps them holding (below).
      if (guards && guards.every((g) => holding[g])) continue;
      mark(line, col, alts);
    }
  });

  // Another reading of a protected field, within the close alternatives, that keeps every check digit
  // valid: its characters are uncertain; within the strong alternatives, the field is ambiguous.
  // Searched per check over its own cells (≤ MAX_JOINT_CHANGES together).
  if (allHold) {
    checks.forEach((spec) => {
      const cells = [...spec.ranges.flatMap((r) => Array.from({ length: r.end - r.start }, (_, k) => ({ line: r.line, column: r.start + k }))), { line: spec.line, column: spec.column }];
      const options = cells.flatMap((c) => alternativesAt(c.line, c.column).map((char) => ({ ...c, char })));
      const close = searchValid(layout, lines, options);
      if (!close) return;
      for (const o of close) mark(o.line, o.column, [o.char]);
      const strong = cells.flatMap((c) => alternativesAt(c.line, c.column, AMBIGUOUS_ALTERNATIVE).map((char) => ({ ...c, char })));
      const found = searchValid(layout, lines, strong);
      if (!found) return;
      for (const o of found) mark(o.line, o.column, [o.char]);
      const text = found.map((o) => `'${lines[o.line]![o.column]}' or '${o.char}' at ${where(o.line, o.column, o.column + 1)}`).join(', ');
      if (!findings.some((f) => f.field === spec.field)) {
        findings.push({
          code: 'ambiguous-reading', severity: 'fail', field: spec.field, line: spec.line, start: spec.column, end: spec.column + 1,
          message: `${spec.label}: the check digits hold for two readings (${text}); the characters cannot be told apart`,
        });
      }
    });
  }
  const list = [...uncertain.values()].sort((a, b) => a.line - b.line || a.column - b.column);
  return { charConfidence, uncertain: list, findings };
}

/**
 * First combination of 1..MAX_JOINT_CHANGES options (distinct cells) under which every check holds.
 * Each option's effect on every check is a residue mod 10 (value change × weight; minus the value
 * change when the option is the check digit itself), so pairs are found by lookup, not by trying
 * all of them; a hit is confirmed by evaluating the checks on the changed lines.
 */
function searchValid(layout: MrzLayout, lines: readonly string[], options: { line: number; column: number; char: string }[]): { line: number; column: number; char: string }[] | null {
  const checks = resolveChecks(layout, lines);
  const apply = (changes: typeof options): string[] => {
    const out = [...lines];
    for (const c of changes) out[c.line] = out[c.line]!.slice(0, c.column) + c.char + out[c.line]!.slice(c.column + 1);
    return out;
  };
  const valid = (changes: typeof options): boolean => evaluateChecks(layout, apply(changes)).every((o) => o.ok);
  const effect = (o: { line: number; column: number; char: string }): string => {
    const before = mrzCharValue(lines[o.line]![o.column]!) ?? 0;
    const after = mrzCharValue(o.char) ?? 0;
    return checks
      .map((spec) => {
        let r = 0;
        let index = 0;
        for (const rg of spec.ranges) {
          if (rg.line === o.line && o.column >= rg.start && o.column < rg.end) r += (after - before) * checkWeight(index + o.column - rg.start);
          index += rg.end - rg.start;
        }
        if (spec.line === o.line && spec.column === o.column) r -= after - before;
        return ((r % 10) + 10) % 10;
      })
      .join(',');
  };
  const effects = options.map(effect);
  const zero = checks.map(() => 0).join(',');
  for (let i = 0; i < options.length; i++) {
    if (effects[i] === zero && valid([options[i]!])) return [options[i]!];
  }
  if (MAX_JOINT_CHANGES < 2) return null;
  const byEffect = new Map<string, number[]>();
  effects.forEach((e, i) => byEffect.set(e, [...(byEffect.get(e) ?? []), i]));
  for (let i = 0; i < options.length; i++) {
    const need = effects[i]!.split(',').map((v) => (10 - Number(v)) % 10).join(',');
    for (const j of byEffect.get(need) ?? []) {
      if (j <= i) continue;
      const a = options[i]!;
      const b = options[j]!;
      if (a.line === b.line && a.column === b.column) continue;
      if (valid([a, b])) return [a, b];
    }
  }
  return null;
}

/** A candidate's confidence as a probability: percentages scaled, NaN (no evidence) as 0 (mrz-confidence.ts). */
function clamp01(n: number): number {
  return unitConfidence(n > 1 ? n / 100 : n);
}

/**
 * Hook for a later source of evidence (e.g. the visual zone read by OCR, where the character class is
 * known): keeps an uncertain character only when the evidence does not name one of its candidates.
 * `evidence(line, column)` returns the character the other source read there, or null.
 */
export function settleUncertain(uncertain: MrzUncertain[], lines: readonly string[], evidence: (line: number, column: number) => string | null): MrzUncertain[] {
  return uncertain.filter((u) => {
    const seen = evidence(u.line, u.column);
    return !(seen !== null && seen === lines[u.line]?.[u.column]);
  });
}
