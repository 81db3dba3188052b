// Building results: every check states its id, title and layer alike, and a check that cannot be
// measured is 'not-performed' with its reason — never a pass, never a fail (docs/ARCHITECTURE.md §3).
// The one place where "not performed" and "could not run" are worded.
import { LoupeError } from '../common/loupe-error';
import type { CheckResult, Layer } from '../contract/examination.contract';
import type { CheckIdentity } from './check-model';

/** A result without the check's identity: what was measured, against what, and what it means. */
export type Outcome = Omit<CheckResult, 'id' | 'title' | 'layer'>;

export function result(check: CheckIdentity, outcome: Outcome): CheckResult {
  return { id: check.id, title: check.title, layer: check.layer, ...outcome };
}

/**
 * How the reason reads in the result. Each family of checks has always worded it one way, and
 * stored examinations, reports and the check snapshots (test/…/check-results-snapshot.test.ts) show it so.
 */
export type ReasonWording =
  /** The reason is a full sentence: it is the explanation; "not measured" is the measurement. */
  | 'sentence'
  /** The reason is a clause ("no infrared image was captured"): "This check did not run because …". */
  | 'because'
  /** The reason is a clause, shown as the measurement: "Not performed: …". */
  | 'clause';

export interface NotPerformedOptions {
  wording?: ReasonWording;
  /** What could be observed all the same (with 'sentence'; default "not measured"). */
  measured?: string;
  /** Instead of the check's own expectation (a bound the evidence states, or none). */
  expected?: string;
  /** Instead of the check's own layer. */
  layer?: Layer;
}

function worded(reason: string, options: NotPerformedOptions): Pick<CheckResult, 'measured' | 'explanation'> {
  const wording = options.wording ?? 'sentence';
  switch (wording) {
    case 'sentence':
      return { measured: options.measured ?? 'not measured', explanation: reason };
    case 'because':
      return {
        measured: `not measured: ${reason}`,
        explanation: `This check did not run because ${reason}. It is neither a pass nor a fail: examine this feature manually or capture the missing input.`,
      };
    case 'clause':
      return { measured: reason, explanation: `Not performed: ${reason}.` };
    default: {
      const never: never = wording;
      throw new Error(`unknown wording ${String(never)}`);
    }
  }
}

/** The reason of a not-performed result, whichever wording it was given in (the inverse of `worded`). */
export function notPerformedReason(result: Pick<CheckResult, 'measured' | 'explanation'>): string {
  if (result.explanation.startsWith('Not performed: ')) return result.measured;
  if (result.measured.startsWith('not measured: ')) return result.measured.slice('not measured: '.length);
  return result.explanation || result.measured;
}

export function notPerformed(check: CheckIdentity, reason: string, options: NotPerformedOptions = {}): CheckResult {
  const { measured, explanation } = worded(reason, options);
  return {
    id: check.id,
    title: check.title,
    layer: options.layer ?? check.layer,
    status: 'not-performed',
    measured,
    expected: options.expected ?? check.expected,
    evidence: [],
    explanation,
  };
}

/** A check that threw: its examination goes on, and the officer reads why this check is missing. */
export function failedToRun(check: CheckIdentity, err: unknown, options: Pick<NotPerformedOptions, 'layer' | 'expected'> = {}): CheckResult {
  const reason = err instanceof LoupeError ? err.message : String((err as Error)?.message ?? err);
  return notPerformed(check, `The check could not run: ${reason}`, options);
}
