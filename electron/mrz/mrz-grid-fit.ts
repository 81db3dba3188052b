// Fits the character grid of each MRZ line inside the crop. The pitch is fixed on the document, but a
// scan adds perspective and lens distortion, so the cell centres are fitted as a smooth function of the
// column (u = a + b·col + c·col², v = d + e·col) from the glyphs found in the crop.
import { binarize, findComponents, type Component } from '../imaging/components';
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

export interface MeasuredLine extends FittedLine {
  /** Columns from the first to the last glyph found on the line (may exceed the MRZ length: junk at the ends). */
  span: number;
}

/** Glyph size measured on the crop: median height and width of the full-height glyphs (letters, digits). */
export interface GlyphBox {
  height: number;
  width: number;
}

/**
 * Glyph-sized components of the crop under a local threshold (textured and graded backgrounds defeat
 * one global threshold). The global cap keeps light background print out; the lenient cap, just under
 * the paper's median tone, keeps the thin, light strokes of a blurred or resampled glyph on a grey
 * page — and more background print, so it is the fallback for a line the strict cap cannot fit.
 */
function glyphComponents(crop: GreyImage, pitch: number, lenient: boolean): Component[] {
  let cap = otsuThreshold(crop) + 25;
  if (lenient) {
    const sorted = Uint8Array.from(crop.data).sort();
    cap = Math.max(cap, sorted[sorted.length >> 1]! - 12);
  }
  const mask = binarize(crop, Math.round(pitch * 2) | 1, 10, Math.min(230, cap));
  return findComponents(mask, crop.width, crop.height, pitch * pitch * 4).filter((c) => {
    const w = c.x1 - c.x0 + 1;
    const h = c.y1 - c.y0 + 1;
    return h >= pitch * 0.25 && h <= pitch * 1.8 && w <= pitch * 1.3 && w >= 2 && c.area >= 6;
  });
}

