// Emerging-trend detector: a pure, explainable comparison of the last weeks with a baseline.
// For each combination (document series × fraud type) the count in the recent window (default the
// last 2 weeks) is compared with the Poisson rate expected from the baseline window before it
// (default the 8 weeks before). A combination with at least `minCount` recent records is flagged
// "new" when the baseline had none, and "rising" when a count that high would come by chance with
// probability below `alpha`. The evidence counts travel with the flag. The hub uses the same decision.
import type { FraudType } from '../contract/trends.contract';
import { addWeeks } from './iso-week';

export interface WeeklyCount {
  /** Document class id, or issuer/type/series joined when the class is unknown. */
  series: string;
  fraudType: FraudType;
  week: string;
  count: number;
}

export interface DetectorOptions {
  recentWeeks: number;
  baselineWeeks: number;
  minCount: number;
  alpha: number;
  /** Rate floor (per recent window) so that a zero baseline does not make any count significant. */
  minExpected: number;
}

export const DEFAULT_DETECTOR: DetectorOptions = { recentWeeks: 2, baselineWeeks: 8, minCount: 3, alpha: 0.01, minExpected: 0.5 };

export interface EmergingTrend {
  series: string;
  fraudType: FraudType;
  kind: 'new' | 'rising';
  recent: number;
  baseline: number;
  /** Expected count in the recent window, from the baseline rate. */
  expected: number;
  /** P(X ≥ recent) for X ~ Poisson(expected). */
  pValue: number;
  recentWeeks: [string, string];
  baselineWeeks: [string, string];
}

/** P(X ≥ k) for X ~ Poisson(λ), summed in log space (stable for the large counts of a regional hub). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  const logTerm = (i: number) => -lambda + i * Math.log(lambda) - logFactorial(i);
  if (k > lambda) {
    // The far tail: sum the terms from k upward (no cancellation against 1).
    let sum = 0;
    for (let i = k; i < k + 1000; i++) {
      const t = Math.exp(logTerm(i));
      sum += t;
      if (t < sum * 1e-15) break;
    }
    return Math.min(1, sum);
  }
  let cdf = 0;
  for (let i = 0; i < k; i++) cdf += Math.exp(logTerm(i));
  return Math.max(0, 1 - cdf);
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials[i] = logFactorials[i - 1]! + Math.log(i);
  return logFactorials[n]!;
}

/**
 * The decision for one combination, shared by the station and the hub: `recent` records in the
 * recent window against `baseline` records over `baselineWeeks`. A combination never seen in the
 * baseline is "new" once it reaches `minCount`; otherwise it is "rising" when so many recent records
 * would come by chance with probability below `alpha`.
 */
export function assessCombination(recent: number, baseline: number, o: DetectorOptions): { kind: 'new' | 'rising'; expected: number; pValue: number } | null {
  if (recent < o.minCount) return null;
  const expected = Math.max(o.minExpected, (baseline / o.baselineWeeks) * o.recentWeeks);
  const pValue = poissonUpperTail(recent, expected);
  if (baseline === 0) return { kind: 'new', expected, pValue };
  return pValue < o.alpha ? { kind: 'rising', expected, pValue } : null;
}

export function detectEmergingTrends(counts: readonly WeeklyCount[], currentWeek: string, options: Partial<DetectorOptions> = {}): EmergingTrend[] {
  const o = { ...DEFAULT_DETECTOR, ...options };
  const recentFrom = addWeeks(currentWeek, -(o.recentWeeks - 1));
  const baseFrom = addWeeks(recentFrom, -o.baselineWeeks);
  const baseTo = addWeeks(recentFrom, -1);
  const sums = new Map<string, { series: string; fraudType: FraudType; recent: number; baseline: number }>();
  for (const c of counts) {
    const inRecent = c.week >= recentFrom && c.week <= currentWeek;
    const inBase = c.week >= baseFrom && c.week <= baseTo;
    if (!inRecent && !inBase) continue;
    const key = `${c.series}\u0000${c.fraudType}`;
    const s = sums.get(key) ?? { series: c.series, fraudType: c.fraudType, recent: 0, baseline: 0 };
    if (inRecent) s.recent += c.count;
    else s.baseline += c.count;
    sums.set(key, s);
  }
  const out: EmergingTrend[] = [];
  for (const s of sums.values()) {
    const flag = assessCombination(s.recent, s.baseline, o);
    if (flag) out.push({ ...s, ...flag, expected: Math.round(flag.expected * 100) / 100, recentWeeks: [recentFrom, currentWeek], baselineWeeks: [baseFrom, baseTo] });
  }
  return out.sort((a, b) => a.pValue - b.pValue || b.recent - a.recent);
}
