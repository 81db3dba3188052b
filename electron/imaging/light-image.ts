// An image under one light (capture or reference) as every check and the identification read it:
// RGB and grey, decoded once.
import { LoupeError } from '../common/loupe-error';
import type { Light } from '../contract/capture.contract';
import type { GreyImage } from './grey-image';
import { openImageBuffer } from './load-image';

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

/** Rec. 601 luma in fixed point — the same weighting scanners use for their grey channel. */
export function rgbToGrey(rgb: RgbImage): GreyImage {
  const n = rgb.width * rgb.height;
  const out = new Uint8Array(n);
  const d = rgb.data;
  for (let p = 0, i = 0; p < n; p++, i += 3) out[p] = (d[i]! * 77 + d[i + 1]! * 150 + d[i + 2]! * 29 + 128) >> 8;
  return { data: out, width: rgb.width, height: rgb.height };
}

export async function decodeLightImage(bytes: Buffer, light: Light, label = `${light} image`): Promise<LightImage> {
  const { image, density } = await openImageBuffer(bytes, label);
  try {
    const { data, info } = await image.clone().flatten({ background: '#ffffff' }).toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected channel count ${info.channels}`);
    const rgb: RgbImage = { data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height * 3), width: info.width, height: info.height };
    return { light, rgb, grey: rgbToGrey(rgb), ...(density ? { dpi: density } : {}) };
  } catch (err) {
    if (err instanceof LoupeError) throw err;
    throw new LoupeError('imaging', 'UnsupportedImage', `cannot decode ${label}: ${(err as Error).message.split('\n')[0]}`);
  }
}

export function lightImageFromRgb(light: Light, rgb: RgbImage, dpi?: number): LightImage {
  if (rgb.data.length !== rgb.width * rgb.height * 3) throw new LoupeError('identify', 'InvalidInput', `${light} image buffer does not match ${rgb.width}×${rgb.height} RGB`);
  return { light, rgb, grey: rgbToGrey(rgb), ...(dpi ? { dpi } : {}) };
}

