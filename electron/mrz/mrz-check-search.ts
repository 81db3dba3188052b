// Check-digit-guided repair: when check digits fail, search the look-alike substitutions (and the
// OCR's own alternatives) for the cheapest change set that makes EVERY check digit verify.
// Safety rules, because a false accept is the worst error:
//  - only positions protected solely by failing checks are touched (a change elsewhere would
//    break a check that verifies);
//  - only look-alike pairs or OCR-proposed alternatives, ≤ 2 changes per field, ≤ 3 in all;
//  - no more changes than failing check digits: each change must be paid for by a check;
//  - if another solution is nearly as cheap, nothing is changed and the ambiguity is reported;
//  - if the search was so wide that a chance solution was likely (hypotheses × 10^-checks), the
//    repair is refused as inconclusive.
// Note: some look-alikes differ by a multiple of 10 in check-digit value (G/6, S/8, I/8) and are
// invisible to every check digit; they are never repaired here and cannot be detected.
import { checkWeight, mrzCharValue } from './mrz-check-digit';
import type { CheckOutcome } from './mrz-checks';
import { evaluateChecks } from './mrz-checks';
import { confusionCost, confusablesOf, isDigit, isLetter } from './mrz-confusables';
import type { MrzCheckSpec } from './mrz-layouts';
import { fieldAt } from './mrz-layouts';
import type { RepairContext } from './mrz-repair-context';
import { charAt, setChar } from './mrz-repair-context';
import { where } from './mrz-validate';

export const MAX_CHANGES_PER_FIELD = 2;
export const MAX_CHANGES = 3;
/** A second solution within this cost of the best makes the repair ambiguous (one look-alike costs 1–1.5). */
export const AMBIGUITY_MARGIN = 0.5;
const MAX_SOLUTIONS = 200;
/** Refuse a repair when the expected number of chance solutions at its size exceeds this. */
export const MAX_CHANCE_SOLUTIONS = 0.15;

interface Option {
  line: number;
  column: number;
  field: string;
  char: string;
  cost: number;
  /** Change of each failing check's residual (checks in `failing` order), modulo 10. */
  delta: number[];
}

interface Solution {
  options: Option[];
  cost: number;
}

export interface SearchReport {
  repaired: boolean;
  hypotheses: number;
}

export function repairByCheckDigits(ctx: RepairContext): SearchReport {
  const outcomes = evaluateChecks(ctx.layout, ctx.lines);
  const failing = outcomes.filter((o) => !o.ok);
  if (failing.length === 0) return { repaired: false, hypotheses: 0 };
  // Residual of a check: (computed − written) mod 10; all must become 0.
  const residual = failing.map((o) => mod10(o.expected - (mrzCharValue(o.found) ?? 0)));
  if (failing.some((o) => !isDigit(o.found) && o.found !== '<')) return unresolved(ctx, failing, 'a check digit is not a digit');
  const options = candidateOptions(ctx, outcomes, failing);
  const solutions: Solution[] = [];
  let hypotheses = 0;
  const tried = [0, 0, 0, 0];
  const chosen: Option[] = [];
  const sum = residual.map(() => 0);
  const walk = (from: number, cost: number): void => {
    if (solutions.length > MAX_SOLUTIONS) return;
    for (let i = from; i < options.length; i++) {
      const o = options[i] as Option;
      if (chosen.some((c) => c.line === o.line && c.column === o.column)) continue;
      if (chosen.filter((c) => c.field === o.field).length >= MAX_CHANGES_PER_FIELD) continue;
      hypotheses++;
      chosen.push(o);
      tried[chosen.length] = (tried[chosen.length] ?? 0) + 1;
      o.delta.forEach((d, k) => (sum[k] = (sum[k] as number) + d));
      if (sum.every((s, k) => mod10(s + (residual[k] as number)) === 0)) solutions.push({ options: [...chosen], cost: cost + o.cost });
      else if (chosen.length < Math.min(MAX_CHANGES, failing.length)) walk(i + 1, cost + o.cost);
      o.delta.forEach((d, k) => (sum[k] = (sum[k] as number) - d));
      chosen.pop();
    }
  };
  walk(0, 0);
  if (solutions.length === 0) return unresolved(ctx, failing, 'no look-alike substitution makes every check digit verify', hypotheses);
  solutions.sort((a, b) => a.cost - b.cost);
  const best = solutions[0] as Solution;
  const rivals = solutions.filter((s) => s !== best && s.cost <= best.cost + AMBIGUITY_MARGIN && !isSuperset(s, best));
  if (rivals.length > 0 || solutions.length > MAX_SOLUTIONS) {
    const shown = [best, ...rivals].slice(0, 4).map(describe).join('; ');
    ctx.findings.push({
      code: 'ambiguous-repair', severity: 'fail', field: failing[0]?.spec.field,
      message: `Check digits fail and ${rivals.length + 1}${solutions.length > MAX_SOLUTIONS ? '+' : ''} equally plausible repairs exist (${shown}): not repaired`,
    });
    return { repaired: false, hypotheses };
  }
  // The composite repeats the field checks' weights over the same characters, so alongside a failing
  // field check it adds little independent evidence: it is not counted (measured: counting it let
  // 13 % of double misreadings in TD3 document numbers through as wrong "repairs").
  const independent = failing.length > 1 ? failing.filter((f) => f.spec.field !== 'compositeCheckDigit').length : 1;
  const chance = (tried[best.options.length] ?? 0) * 10 ** -independent;
  if (chance > MAX_CHANCE_SOLUTIONS) {
    ctx.findings.push({
      code: 'repair-inconclusive', severity: 'info', field: failing[0]?.spec.field,
      message: `A repair exists (${describe(best)}) but ${tried[best.options.length]} hypotheses were tried against ${independent} independent check digit(s): a chance match is likely, not repaired`,
    });
    return { repaired: false, hypotheses };
  }
  const confirmedBy = new Set<string>();
  for (const o of best.options) {
    const covering = outcomes.filter((c) => covers(c.spec, o.line, o.column)).map((c) => c.spec.label);
    covering.forEach((l) => confirmedBy.add(l));
    setChar(ctx, o.line, o.column, o.char, `check-digit repair: look-alike confirmed by the ${covering.join(' and ')} check digit${covering.length > 1 ? 's' : ''}`);
  }
  ctx.findings.push({
    code: 'repair-residual-risk', severity: 'info',
    message: `${best.options.length} character(s) changed so that every check digit verifies (${describe(best)}), confirmed by the ${[...confirmedBy].join(', ')} check digit(s); ${
      tried[best.options.length]} hypotheses of that size tried, so about ${chance.toFixed(2)} chance solutions were expected; next best repair costs ${
      solutions[1] ? `${(solutions[1].cost - best.cost).toFixed(1)} more` : 'none found'}.`,
  });
  return { repaired: true, hypotheses };
}