function lineComponents(comps: Component[], v: number, pitch: number): Component[] {
  const near = comps.filter((c) => Math.abs(c.cy - v) < pitch * 0.7);
  const tall = quantile(near.map((c) => c.y1 - c.y0 + 1), 0.8);
  // Fragments of background print are much smaller than glyphs; fillers are ~0.6 of the cap height.
  return near.filter((c) => c.y1 - c.y0 + 1 >= 0.4 * tall && c.area >= 0.04 * pitch * pitch).sort((p, q) => p.cx - q.cx);
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/**
 * Height and width of the glyphs of the MRZ lines (fillers excluded: they are shorter). Each line's
 * band is thresholded half-way between its ink and its paper, so background print touching a glyph
 * does not widen it.
 */
export function measureGlyphs(crop: GreyImage, grid: GridLine[], pitch: number): GlyphBox | null {
  const heights: number[] = [];
  const widths: number[] = [];
  for (const g of grid) {
    const y0 = Math.max(0, Math.round(g.v - pitch * 0.8));
    const y1 = Math.min(crop.height, Math.round(g.v + pitch * 0.8));
    if (y1 - y0 < 4) continue;
    const band = crop.data.subarray(y0 * crop.width, y1 * crop.width);
    const sorted = Uint8Array.from(band).sort();
    const ink = sorted[Math.floor(sorted.length * 0.03)]!;
    const paper = sorted[Math.floor(sorted.length * 0.6)]!;
    const t = (ink + paper) / 2;
    const mask = new Uint8Array(band.length);
    for (let i = 0; i < band.length; i++) mask[i] = band[i]! < t ? 1 : 0;
    const comps = findComponents(mask, crop.width, y1 - y0, pitch * pitch * 4).filter((c) => {
      const w = c.x1 - c.x0 + 1;
      const h = c.y1 - c.y0 + 1;
      return h >= pitch * 0.4 && h <= pitch * 1.8 && w <= pitch * 1.3 && w >= 2;
    });
    const tall = quantile(comps.map((c) => c.y1 - c.y0 + 1), 0.8);
    for (const c of comps) {
      const h = c.y1 - c.y0 + 1;
      if (h < 0.85 * tall || h > 1.15 * tall) continue;
      heights.push(h);
      widths.push(c.x1 - c.x0 + 1);
    }
  }
  if (heights.length < 12) return null;
  return { height: quantile(heights, 0.5), width: quantile(widths, 0.5) };
}

/**
 * Measures each line's grid from its own glyphs: the pitch and the cell centres come from the line,
 * not from the nominal 2.54 mm (printers and fonts differ). Columns are counted from the first glyph;
 * `span` says how many columns the glyphs cover, so the caller can pick which window of the MRZ
 * length is the MRZ (page furniture may extend a line at either end).
 */
export function measureGrid(crop: GreyImage, grid: GridLine[], pitch: number): MeasuredLine[] {
  const strict = glyphComponents(crop, pitch, false);
  let lenient: Component[] | null = null;
  return grid.map((g) => {
    const coarse: MeasuredLine = { ...g, a: g.u0, b: pitch, c: 0, d: g.v, e: 0, span: g.cells };
    let pts = walkColumns(lineComponents(strict, g.v, pitch), pitch, g.u0);
    if (pts.length < 0.6 * g.cells) {
      lenient ??= glyphComponents(crop, pitch, true);
      const more = walkColumns(lineComponents(lenient, g.v, pitch), pitch, g.u0);
      if (more.length > pts.length) pts = more;
    }
    if (pts.length < 8) return coarse;
    const span = pts[pts.length - 1]!.col + 1;
    let [a, b, c] = fitQuadratic(pts, [coarse.a, coarse.b, coarse.c]);
    // A physically implausible curvature (more than three cells over the line) is noise, and a
    // curvature fitted on a short run of glyphs would be extrapolated to the rest of the line.
    if (Math.abs(c) * span * span > 3 * pitch || Math.abs(b - pitch) > 0.3 * pitch || span < 24) {
      const lin = fitLinear(pts.map((p) => ({ col: p.col, v: p.u })), [coarse.a, coarse.b]);
      [a, b, c] = [lin[0], lin[1], 0];
    }
    const [d, e] = fitLinear(pts.map((p) => ({ col: p.col, v: p.v })), [coarse.d, coarse.e]);
    return { ...coarse, a, b, c, d, e, u0: a, v: d + e * (span / 2), span };
  });
}

/** The same line re-indexed so that column 0 is column `offset` of the measured one. */
export function shiftLine(l: MeasuredLine, offset: number, length: number): FittedLine {
  return { ...l, a: cellU(l, offset), b: l.b + 2 * l.c * offset, d: cellV(l, offset), u0: cellU(l, offset), cells: length };
}

/**
 * Assigns columns to the glyphs of a line: from the glyph nearest the located line start, a straight
 * grid (first cell, pitch) is fitted on a widening neighbourhood (±8, ±16, ±32, all columns), each
 * time keeping only glyphs within 0.3 cell of a grid position. Noise blobs between glyphs, touching
 * background print or a lost glyph cannot shift the columns after them (as a step-by-step walk would).
 * The run of columns around the start without a gap of more than three cells is the line; columns
 * are renumbered from its first glyph.
 */
function walkColumns(comps: Component[], pitch: number, u0: number): { col: number; u: number; v: number }[] {
  if (comps.length === 0) return [];
  const gaps: number[] = [];
  for (let i = 1; i < comps.length; i++) {
    const dx = comps[i]!.cx - comps[i - 1]!.cx;
    if (dx > 0.75 * pitch && dx < 1.3 * pitch) gaps.push(dx);
  }
  const own = gaps.length >= 5 ? quantile(gaps, 0.5) : pitch;
  // The located start may be page furniture next to the line: the grid is grown from each of the
  // few glyphs nearest to it, and the one that explains the most glyphs wins.
  const starts = [...comps].sort((p, q) => Math.abs(p.cx - u0) - Math.abs(q.cx - u0)).slice(0, 4);
  let best: { col: number; u: number; v: number }[] = [];
  for (const start of starts) {
    const run = gridFrom(comps, pitch, own, start);
    if (run.length > best.length) best = run;
  }
  return best;
}

function gridFrom(comps: Component[], pitch: number, own: number, start: Component): { col: number; u: number; v: number }[] {
  let b = own;
  let a = start.cx;
  let c = 0;
  let inliers: { col: number; comp: Component }[] = [];
  // Perspective makes the pitch drift along the line: from ±16 columns on, the grid is quadratic.
  for (const radius of [8, 16, 24, 32, 48, 64]) {
    inliers = [];
    for (const comp of comps) {
      let x = (comp.cx - a) / b;
      x = (comp.cx - a - c * x * x) / b;
      const col = Math.round(x);
      if (Math.abs(col) <= radius && Math.abs(x - col) < 0.3) inliers.push({ col, comp });
    }
    if (inliers.length < 4) return [];
    const pts = inliers.map((p) => ({ col: p.col, u: p.comp.cx }));
    const lin = fitLinear(pts.map((p) => ({ col: p.col, v: p.u })), [a, b]);
    let fit: [number, number, number] = [lin[0], lin[1], 0];
    if (radius >= 16 && inliers.length >= 12) {
      const q = fitQuadratic(pts, fit);
      const span = Math.max(...pts.map((p) => Math.abs(p.col)));
      if (Math.abs(q[2]) * span * span < 3 * pitch) fit = q;
    }
    if (fit[1] < 0.6 * pitch || fit[1] > 1.6 * pitch) break;
    [a, b, c] = fit;
  }
  // One glyph per column: the largest (fragments and specks lose).
  const byCol = new Map<number, Component>();
  for (const { col, comp } of inliers) {
    const prev = byCol.get(col);
    if (!prev || comp.area > prev.area) byCol.set(col, comp);
  }
  const cols = [...byCol.keys()].sort((p, q) => p - q);
  const at = cols.findIndex((c) => c === 0);
  if (at < 0) return [];
  let lo = at;
  while (lo > 0 && cols[lo]! - cols[lo - 1]! <= 3) lo--;
  let hi = at;
  while (hi < cols.length - 1 && cols[hi + 1]! - cols[hi]! <= 3) hi++;
  const first = cols[lo]!;
  return cols.slice(lo, hi + 1).map((col) => {
    const comp = byCol.get(col)!;
    return { col: col - first, u: comp.cx, v: comp.cy };
  });
}
