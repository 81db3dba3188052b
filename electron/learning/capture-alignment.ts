// Bringing the genuine captures of a class into one frame. Each capture is first placed by its page
// outline (or its image frame), then aligned by patch correlation on the print the captures share:
// first against the first capture, then against the median of all, with the personal content found
// in between left out of the anchors (a patch on a name would follow the name, not the page).
import type { Box, Light } from '../contract/capture.contract';
import { alignToReference } from '../identify/align';
import { lightImageFromRgb, type LightImage } from '../imaging/light-image';
import type { Homography } from '../identify/homography';
import type { ClassFrame } from './class-frame';
import { warpToFrame, type FramedImage } from './frame-stack';

export interface AlignedCapture {
  /** Frame pixels → capture pixels. */
  homography: Homography;
  /** Each light of the capture resampled into the frame. */
  framed: Partial<Record<Light, FramedImage>>;
  /** Patches located at the final check, and their median residual (capture pixels). */
  patches: number;
  residualPx: number;
}

/**
 * Fewer patches than this found where the alignment puts them, or a larger median residual, and the
 * capture does not align with the others (another design, a page upside down, a bad scan).
 */
export const MIN_PATCHES = 6;
export const MAX_RESIDUAL_PX = 3;

/** Aligns one capture's white image onto a frame image and resamples all its lights into the frame. */
export function alignCapture(images: Partial<Record<Light, LightImage>>, anchor: LightImage, frame: ClassFrame, personal: Box[]): AlignedCapture {
  const white = images.white!;
  const alignment = alignToReference(white, anchor, { dpi: frame.dpi, personal, method: 'corners+patches' });
  return { homography: alignment.homography, framed: frameLights(images, alignment.homography, frame), patches: alignment.patches, residualPx: alignment.residualPx };
}

export function frameLights(images: Partial<Record<Light, LightImage>>, homography: Homography, frame: ClassFrame): Partial<Record<Light, FramedImage>> {
  const framed: Partial<Record<Light, FramedImage>> = {};
  for (const [light, image] of Object.entries(images) as [Light, LightImage | undefined][]) {
    if (image) framed[light] = warpToFrame(image.rgb, homography, frame.width, frame.height);
  }
  return framed;
}

/** A framed image as a light image of the class frame (for alignment and measurements). */
export function frameImage(light: Light, rgb: FramedImage['rgb'], frame: ClassFrame): LightImage {
  return lightImageFromRgb(light, rgb, frame.dpi);
}

export function aligned(capture: AlignedCapture): boolean {
  return capture.patches >= MIN_PATCHES && capture.residualPx <= MAX_RESIDUAL_PX;
}
