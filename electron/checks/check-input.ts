// What the checks of the capture receive: the capture decoded once (all lights share the geometry
// of one scan pass), the MRZ reading with its page geometry, and — when the document was
// identified — the reference class with the homography that maps reference pixels onto capture pixels.
import type { MrzReading } from '../contract/mrz.contract';
import type { Light } from '../contract/capture.contract';
import type { Identification } from '../identify/identification';
import type { LightImage } from '../imaging/light-image';

export type { LightImage, RgbImage } from '../imaging/light-image';
export type { Identification } from '../identify/identification';

export interface CheckInput {
  images: Partial<Record<Light, LightImage>>;
  mrz: MrzReading | null;
  identification: Identification | null;
}
