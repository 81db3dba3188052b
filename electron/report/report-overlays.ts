// Finding overlays: every evidence region of every check, numbered once, so the box drawn on an
// image and the line in the checks table carry the same number.
import type { Box, Light } from '../contract/capture.contract';
import type { CheckResult, CheckStatus } from '../contract/examination.contract';

export interface ReportOverlay {
  n: number;
  /** Index of the check in `exam.checks` (check ids are not guaranteed unique). */
  checkIndex: number;
  checkTitle: string;
  status: CheckStatus;
  light: Light;
  /** The evidence named no light: drawn on the white image, and the report says so. */
  lightAssumed: boolean;
  region: Box;
}

export function collectOverlays(checks: readonly CheckResult[]): ReportOverlay[] {
  const out: ReportOverlay[] = [];
  for (const [checkIndex, check] of checks.entries()) {
    for (const ev of check.evidence) {
      if (!ev.region) continue;
      out.push({
        n: out.length + 1,
        checkIndex,
        checkTitle: check.title,
        status: check.status,
        light: ev.light ?? 'white',
        lightAssumed: ev.light === undefined,
        region: ev.region,
      });
    }
  }
  return out;
}
