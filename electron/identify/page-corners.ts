// Finds the page outline in a capture that shows the scanner bed around the page. Works on the
// per-pixel maximum of R, G and B: a coloured header band (dark in luminance, often barely above
// the grey bed) keeps a strong channel, so the page's top edge stays visible.
import type { RgbImage } from '../imaging/light-image';
import { downscale } from '../imaging/affine-sample';
import type { GreyImage } from '../imaging/grey-image';

export type Quad = [[number, number], [number, number], [number, number], [number, number]];

/** Long side of the working image: ≈ 2 px per mm on a TD3 page, enough for sub-pixel edge fits. */
const WORK_SIDE = 700;

function maxChannel(rgb: RgbImage): GreyImage {
  const n = rgb.width * rgb.height;
  const out = new Uint8Array(n);
  const d = rgb.data;
  for (let p = 0, i = 0; p < n; p++, i += 3) {
    const r = d[i]!;
    const g = d[i + 1]!;
    const b = d[i + 2]!;
    out[p] = r > g ? (r > b ? r : b) : g > b ? g : b;
  }
  return { data: out, width: rgb.width, height: rgb.height };
}

type Side = 'top' | 'bottom' | 'left' | 'right';

/** Edge crossings along scanlines perpendicular to one side, in working-image coordinates. */
function edgePoints(img: GreyImage, side: Side, noise: number): [number, number][] {
  const { width: w, height: h, data } = img;
  const horizontal = side === 'top' || side === 'bottom';
  const along = horizontal ? w : h;
  const depth = Math.floor((horizontal ? h : w) * 0.35);
  const pts: [number, number][] = [];
  const value = (s: number, t: number): number => {
    // s: position along the side, t: depth from the image border.
    if (side === 'top') return data[t * w + s]!;
    if (side === 'bottom') return data[(h - 1 - t) * w + s]!;
    if (side === 'left') return data[s * w + t]!;
    return data[s * w + (w - 1 - t)]!;
  };
  for (let s = Math.floor(along * 0.12); s < along * 0.88; s += 2) {
    const bed = (value(s, 0) + value(s, 1) + value(s, 2)) / 3;
    const rise = Math.max(12, 5 * noise);
    let t = 3;
    while (t < depth && value(s, t) < bed + rise) t++;
    if (t >= depth - 3) continue;
    // Level reached just inside the page; the edge is where the profile crosses half-way.
    const inside = (value(s, t + 1) + value(s, t + 2) + value(s, t + 3)) / 3;
    const mid = (bed + Math.max(inside, bed + rise)) / 2;
    let k = t;
    while (k > 1 && value(s, k - 1) >= mid) k--;
    while (k < depth - 1 && value(s, k) < mid) k++;
    const a = value(s, k - 1);
    const b = value(s, k);
    const crossing = k - 1 + (b !== a ? (mid - a) / (b - a) : 0.5) + 0.5;
    const depthCoord = side === 'top' || side === 'left' ? crossing : (horizontal ? h : w) - crossing;
    const sCoord = s + 0.5;
    pts.push(horizontal ? [sCoord, depthCoord] : [depthCoord, sCoord]);
  }
  return pts;
}

/**
 * Robust line fit, dependent = a·independent + b: the line through two of the points with the most
 * points within 1 px (a header band lost in shadow puts a second, inner cluster of crossings on the
 * top side), then least squares on that consensus.
 */
function fitLine(pts: [number, number][], vertical: boolean): { a: number; b: number } | null {
  const use = pts.map(([x, y]) => (vertical ? [y, x] : [x, y]) as [number, number]);
  if (use.length < 8) return null;
  let best: [number, number][] = [];
  const stride = Math.max(1, Math.floor(use.length / 24));
  for (let i = 0; i < use.length; i += stride) {
    for (let j = i + Math.floor(use.length / 3); j < use.length; j += stride) {
      const [x1, y1] = use[i]!;
      const [x2, y2] = use[j]!;
      if (x2 === x1) continue;
      const a = (y2 - y1) / (x2 - x1);
      const b = y1 - a * x1;
      const inliers = use.filter(([x, y]) => Math.abs(y - (a * x + b)) <= 1);
      if (inliers.length > best.length) best = inliers;
    }
  }
  if (best.length < Math.max(8, use.length * 0.3)) return null;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const [x, y] of best) {
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const n = best.length;
  const den = n * sxx - sx * sx;
  if (Math.abs(den) < 1e-9) return null;
  const a = (n * sxy - sx * sy) / den;
  return { a, b: (sy - a * sx) / n };
}

/**
 * Pixel noise of the bed, from differences between neighbours along the outermost rows and columns
 * (median |d| = 0.954 σ for Gaussian noise). The spread of the ring's levels is no measure of it:
 * the reader's vignette and illumination gradient spread a heavy capture's bed over ±20 levels,
 * which put the rise threshold above a dark header band (olive, 90 in its brightest channel) and
 * lost the top edge on 9 of 100 heavy captures.
 */
function bedNoise(img: GreyImage): number {
  const { width: w, height: h, data } = img;
  const diffs: number[] = [];
  for (let x = 1; x < w; x++) diffs.push(Math.abs(data[x]! - data[x - 1]!), Math.abs(data[(h - 1) * w + x]! - data[(h - 1) * w + x - 1]!));
  for (let y = 1; y < h; y++) diffs.push(Math.abs(data[y * w]! - data[(y - 1) * w]!), Math.abs(data[y * w + w - 1]! - data[(y - 1) * w + w - 1]!));
  diffs.sort((a, b) => a - b);
  return Math.max(1, diffs[diffs.length >> 1]! / 0.954);
}

/**
 * Page corners (TL, TR, BR, BL) in capture pixels, or null when the page fills the image (no bed
 * visible) or the outline is not a plausible quadrilateral.
 */
export function detectPageCorners(rgb: RgbImage): Quad | null {
  const full = maxChannel(rgb);
  const factor = Math.max(1, Math.round(Math.max(rgb.width, rgb.height) / WORK_SIDE));
  const img = downscale(full, factor);
  const { width: w, height: h, data } = img;
  // The bed: the outermost ring. A bright ring means the page reaches the image border.
  const ring: number[] = [];
  for (let x = 0; x < w; x++) ring.push(data[x]!, data[(h - 1) * w + x]!);
  for (let y = 0; y < h; y++) ring.push(data[y * w]!, data[y * w + w - 1]!);
  ring.sort((a, b) => a - b);
  const median = ring[ring.length >> 1]!;
  if (median > 140) return null;
  const noise = bedNoise(img);
  const top = fitLine(edgePoints(img, 'top', noise), false);
  const bottom = fitLine(edgePoints(img, 'bottom', noise), false);
  const left = fitLine(edgePoints(img, 'left', noise), true);
  const right = fitLine(edgePoints(img, 'right', noise), true);
  if (!top || !bottom || !left || !right) return null;
  // y = a·x + b (top/bottom) meets x = c·y + d (left/right).
  const meet = (hl: { a: number; b: number }, vl: { a: number; b: number }): [number, number] => {
    const y = (hl.a * vl.b + hl.b) / (1 - hl.a * vl.a);
    return [(vl.a * y + vl.b) * factor, y * factor];
  };
  const quad: Quad = [meet(top, left), meet(top, right), meet(bottom, right), meet(bottom, left)];
  const area = Math.abs(quad.reduce((s, [x, y], i) => {
    const [nx, ny] = quad[(i + 1) % 4]!;
    return s + x * ny - nx * y;
  }, 0)) / 2;
  if (area < 0.3 * rgb.width * rgb.height) return null;
  return quad;
}
