// 3×3 homographies (row-major, h33 normalised to 1) in continuous pixel coordinates: pixel (i, j)
// covers [i, i+1) × [j, j+1), so its centre is (i + 0.5, j + 0.5) — the convention of the specimen warp.
import { LoupeError } from '../common/loupe-error';

export type Homography = number[];
export type Pt = readonly [number, number];

export const IDENTITY: Homography = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export function applyH(h: Homography, x: number, y: number): [number, number] {
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

export function multiplyH(a: Homography, b: Homography): Homography {
  const out = new Array<number>(9);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out[r * 3 + c] = a[r * 3]! * b[c]! + a[r * 3 + 1]! * b[3 + c]! + a[r * 3 + 2]! * b[6 + c]!;
  return normalise(out);
}

export function invertH(m: Homography): Homography {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) throw new LoupeError('identify', 'InvalidInput', 'homography is singular');
  return normalise([A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det]);
}

/** Pure scaling (sx, sy). */
export function scaleH(sx: number, sy = sx): Homography {
  return [sx, 0, 0, 0, sy, 0, 0, 0, 1];
}

function normalise(h: number[]): Homography {
  const s = h[8]!;
  return Math.abs(s) > 1e-15 ? h.map((v) => v / s) : h;
}

/** Solves the n×n system a·x = b in place (Gaussian elimination, partial pivoting); null when singular. */
export function solveLinear(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) < 1e-12) return null;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = a[r]![col]! / a[col]![col]!;
      if (f === 0) continue;
      for (let c = col; c < n; c++) a[r]![c]! -= f * a[col]![c]!;
      b[r]! -= f * b[col]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let c = r + 1; c < n; c++) s -= a[r]![c]! * x[c]!;
    x[r] = s / a[r]![r]!;
  }
  return x;
}

/** Hartley normalisation: centroid at the origin, mean distance √2 (keeps the normal equations well conditioned). */
function normaliser(pts: readonly Pt[]): Homography {
  let mx = 0;
  let my = 0;
  for (const [x, y] of pts) {
    mx += x;
    my += y;
  }
  mx /= pts.length;
  my /= pts.length;
  let d = 0;
  for (const [x, y] of pts) d += Math.hypot(x - mx, y - my);
  const s = d > 0 ? (Math.SQRT2 * pts.length) / d : 1;
  return [s, 0, -s * mx, 0, s, -s * my, 0, 0, 1];
}

/**
 * Least-squares homography src → dst from ≥ 4 correspondences (DLT with h33 = 1 on normalised
 * coordinates, optional per-point weights). Null when the points are degenerate (collinear).
 */
export function fitHomography(src: readonly Pt[], dst: readonly Pt[], weights?: readonly number[]): Homography | null {
  if (src.length < 4 || src.length !== dst.length) return null;
  const ns = normaliser(src);
  const nd = normaliser(dst);
  const ata = Array.from({ length: 8 }, () => new Array<number>(8).fill(0));
  const atb = new Array<number>(8).fill(0);
  const add = (row: number[], rhs: number, w: number): void => {
    for (let i = 0; i < 8; i++) {
      if (row[i] === 0) continue;
      for (let j = 0; j < 8; j++) ata[i]![j]! += w * row[i]! * row[j]!;
      atb[i]! += w * row[i]! * rhs;
    }
  };
  for (let k = 0; k < src.length; k++) {
    const [x, y] = applyH(ns, src[k]![0], src[k]![1]);
    const [u, v] = applyH(nd, dst[k]![0], dst[k]![1]);
    const w = weights ? weights[k]! : 1;
    if (!(w > 0)) continue;
    add([x, y, 1, 0, 0, 0, -u * x, -u * y], u, w);
    add([0, 0, 0, x, y, 1, -v * x, -v * y], v, w);
  }
  const h = solveLinear(ata, atb);
  if (!h || h.some((v) => !Number.isFinite(v))) return null;
  const hn: Homography = [...h, 1];
  return multiplyH(invertH(nd), multiplyH(hn, ns));
}

/** Largest distance between where two homographies put the corners of a w × h frame. */
export function cornerError(a: Homography, b: Homography, w: number, h: number): number {
  let worst = 0;
  for (const [x, y] of [[0, 0], [w, 0], [w, h], [0, h]] as const) {
    const [ax, ay] = applyH(a, x, y);
    const [bx, by] = applyH(b, x, y);
    worst = Math.max(worst, Math.hypot(ax - bx, ay - by));
  }
  return worst;
}

/** Mean linear scale of the homography around a point (√|det J|): capture pixels per reference pixel. */
export function localScale(h: Homography, x: number, y: number): number {
  const e = 1;
  const [x0, y0] = applyH(h, x, y);
  const [x1, y1] = applyH(h, x + e, y);
  const [x2, y2] = applyH(h, x, y + e);
  return Math.sqrt(Math.abs((x1 - x0) * (y2 - y0) - (y1 - y0) * (x2 - x0)));
}
