// What every check receives: the capture decoded once (all lights share the geometry of one scan
// pass), the MRZ reading with its page geometry, and — when the document was identified — the
// reference class with the homography that maps reference pixels onto capture pixels.
import type { Light } from '../contract/capture.contract';
import type { CheckResult } from '../contract/examination.contract';
import type { MrzReading } from '../contract/mrz.contract';
import type { DocumentClass } from '../contract/reference.contract';
import type { GreyImage } from '../imaging/grey-image';

export interface RgbImage {
  /** Interleaved 8-bit RGB, row-major. */
  data: Uint8Array;
  width: number;
  height: number;
}

export interface LightImage {
  light: Light;
  rgb: RgbImage;
  grey: GreyImage;
  dpi?: number;
}

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

export interface CheckInput {
  images: Partial<Record<Light, LightImage>>;
  mrz: MrzReading | null;
  identification: Identification | null;
}

/** A check declares what it needs; missing inputs make it 'not-performed' with the reason. */
export interface Check {
  id: string;
  title: string;
  needs: { lights: Light[]; identified: boolean; mrz: boolean };
  run(input: CheckInput): CheckResult | Promise<CheckResult>;
}

/** Check ids, shared by the checks, the forgery specimens' ground truth and the benchmark. */
export const CHECK_IDS = {
  mrzB900: 'mrz.b900',
  uvDullness: 'uv.dullness',
  mrzGeometry: 'mrz.geometry',
  vizMrz: 'viz.mrz-consistency',
  identification: 'document.identification',
  uvFeatures: 'uv.features',
  irFeatures: 'ir.features',
  visibleTemplate: 'visible.template',
  photoZone: 'photo.substitution',
  vizErasure: 'viz.erasure',
} as const;
