// How well a calibrated bound is backed (docs/reference-format.md, "Learned classes"): how many
// genuine measurements set it, how close the genuine worst comes to it, and whether it was widened
// beyond the check's default. One rule for the Reference screen and `loupe reference show`.
import type { CalibratedBound } from './reference.contract';

export interface BoundStanding {
  /** Genuine measurements behind the bound (one per capture, or per capture and field). */
  measurements: number;
  /** The genuine measurement closest to the bound (null without measurements). */
  worst: number | null;
  /**
   * The room between the genuine worst and the bound, as a share of the check's default bound:
   * small means a genuine document came close to failing (a tight bound), large means room to spare.
   */
  headroom: number | null;
  /** The captures made the bound wider than the check's default. */
  widened: boolean;
  /** Fewer than 5 measurements: the spread is barely known (grow the class). */
  few: boolean;
}

export const FEW_MEASUREMENTS = 5;

export function boundStanding(bound: CalibratedBound): BoundStanding {
  const n = bound.samples.length;
  const worst = n === 0 ? null : bound.direction === 'max' ? Math.max(...bound.samples) : Math.min(...bound.samples);
  const scale = Math.abs(bound.default) || Math.abs(bound.value) || 1;
  const headroom = worst === null ? null : Math.round(((bound.direction === 'max' ? bound.value - worst : worst - bound.value) / scale) * 100) / 100;
  return { measurements: n, worst, headroom, widened: bound.value !== bound.default, few: n < FEW_MEASUREMENTS };
}
