// How sharp a camera frame is: the variance of its Laplacian (Pech-Pacheco et al., 2000). Defocus and
// motion blur flatten edges, and the second derivative with them. Measured on a grey copy of fixed
// width so that frames of one camera compare, whatever their own size.
import type { GreyImage } from './grey-image';
import { decodeError, openImageBuffer } from './load-image';

/** Width of the grey copy the measure is taken on. */
export const SHARPNESS_WIDTH = 800;

/** Variance of the 4-neighbour Laplacian over the image (0 for a flat image). */
export function laplacianVariance(img: GreyImage): number {
  const { data, width: w, height: h } = img;
  if (w < 3 || h < 3) return 0;
  let sum = 0;
  let sumSq = 0;
  for (let y = 1; y < h - 1; y++) {
    const row = y * w;
    for (let x = 1; x < w - 1; x++) {
      const i = row + x;
      const v = data[i - w]! + data[i + w]! + data[i - 1]! + data[i + 1]! - 4 * data[i]!;
      sum += v;
      sumSq += v * v;
    }
  }
  const n = (w - 2) * (h - 2);
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

/** The sharpness of an encoded frame (JPEG, PNG...), on a grey copy SHARPNESS_WIDTH pixels wide. */
export async function frameSharpness(bytes: Buffer, label = 'camera frame'): Promise<number> {
  const { image } = await openImageBuffer(bytes, label);
  try {
    const { data, info } = await image.greyscale().resize({ width: SHARPNESS_WIDTH }).raw().toBuffer({ resolveWithObject: true });
    return laplacianVariance({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height });
  } catch (err) {
    throw decodeError(err, label);
  }
}
