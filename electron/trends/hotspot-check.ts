// The station refuses an expert alert whose hotspots point at the holder's data, lie outside the
// reference image, or carry a label that looks like personal data. The form checks the same rule
// (electron/contract/hotspot-privacy.ts) as the examiner draws; this is the check that counts.
import { LoupeError } from '../common/loupe-error';
import { personalOverlaps, referenceSizePx } from '../contract/hotspot-privacy';
import type { DocumentClass } from '../contract/reference.contract';
import type { Hotspot } from '../contract/trends.contract';
import { screenNotes } from './notes-screening';

/** Rounding of a drawn box may put its edge a pixel or two past the image. */
const EDGE_TOLERANCE_PX = 2;

export function assertHotspotsAllowed(cls: DocumentClass, hotspots: readonly Hotspot[]): void {
  const size = referenceSizePx(cls);
  hotspots.forEach((spot, index) => {
    const name = `hotspot ${index + 1} “${spot.label}”`;
    if (spot.x + spot.w > size.w + EDGE_TOLERANCE_PX || spot.y + spot.h > size.h + EDGE_TOLERANCE_PX) {
      throw new LoupeError('trends', 'InvalidInput', `${name} reaches outside the reference image (${size.w} × ${size.h} pixels)`);
    }
    const screened = screenNotes(spot.label, []);
    if (!screened.ok) throw new LoupeError('trends', 'PersonalData', `the label of hotspot ${index + 1} looks like it contains personal data (${screened.found.join(', ')})`);
    const [worst] = personalOverlaps(spot, cls);
    if (worst) {
      const share = Math.round(Math.max(worst.ofHotspot, worst.ofZone) * 100);
      const of = worst.ofHotspot >= worst.ofZone ? 'of the hotspot' : 'of that zone';
      throw new LoupeError(
        'trends',
        'PersonalData',
        `${name} covers the personal zone “${worst.label}” (${share} % ${of}); hotspots must stay off the holder's portrait, ghost image, MRZ, data fields and signature`,
      );
    }
  });
}
