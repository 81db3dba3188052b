// A document identified against the reference library: its class, the class's decoded reference
// images, and the homography that maps reference pixels onto capture pixels.
import type { DocumentClass } from '../contract/reference.contract';
import type { Light } from '../contract/capture.contract';
import type { LightImage } from '../imaging/light-image';

export interface Identification {
  cls: DocumentClass;
  /** Decoded reference images of the class, per light. */
  reference: Partial<Record<Light, LightImage>>;
  /** 3×3 row-major homography: reference pixel (x, y, 1) → capture pixel. */
  homography: number[];
  /** Image similarity of the capture to the class after alignment, 0..1. */
  score: number;
  /** Every candidate considered, best first. */
  candidates: { id: string; score: number }[];
}
