// Emerging-trend detector: flags (document × fraud type) combinations whose count in the last two
// weeks is unusually high against their own baseline, and combinations never seen before. Pure and
// explainable: every flag carries the counts it was computed from.
//
// Model: weekly counts of a combination are Poisson with the rate seen over the baseline weeks.
// The evidence is the upper tail P(X ≥ recent | λ = baseline mean × recent weeks). λ is floored so a
// combination seen once a year does not flag on its second sighting.

export interface ComboKey {
  issuer: string | null;
  documentType: string;
  series: string | null;
  fraudType: string;
}

export interface WeeklySeries {
  key: ComboKey;
  /** Counts aligned with `weeks`; the last `recentWeeks` entries are "recent". */
  counts: readonly number[];
}

export interface DetectorOptions {
  recentWeeks: number;
  baselineWeeks: number;
  /** Fewest recent records for any flag. */
  minRecent: number;
  /** Largest tail probability still flagged as rising. */
  maxPValue: number;
  /** Floor of the expected recent count. */
  minExpected: number;
}

export const DEFAULT_DETECTOR: DetectorOptions = { recentWeeks: 2, baselineWeeks: 12, minRecent: 3, maxPValue: 0.01, minExpected: 0.5 };

export interface EmergingTrend {
  key: ComboKey;
  kind: 'new' | 'rising';
  recent: number;
  baselineTotal: number;
  /** Mean per week over the baseline weeks. */
  baselineMean: number;
  /** Expected count over the recent weeks under the baseline rate (floored). */
  expected: number;
  pValue: number;
}

/** P(X ≥ k) for X ~ Poisson(λ), summed in log space (stable for large k and λ). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  // 1 - P(X ≤ k-1); for the far tail sum the terms from k upward instead (no cancellation).
  const logTerm = (i: number) => -lambda + i * Math.log(lambda) - logFactorial(i);
  if (k > lambda) {
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

export function detectEmergingTrends(series: readonly WeeklySeries[], options: DetectorOptions = DEFAULT_DETECTOR): EmergingTrend[] {
  const flagged: EmergingTrend[] = [];
  for (const s of series) {
    const n = s.counts.length;
    const recent = sum(s.counts.slice(Math.max(0, n - options.recentWeeks)));
    if (recent < options.minRecent) continue;
    const baseline = s.counts.slice(Math.max(0, n - options.recentWeeks - options.baselineWeeks), Math.max(0, n - options.recentWeeks));
    const baselineTotal = sum(baseline);
    const baselineMean = baseline.length === 0 ? 0 : baselineTotal / baseline.length;
    const expected = Math.max(options.minExpected, baselineMean * options.recentWeeks);
    const pValue = poissonUpperTail(recent, expected);
    if (baselineTotal === 0) flagged.push({ key: s.key, kind: 'new', recent, baselineTotal, baselineMean, expected, pValue });
    else if (pValue <= options.maxPValue) flagged.push({ key: s.key, kind: 'rising', recent, baselineTotal, baselineMean, expected, pValue });
  }
  return flagged.sort((a, b) => a.pValue - b.pValue || b.recent - a.recent);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
