// Emerging-trend detector: flags (document × fraud type) combinations whose count in the last two
// weeks is unusually high against their own baseline, and combinations never seen before. Pure and
// explainable: every flag carries the counts it was computed from.
//
// The decision is the station's (electron/trends/emerging-trends.ts): weekly counts of a combination
// are Poisson with the rate seen over the baseline weeks; the evidence is the upper tail
// P(X ≥ recent | λ = baseline mean × recent weeks), λ floored so that a combination seen once a year
// does not flag on its second sighting. This file adapts it to the hub's week-aligned series.
import { DEFAULT_DETECTOR as STATION_DETECTOR, assessCombination, type DetectorOptions } from '../trends/emerging-trends';

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

export type { DetectorOptions };

/** The hub looks further back than a station: a regional baseline of 12 weeks. */
export const DEFAULT_DETECTOR: DetectorOptions = { ...STATION_DETECTOR, baselineWeeks: 12 };

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

/** The counts of one combination over the detector's windows. */
export interface CombinationCounts {
  key: ComboKey;
  /** Records in the last `recentWeeks` weeks. */
  recent: number;
  /** Records in the `baselineWeeks` weeks before them. */
  baselineTotal: number;
}

/** The detector over each combination's recent and baseline totals (all it needs of the series). */
export function detectFromCounts(combinations: readonly CombinationCounts[], options: DetectorOptions = DEFAULT_DETECTOR): EmergingTrend[] {
  const flagged: EmergingTrend[] = [];
  for (const { key, recent, baselineTotal } of combinations) {
    const flag = assessCombination(recent, baselineTotal, options);
    if (flag) flagged.push({ key, recent, baselineTotal, baselineMean: baselineTotal / options.baselineWeeks, ...flag });
  }
  return flagged.sort((a, b) => a.pValue - b.pValue || b.recent - a.recent);
}

export function detectEmergingTrends(series: readonly WeeklySeries[], options: DetectorOptions = DEFAULT_DETECTOR): EmergingTrend[] {
  return detectFromCounts(
    series.map((s) => {
      const n = s.counts.length;
      const recent = sum(s.counts.slice(Math.max(0, n - options.recentWeeks)));
      const baseline = s.counts.slice(Math.max(0, n - options.recentWeeks - options.baselineWeeks), Math.max(0, n - options.recentWeeks));
      return { key: s.key, recent, baselineTotal: sum(baseline) };
    }),
    options,
  );
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
