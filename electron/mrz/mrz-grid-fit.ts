// Fits the character grid of each MRZ line inside the crop. The pitch is fixed on the document, but a
// scan adds perspective and lens distortion, so the cell centres are fitted as a smooth function of the
// column (u = a + b·col + c·col², v = d + e·col) from the glyphs found in the crop.
import { findComponents, type Component } from '../imaging/components';
import { otsuThreshold, type GreyImage } from '../imaging/grey-image';
import type { GridLine } from './mrz-image-crop';

export interface FittedLine extends GridLine {
  /** u(col) = a + b·col + c·col² */
  a: number;
  b: number;
  c: number;
  /** v(col) = d + e·col */
  d: number;
  e: number;
}

export const cellU = (l: FittedLine, col: number): number => l.a + l.b * col + l.c * col * col;
export const cellV = (l: FittedLine, col: number): number => l.d + l.e * col;

/** Column nearest to horizontal position u (the quadratic term is small: one refinement suffices). */
export function columnAt(l: FittedLine, u: number): number {
  let col = (u - l.a) / l.b;
  col = (u - l.a - l.c * col * col) / l.b;
  return Math.round(col);
}

function solve3(m: number[][], r: number[]): number[] | null {
  // Gaussian elimination on a 3×3 system (normal equations of the quadratic fit).
  const a = m.map((row, i) => [...row, r[i]!]);
  for (let i = 0; i < 3; i++) {
    let p = i;
    for (let k = i + 1; k < 3; k++) if (Math.abs(a[k]![i]!) > Math.abs(a[p]![i]!)) p = k;
    if (Math.abs(a[p]![i]!) < 1e-9) return null;
    [a[i], a[p]] = [a[p]!, a[i]!];
    for (let k = 0; k < 3; k++) {
      if (k === i) continue;
      const f = a[k]![i]! / a[i]![i]!;
      for (let j = i; j < 4; j++) a[k]![j]! -= f * a[i]![j]!;
    }
  }
  return [a[0]![3]! / a[0]![0]!, a[1]![3]! / a[1]![1]!, a[2]![3]! / a[2]![2]!];
}

function fitQuadratic(points: { col: number; u: number }[], fallback: [number, number, number]): [number, number, number] {
  if (points.length < 8) return fallback;
  const s = [0, 0, 0, 0, 0];
  const r = [0, 0, 0];
  for (const { col, u } of points) {
    let x = 1;
    for (let k = 0; k < 5; k++) {
      s[k]! += x;
      if (k < 3) r[k]! += u * x;
      x *= col;
    }
  }
  const sol = solve3([[s[0]!, s[1]!, s[2]!], [s[1]!, s[2]!, s[3]!], [s[2]!, s[3]!, s[4]!]], r);
  return sol ? [sol[0]!, sol[1]!, sol[2]!] : fallback;
}

function fitLinear(points: { col: number; v: number }[], fallback: [number, number]): [number, number] {
  if (points.length < 4) return fallback;
  const n = points.length;
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const { col, v } of points) {
    sx += col;
    sy += v;
    sxx += col * col;
    sxy += col * v;
  }
  const den = n * sxx - sx * sx;
  if (Math.abs(den) < 1e-9) return fallback;
  const e = (n * sxy - sx * sy) / den;
  return [(sy - e * sx) / n, e];
}

/** Refines each line's grid from the glyphs in the crop; keeps the coarse grid where glyphs are too few. */
export function fitGrid(crop: GreyImage, grid: GridLine[], pitch: number, length: number): FittedLine[] {
  const mask = new Uint8Array(crop.data.length);
  const t = otsuThreshold(crop);
  for (let i = 0; i < mask.length; i++) mask[i] = crop.data[i]! <= t ? 1 : 0;
  const comps = findComponents(mask, crop.width, crop.height, pitch * pitch * 4).filter((c) => {
    const w = c.x1 - c.x0 + 1;
    const h = c.y1 - c.y0 + 1;
    return h >= pitch * 0.3 && h <= pitch * 1.6 && w <= pitch * 1.15 && w >= 2;
  });
  return grid.map((g) => {
    const coarse: FittedLine = { ...g, a: g.u0, b: pitch, c: 0, d: g.v, e: 0 };
    const mine = comps.filter((c: Component) => Math.abs(c.cy - g.v) < pitch * 0.7).sort((p, q) => p.cx - q.cx);
    const pts = walkColumns(mine, g.u0, pitch, length);
    if (pts.length < 8) return coarse;
    const [a, b, c] = fitQuadratic(pts, [coarse.a, coarse.b, coarse.c]);
    const [d, e] = fitLinear(pts.map((p) => ({ col: p.col, v: p.v })), [coarse.d, coarse.e]);
    // A physically implausible fit (pitch off by > 15 %, strong curvature) keeps the coarse grid.
    if (Math.abs(b - pitch) > 0.15 * pitch || Math.abs(c) * length * length > 3 * pitch) return coarse;
    return { ...coarse, a, b, c, d, e, u0: a, v: d + e * (length / 2) };
  });
}

/**
 * Assigns columns by walking the glyphs left to right: each step advances by the gap divided by the
 * local pitch (a running estimate), so a pitch that drifts along the line (perspective) is followed
 * instead of accumulating into an off-by-one.
 */
function walkColumns(comps: Component[], u0: number, pitch: number, length: number): { col: number; u: number; v: number }[] {
  const start = comps.findIndex((c) => Math.abs(c.cx - u0) < pitch * 0.5);
  if (start < 0) return [];
  const pts = [{ col: 0, u: comps[start]!.cx, v: comps[start]!.cy }];
  let local = pitch;
  for (let i = start + 1; i < comps.length; i++) {
    const prev = pts[pts.length - 1]!;
    const dx = comps[i]!.cx - prev.u;
    if (dx < local * 0.5) continue; // a fragment of the same glyph
    const steps = Math.max(1, Math.round(dx / local));
    const col = prev.col + steps;
    if (col >= length) break;
    if (steps === 1) local = 0.8 * local + 0.2 * dx;
    pts.push({ col, u: comps[i]!.cx, v: comps[i]!.cy });
  }
  return pts;
}
