// A projective (perspective) warp on raw pixels, which sharp does not offer (it has affine and
// rotate only). One homography serves the three lights: a document reader captures white, IR and
// UV in one pass without moving the page, so they share the geometry exactly.

export type Matrix3 = [number, number, number, number, number, number, number, number, number];
export type Point = [number, number];

export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

/** Homography mapping the four `src` points onto the four `dst` points (direct linear solve, h33 = 1). */
export function homographyFromPoints(src: readonly Point[], dst: readonly Point[]): Matrix3 {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = src[i] as Point;
    const [u, v] = dst[i] as Point;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination with partial pivoting on the 8 × 9 augmented matrix.
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs((a[r] as number[])[col] as number) > Math.abs((a[pivot] as number[])[col] as number)) pivot = r;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const p = a[col] as number[];
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const row = a[r] as number[];
      const factor = (row[col] as number) / (p[col] as number);
      for (let c = col; c < 9; c++) row[c] = (row[c] as number) - factor * (p[c] as number);
    }
  }
  const h = a.map((row, i) => (row[8] as number) / (row[i] as number));
  return [h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1] as Matrix3;
}

export function invert3(m: Matrix3): Matrix3 {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det];
}

export function applyHomography(m: Matrix3, [x, y]: Point): Point {
  const w = m[6] * x + m[7] * y + m[8];
  return [(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w];
}

/**
 * Warps every image with the same homography (`forward` maps source pixels to output pixels),
 * bilinear sampling; pixels falling outside the source take that image's `fill` colour.
 * The sampling positions are computed once and reused for every image.
 */
export function warpImages(images: readonly RawImage[], forward: Matrix3, outW: number, outH: number, fills: readonly number[][]): RawImage[] {
  const first = images[0];
  if (!first) return [];
  const inv = invert3(forward);
  const { width: sw, height: sh } = first;
  const n = outW * outH;
  const base = new Int32Array(n);
  const wx = new Float32Array(n);
  const wy = new Float32Array(n);
  for (let y = 0, p = 0; y < outH; y++) {
    const py = y + 0.5;
    for (let x = 0; x < outW; x++, p++) {
      const px = x + 0.5;
      const w = inv[6] * px + inv[7] * py + inv[8];
      const u = (inv[0] * px + inv[1] * py + inv[2]) / w - 0.5;
      const v = (inv[3] * px + inv[4] * py + inv[5]) / w - 0.5;
      if (u < -0.5 || v < -0.5 || u > sw - 0.5 || v > sh - 0.5) {
        base[p] = -1;
        continue;
      }
      // Clamp to the last full 2 × 2 neighbourhood so the four taps stay inside the source.
      const x0 = Math.min(sw - 2, Math.max(0, Math.floor(u)));
      const y0 = Math.min(sh - 2, Math.max(0, Math.floor(v)));
      base[p] = y0 * sw + x0;
      wx[p] = Math.min(1, Math.max(0, u - x0));
      wy[p] = Math.min(1, Math.max(0, v - y0));
    }
  }
  return images.map((img, k) => {
    const ch = img.channels;
    const src = img.data;
    const out = new Uint8Array(n * ch);
    const fill = fills[k] ?? [];
    const row = sw * ch;
    for (let p = 0; p < n; p++) {
      const b = base[p] as number;
      const o = p * ch;
      if (b < 0) {
        for (let c = 0; c < ch; c++) out[o + c] = fill[c] ?? 0;
        continue;
      }
      const fx = wx[p] as number;
      const fy = wy[p] as number;
      const i00 = b * ch;
      for (let c = 0; c < ch; c++) {
        const a = src[i00 + c] as number;
        const top = a + ((src[i00 + ch + c] as number) - a) * fx;
        const d = src[i00 + row + c] as number;
        const bottom = d + ((src[i00 + row + ch + c] as number) - d) * fx;
        out[o + c] = (top + (bottom - top) * fy + 0.5) | 0;
      }
    }
    return { data: out, width: outW, height: outH, channels: ch };
  });
}
