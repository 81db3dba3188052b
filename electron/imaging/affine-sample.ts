// Resamples a rotated, scaled rectangle of a greyscale image into an upright image (bilinear).
import { createGrey, type GreyImage } from './grey-image';

export interface SampleFrame {
  /** Source point that maps to output pixel (0, 0). */
  originX: number;
  originY: number;
  /** Source displacement for one output pixel along the output x axis and y axis. */
  ux: number;
  uy: number;
  vx: number;
  vy: number;
}

export function affineSample(src: GreyImage, frame: SampleFrame, width: number, height: number, fill = 255): GreyImage {
  const out = createGrey(width, height);
  const { data, width: w, height: h } = src;
  for (let v = 0; v < height; v++) {
    let x = frame.originX + v * frame.vx;
    let y = frame.originY + v * frame.vy;
    for (let u = 0; u < width; u++, x += frame.ux, y += frame.uy) {
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) {
        out.data[v * width + u] = fill;
        continue;
      }
      const fx = x - x0;
      const fy = y - y0;
      const i = y0 * w + x0;
      const top = data[i]! + (data[i + 1]! - data[i]!) * fx;
      const bottom = data[i + w]! + (data[i + w + 1]! - data[i + w]!) * fx;
      out.data[v * width + u] = top + (bottom - top) * fy + 0.5;
    }
  }
  return out;
}

/** Box-filter downscale by an integer factor (fast, alias-free enough for layout analysis). */
export function downscale(src: GreyImage, factor: number): GreyImage {
  if (factor <= 1) return src;
  const w = Math.floor(src.width / factor);
  const h = Math.floor(src.height / factor);
  const out = createGrey(w, h);
  const area = factor * factor;
  const rowSums = new Uint32Array(w);
  for (let y = 0; y < h; y++) {
    rowSums.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      const row = (y * factor + dy) * src.width;
      for (let x = 0; x < w; x++) {
        let s = 0;
        const base = row + x * factor;
        for (let dx = 0; dx < factor; dx++) s += src.data[base + dx]!;
        rowSums[x]! += s;
      }
    }
    for (let x = 0; x < w; x++) out.data[y * w + x] = rowSums[x]! / area;
  }
  return out;
}
