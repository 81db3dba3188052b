// Bilinear resampling of an RGB image through an affine frame: the eye-aligned portrait crop that the
// comparison aid shows side by side (same eye positions and scale for every portrait). Pure: no I/O.
import { ALIGNED } from './face-geometry';

export interface RgbPixels {
  data: Uint8Array;
  width: number;
  height: number;
}

export function alignRgb(
  src: RgbPixels,
  frame: { originX: number; originY: number; ux: number; uy: number; vx: number; vy: number },
  width: number = ALIGNED.width,
  height: number = ALIGNED.height,
): RgbPixels {
  const out = new Uint8Array(width * height * 3);
  const { data, width: w, height: h } = src;
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const x = frame.originX + u * frame.ux + v * frame.vx;
      const y = frame.originY + u * frame.uy + v * frame.vy;
      const o = (v * width + u) * 3;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) {
        // Outside the source: neutral grey, so the officer sees where the portrait ended.
        out[o] = out[o + 1] = out[o + 2] = 128;
        continue;
      }
      const fx = x - x0;
      const fy = y - y0;
      for (let c = 0; c < 3; c++) {
        const i = (y0 * w + x0) * 3 + c;
        const top = data[i]! + (data[i + 3]! - data[i]!) * fx;
        const bottom = data[i + w * 3]! + (data[i + w * 3 + 3]! - data[i + w * 3]!) * fx;
        out[o + c] = top + (bottom - top) * fy + 0.5;
      }
    }
  }
  return { data: out, width, height };
}
