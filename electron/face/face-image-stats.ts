// Image statistics of a face for the quality gate: sharpness (variance of the Laplacian), brightness
// and contrast. Computed on the face resampled to a fixed width, so the figures do not depend on the
// resolution of the capture. Pure: no I/O.

export interface GreyPixels {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

/** Width the face is resampled to before measuring (the I/O side does the resampling). */
export const STATS_WIDTH = 112;

export function faceImageStats(grey: GreyPixels): { sharpness: number; brightness: number; contrast: number } {
  const { data, width: w, height: h } = grey;
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < w * h; i++) {
    const v = data[i]!;
    sum += v;
    sum2 += v * v;
  }
  const n = w * h || 1;
  const brightness = sum / n;
  const contrast = Math.sqrt(Math.max(0, sum2 / n - brightness * brightness));
  let lSum = 0;
  let lSum2 = 0;
  let m = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const lap = data[i - 1]! + data[i + 1]! + data[i - w]! + data[i + w]! - 4 * data[i]!;
      lSum += lap;
      lSum2 += lap * lap;
      m++;
    }
  }
  const lMean = m ? lSum / m : 0;
  const sharpness = m ? lSum2 / m - lMean * lMean : 0;
  return { sharpness, brightness, contrast };
}
