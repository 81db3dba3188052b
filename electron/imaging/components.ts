// Connected components of dark pixels (8-connectivity), with the statistics text analysis needs.
import type { GreyImage } from './grey-image';

export interface Component {
  x0: number;
  y0: number;
  x1: number; // inclusive
  y1: number; // inclusive
  area: number;
  cx: number;
  cy: number;
}

/**
 * Binarises with a local-mean threshold (integral image): a pixel is ink when it is darker than its
 * neighbourhood by `offset` and darker than `globalMax`. Local thresholds keep faint background print
 * (guilloches) out while dark text survives uneven illumination.
 */
export function binarize(img: GreyImage, window: number, offset: number, globalMax: number): Uint8Array {
  const { width: w, height: h, data } = img;
  const integral = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += data[y * w + x]!;
      integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1]! + row;
    }
  }
  const r = Math.max(1, Math.floor(window / 2));
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const ya = Math.max(0, y - r);
    const yb = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x]!;
      if (v > globalMax) continue;
      const xa = Math.max(0, x - r);
      const xb = Math.min(w, x + r + 1);
      const sum = integral[yb * (w + 1) + xb]! - integral[ya * (w + 1) + xb]! - integral[yb * (w + 1) + xa]! + integral[ya * (w + 1) + xa]!;
      const mean = sum / ((yb - ya) * (xb - xa));
      if (v < mean - offset) out[y * w + x] = 1;
    }
  }
  return out;
}

/** Labels 8-connected components of a binary mask; components larger than `maxArea` are dropped. */
export function findComponents(mask: Uint8Array, width: number, height: number, maxArea = Infinity): Component[] {
  const labels = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  const out: Component[] = [];
  let next = 1;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    let sp = 0;
    stack[sp++] = start;
    labels[start] = next;
    let x0 = width, y0 = height, x1 = 0, y1 = 0, area = 0, sx = 0, sy = 0;
    while (sp > 0) {
      const p = stack[--sp]!;
      const py = (p / width) | 0;
      const px = p - py * width;
      area++;
      sx += px;
      sy += py;
      if (px < x0) x0 = px;
      if (px > x1) x1 = px;
      if (py < y0) y0 = py;
      if (py > y1) y1 = py;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = py + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = px + dx;
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (mask[q] && !labels[q]) {
            labels[q] = next;
            stack[sp++] = q;
          }
        }
      }
    }
    next++;
    if (area <= maxArea) out.push({ x0, y0, x1, y1, area, cx: sx / area, cy: sy / area });
  }
  return out;
}
