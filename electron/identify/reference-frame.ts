// Reference images are read in the class's zone frame (its size in mm at its dpi). An image of a
// different size but the same shape is resampled onto that frame; another shape is refused.
import type { LightImage, RgbImage } from '../imaging/light-image';
import type { DocumentClass } from '../contract/reference.contract';
import type { Box } from '../contract/capture.contract';
import { LoupeError } from '../common/loupe-error';
import { warpGrey } from './frame-sample';

/** Tolerated aspect-ratio difference: a reference cropped 1 mm off on a TD1 card is still the same page. */
const ASPECT_TOLERANCE = 0.03;

export function classFrame(cls: DocumentClass): { width: number; height: number } {
  return { width: Math.round((cls.size.widthMm / 25.4) * cls.dpi), height: Math.round((cls.size.heightMm / 25.4) * cls.dpi) };
}

function resizeRgb(src: RgbImage, width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  const sx = src.width / width;
  const sy = src.height / height;
  for (let y = 0; y < height; y++) {
    const yy = Math.min(src.height - 1, Math.floor((y + 0.5) * sy));
    for (let x = 0; x < width; x++) {
      const xx = Math.min(src.width - 1, Math.floor((x + 0.5) * sx));
      const i = (yy * src.width + xx) * 3;
      const o = (y * width + x) * 3;
      data[o] = src.data[i]!;
      data[o + 1] = src.data[i + 1]!;
      data[o + 2] = src.data[i + 2]!;
    }
  }
  return { data, width, height };
}

/** The reference image in the class frame; throws InvalidInput when its shape does not fit the class. */
export function conformReference(cls: DocumentClass, image: LightImage): LightImage {
  const { width, height } = classFrame(cls);
  const { width: w, height: h } = image.grey;
  if (w === width && h === height) return image;
  if (!(w > 0 && h > 0) || Math.abs(w / h / (width / height) - 1) > ASPECT_TOLERANCE) {
    throw new LoupeError('identify', 'InvalidInput', `reference ${image.light} image of class ${cls.id} is ${w}×${h} px; the class is ${cls.size.widthMm}×${cls.size.heightMm} mm (${width}×${height} px at ${cls.dpi} dpi)`);
  }
  const grey = warpGrey(image.grey, [w / width, 0, 0, 0, h / height, 0, 0, 0, 1], width, height, 255).img;
  return { light: image.light, rgb: resizeRgb(image.rgb, width, height), grey, dpi: cls.dpi };
}

export function personalBoxes(cls: DocumentClass): Box[] {
  return cls.zones.filter((z) => z.personal).map((z) => z.box);
}