function candidateOptions(ctx: RepairContext, outcomes: CheckOutcome[], failing: CheckOutcome[]): Option[] {
  const passing = outcomes.filter((o) => o.ok);
  const seen = new Set<string>();
  const options: Option[] = [];
  for (const f of failing) {
    const positions: [number, number][] = [[f.spec.line, f.spec.column]];
    for (const rg of f.spec.ranges) for (let c = rg.start; c < rg.end; c++) positions.push([rg.line, c]);
    for (const [line, column] of positions) {
      const key = `${line}:${column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (passing.some((p) => covers(p.spec, line, column))) continue;
      const isCheckDigit = outcomes.some((o) => o.spec.line === line && o.spec.column === column);
      const spec = fieldAt(ctx.layout, line, column);
      const field = isCheckDigit ? `check:${key}` : (spec?.field ?? key);
      const accept = (c: string): boolean =>
        isCheckDigit || spec?.charClass === 'numeric' || spec?.charClass === 'date' ? isDigit(c) : spec?.charClass === 'alpha' ? isLetter(c) || c === '<' : isDigit(c) || isLetter(c) || c === '<';
      for (const [char, cost] of alternatives(ctx, line, column)) {
        if (!accept(char)) continue;
        const delta = failing.map((o) => deltaFor(o, line, column, charAt(ctx, line, column), char));
        if (delta.every((d) => d === 0)) continue;
        options.push({ line, column, field, char, cost, delta });
      }
    }
  }
  return options;
}

/** Look-alikes of what was read and of what stands now, plus the OCR's alternatives, with costs. */
function alternatives(ctx: RepairContext, line: number, column: number): Map<string, number> {
  const read = ctx.read[line]?.[column] ?? '';
  const now = charAt(ctx, line, column);
  const out = new Map<string, number>();
  const offer = (c: string, cost: number): void => {
    if (c !== now && cost < (out.get(c) ?? Infinity)) out.set(c, cost);
  };
  const cand = ctx.candidates?.[line]?.[column];
  // Every extra hypothesis raises the chance of a spurious match, so a character the OCR was sure
  // of (no alternatives, conf ≥ 0.9) is not second-guessed; an unsure one without alternatives
  // gets the look-alikes, at a higher cost.
  // When the OCR listed alternatives, only those are tried.
  const listed = (cand?.alternatives?.length ?? 0) > 0;
  const sure = cand !== undefined && !listed && cand.conf >= 0.9;
  const unproposed = cand ? 0.5 : 0;
  if (!sure && !listed) for (const base of new Set([read, now])) for (const [c] of confusablesOf(base)) offer(c, (confusionCost(read, c) ?? confusionCost(now, c) ?? 1.5) + unproposed);
  if (cand) {
    // An alternative the OCR itself proposed: cheap when it was nearly as confident as its choice.
    const mine = Math.max(cand.conf, 1e-3);
    for (const alt of cand.alternatives ?? []) offer(alt.char, Math.min(2, Math.max(0.2, 0.3 + Math.log(mine / Math.max(alt.conf, 1e-3)))));
  }
  return out;
}

/** Change of a check's residual when (line, column) goes from `from` to `to`. */
function deltaFor(o: CheckOutcome, line: number, column: number, from: string, to: string): number {
  const diff = (mrzCharValue(to) ?? 0) - (mrzCharValue(from) ?? 0);
  if (o.spec.line === line && o.spec.column === column) return mod10(-diff);
  let offset = 0;
  for (const rg of o.spec.ranges) {
    if (rg.line === line && column >= rg.start && column < rg.end) return mod10(diff * checkWeight(offset + column - rg.start));
    offset += rg.end - rg.start;
  }
  return 0;
}

function covers(spec: MrzCheckSpec, line: number, column: number): boolean {
  return (spec.line === line && spec.column === column) || spec.ranges.some((rg) => rg.line === line && column >= rg.start && column < rg.end);
}

const mod10 = (n: number): number => ((n % 10) + 10) % 10;
const isSuperset = (s: Solution, of: Solution): boolean => of.options.every((o) => s.options.includes(o));
const describe = (s: Solution): string =>
  s.options.map((o) => `${where(o.line, o.column, o.column + 1)} → '${o.char}'`).join(', ');

function unresolved(ctx: RepairContext, failing: CheckOutcome[], why: string, hypotheses = 0): SearchReport {
  ctx.findings.push({
    code: 'repair-failed', severity: 'info', field: failing[0]?.spec.field,
    message: `${failing.map((f) => f.spec.label).join(', ')} check digit${failing.length > 1 ? 's' : ''} not repaired: ${why}`,
  });
  return { repaired: false, hypotheses };
}
