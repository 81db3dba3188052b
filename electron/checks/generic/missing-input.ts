// What the generic checks need of the capture, in the words their not-performed results use.
import type { Light } from '../../contract/capture.contract';
import type { CheckInput } from '../check-input';
import type { NotPerformedOptions } from '../check-outcome';
import { lightLabel } from './capture-geometry';

/** The first declared input the capture lacks, in words; null when everything needed is there. */
export function missingInput(input: CheckInput, lights: Light[], mrzGeometry: boolean): string | null {
  for (const light of lights) if (!input.images[light]) return `no ${lightLabel(light)} image was captured`;
  if (mrzGeometry) {
    if (!input.mrz || input.mrz.format === null) return 'no machine readable zone was read';
    if (!input.mrz.geometry) return 'the MRZ was not read from an image, so its position on the page is unknown';
  }
  return null;
}

/** The generic checks word their reasons as clauses: "This check did not run because …". */
export const BECAUSE: NotPerformedOptions = { wording: 'because' };
