// The bound a check applies to a class: the one calibrated on the class's own genuine captures
// (a learned class, docs/reference-format.md "Calibration") or the check's default. A bound for a
// zone wins over the class-wide bound of the same measure.
import type { DocumentClass } from '../contract/reference.contract';

export function calibratedBound(cls: DocumentClass, check: string, measure: string, fallback: number, zone?: string): number {
  const list = cls.calibration;
  if (!list) return fallback;
  const own = zone === undefined ? undefined : list.find((b) => b.check === check && b.measure === measure && b.zone === zone);
  const hit = own ?? list.find((b) => b.check === check && b.measure === measure && b.zone === undefined);
  return hit ? hit.value : fallback;
}
