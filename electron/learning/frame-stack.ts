// Captures resampled into the class frame (reference pixels at the class dpi), and per-pixel
// statistics across them: the reference image of a light is what the genuine captures agree on.
import type { RgbImage } from '../imaging/light-image';
import { applyH, localScale, type Homography } from '../identify/homography';

/** One light of one capture seen in the class frame; `valid` is 1 where the sample fell inside the capture. */
export interface FramedImage {
  rgb: RgbImage;
  valid: Uint8Array;
}

/** Box-filter downscale of an RGB image by an integer factor (alias-free resampling of a finer capture). */
export function downscaleRgb(src: RgbImage, factor: number): RgbImage {
  if (factor <= 1) return src;
  const w = Math.floor(src.width / factor);
  const h = Math.floor(src.height / factor);
  const out = new Uint8Array(w * h * 3);
  const area = factor * factor;
  const sums = new Uint32Array(w * 3);
  for (let y = 0; y < h; y++) {
    sums.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      const row = (y * factor + dy) * src.width;
      for (let x = 0; x < w; x++) {
        for (let dx = 0; dx < factor; dx++) {
          const i = (row + x * factor + dx) * 3;
          sums[x * 3]! += src.data[i]!;
          sums[x * 3 + 1]! += src.data[i + 1]!;
          sums[x * 3 + 2]! += src.data[i + 2]!;
        }
      }
    }
    for (let k = 0; k < w * 3; k++) out[y * w * 3 + k] = (sums[k]! + area / 2) / area;
  }
  return { data: out, width: w, height: h };
}

/**
 * The capture seen in the frame: every frame pixel centre mapped by `frameToCapture` and sampled
 * bilinearly. A capture much finer than the frame is box-downscaled first, so thin print does not alias.
 */
export function warpToFrame(src: RgbImage, frameToCapture: Homography, width: number, height: number): FramedImage {
  const factor = Math.max(1, Math.floor(localScale(frameToCapture, width / 2, height / 2) * 0.8));
  const img = downscaleRgb(src, factor);
  const s = 1 / factor;
  const data = new Uint8Array(width * height * 3);
  const valid = new Uint8Array(width * height);
  const { width: w, height: h } = img;
  const d = img.data;
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const [sx, sy] = applyH(frameToCapture, u + 0.5, v + 0.5);
      const x = sx * s - 0.5;
      const y = sy * s - 0.5;
      if (!(x >= 0 && y >= 0 && x < w - 1 && y < h - 1)) continue;
      const x0 = x | 0;
      const y0 = y | 0;
      const fx = x - x0;
      const fy = y - y0;
      const i = (y0 * w + x0) * 3;
      const j = i + w * 3;
      const o = (v * width + u) * 3;
      for (let c = 0; c < 3; c++) {
        const top = d[i + c]! + (d[i + 3 + c]! - d[i + c]!) * fx;
        const bottom = d[j + c]! + (d[j + 3 + c]! - d[j + c]!) * fx;
        data[o + c] = (top + (bottom - top) * fy + 0.5) | 0;
      }
      valid[v * width + u] = 1;
    }
  }
  return { rgb: { data, width, height }, valid };
}

/** How a pixel's values are combined where the captures differ (personal content): see `stackMedian`. */
export type VaryingRule = 'median' | 'without-dark';

/**
 * Ink is darker than the background it is printed on by more than this (grey levels): the personal
 * data of one capture, left out where the captures differ (the reference keeps only what lies under it).
 */
const OUTLIER_LEVELS = 30;

/**
 * Per-pixel, per-channel median of the framed images, each counted `weights[i]` times (an existing
 * reference stands for the captures it was made from). Where `varying` is set and the rule is
 * 'without-dark', values more than OUTLIER_LEVELS below the brightest are left out first (ink on
 * paper), so no document's personal data enters the reference. A pixel no image covers takes `fill`.
 */
export function stackMedian(images: FramedImage[], weights: number[], options: { varying?: Uint8Array; rule?: VaryingRule; fill?: number } = {}): RgbImage {
  const first = images[0]!.rgb;
  const { width, height } = first;
  const n = width * height;
  const out = new Uint8Array(n * 3);
  const values = new Float64Array(images.length);
  const w = new Float64Array(images.length);
  const rule = options.rule ?? 'median';
  const fill = options.fill ?? 255;
  for (let p = 0; p < n; p++) {
    for (let c = 0; c < 3; c++) {
      let k = 0;
      let lo = 255;
      let hi = 0;
      for (let i = 0; i < images.length; i++) {
        if (!images[i]!.valid[p]) continue;
        const v = images[i]!.rgb.data[p * 3 + c]!;
        values[k] = v;
        w[k] = weights[i]!;
        k++;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (k === 0) {
        out[p * 3 + c] = fill;
        continue;
      }
      let m = k;
      if (options.varying?.[p] && rule !== 'median' && hi - lo > OUTLIER_LEVELS) {
        m = 0;
        for (let i = 0; i < k; i++) {
          if (values[i]! >= hi - OUTLIER_LEVELS) {
            values[m] = values[i]!;
            w[m] = w[i]!;
            m++;
          }
        }
      }
      out[p * 3 + c] = weightedMedian(values, w, m);
    }
  }
  return { data: out, width, height };
}

/** Weighted median of the first `n` values (insertion sort: n is the number of captures). */
function weightedMedian(values: Float64Array, weights: Float64Array, n: number): number {
  for (let i = 1; i < n; i++) {
    const v = values[i]!;
    const wv = weights[i]!;
    let j = i - 1;
    while (j >= 0 && values[j]! > v) {
      values[j + 1] = values[j]!;
      weights[j + 1] = weights[j]!;
      j--;
    }
    values[j + 1] = v;
    weights[j + 1] = wv;
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i]!;
  // The lower and upper weighted medians averaged: with equal weights, the usual median.
  let acc = 0;
  let lower = values[0]!;
  for (let i = 0; i < n; i++) {
    acc += weights[i]!;
    if (acc >= total / 2) {
      lower = values[i]!;
      break;
    }
  }
  acc = 0;
  let upper = values[n - 1]!;
  for (let i = n - 1; i >= 0; i--) {
    acc += weights[i]!;
    if (acc >= total / 2) {
      upper = values[i]!;
      break;
    }
  }
  return Math.round((lower + upper) / 2);
}
