// Small builders shared by the generic checks, so every result states its layer and reasons alike.
import type { Light } from '../../contract/capture.contract';
import type { CheckResult, Layer } from '../../contract/examination.contract';
import type { Check, CheckInput } from '../check-input';
import { lightLabel } from './capture-geometry';

export type CheckMeta = Pick<Check, 'id' | 'title'> & { layer: Layer };

export function notPerformed(meta: CheckMeta, expected: string, reason: string): CheckResult {
  return {
    id: meta.id,
    title: meta.title,
    layer: meta.layer,
    status: 'not-performed',
    measured: `not measured: ${reason}`,
    expected,
    evidence: [],
    explanation: `This check did not run because ${reason}. It is neither a pass nor a fail: examine this feature manually or capture the missing input.`,
  };
}

/** The first declared input the capture lacks, in words; null when everything needed is there. */
export function missingInput(input: CheckInput, lights: Light[], mrzGeometry: boolean): string | null {
  for (const light of lights) if (!input.images[light]) return `no ${lightLabel(light)} image was captured`;
  if (mrzGeometry) {
    if (!input.mrz || input.mrz.format === null) return 'no machine readable zone was read';
    if (!input.mrz.geometry) return 'the MRZ was not read from an image, so its position on the page is unknown';
  }
  return null;
}
