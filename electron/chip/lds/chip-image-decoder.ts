// Turns an image from the chip (DG2 face, DG7 signature, DG11/DG12 images) into something the
// station can show and compare: its format, its real size, and a PNG made by sharp — from the JPEG
// directly, or from the pixels OpenJPEG decoded for JPEG 2000.
import sharp from 'sharp';
import { ChipError } from '../chip-error';
import { sniffImageFormat, type ImageFormat } from './image-format';
import { decodeJpeg2000, MAX_PIXELS } from './jpeg2000-decoder';

export interface DisplayImage {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
  /** PNG bytes of the image, for display and comparison. */
  readonly png: Uint8Array;
}

export async function decodeChipImage(encoded: Uint8Array): Promise<DisplayImage> {
  const format = sniffImageFormat(encoded);
  try {
    switch (format) {
      case 'JPEG': {
        const image = sharp(encoded, { limitInputPixels: MAX_PIXELS });
        const { data, info } = await image.png().toBuffer({ resolveWithObject: true });
        return { format, width: info.width, height: info.height, png: new Uint8Array(data) };
      }
      case 'JPEG2000': {
        const raster = await decodeJpeg2000(encoded);
        const png = await sharp(raster.pixels, { raw: { width: raster.width, height: raster.height, channels: raster.channels } }).png().toBuffer();
        return { format, width: raster.width, height: raster.height, png: new Uint8Array(png) };
      }
      case 'unknown':
        throw new ChipError('MalformedData', 'The image from the chip is neither JPEG nor JPEG 2000.');
    }
  } catch (e) {
    if (e instanceof ChipError) throw e;
    throw new ChipError('MalformedData', 'The image from the chip cannot be decoded.', undefined, { cause: e });
  }
}
