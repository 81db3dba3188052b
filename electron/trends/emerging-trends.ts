// Emerging-trend detector: a pure, explainable comparison of the last weeks with a baseline.
// For each combination (document series × fraud type) the count in the recent window (default the
// last 2 weeks) is compared with the Poisson rate expected from the baseline window before it
// (default the 8 weeks before). A combination is flagged when the recent count is at least
// `minCount` and would be that high or higher by chance with probability below `alpha`:
// "new" when the baseline had none, "rising" otherwise. The evidence counts travel with the flag.
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

/** Upper tail of the Poisson distribution, P(X ≥ n), summed term by term (counts here are small). */
export function poissonUpperTail(n: number, lambda: number): number {
  if (n <= 0) return 1;
  let term = Math.exp(-lambda);
  let below = term;
  for (let i = 1; i < n; i++) {
    term *= lambda / i;
    below += term;
  }
  return Math.max(0, Math.min(1, 1 - below));
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
    if (s.recent < o.minCount) continue;
    const expected = Math.max(o.minExpected, (s.baseline / o.baselineWeeks) * o.recentWeeks);
    const pValue = poissonUpperTail(s.recent, expected);
    if (pValue >= o.alpha) continue;
    out.push({ ...s, kind: s.baseline === 0 ? 'new' : 'rising', expected: Math.round(expected * 100) / 100, pValue, recentWeeks: [recentFrom, currentWeek], baselineWeeks: [baseFrom, baseTo] });
  }
  return out.sort((a, b) => a.pValue - b.pValue || b.recent - a.recent);
}
