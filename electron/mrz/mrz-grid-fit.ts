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

export interface MeasuredLine extends FittedLine {
  /** Columns from the first to the last glyph found on the line (may exceed the MRZ length: junk at the ends). */
  span: number;
}

/** Glyph size measured on the crop: median height and width of the full-height glyphs (letters, digits). */
export interface GlyphBox {
  height: number;
  width: number;
}

function glyphComponents(crop: GreyImage, pitch: number): Component[] {
  // Local threshold: textured and graded backgrounds defeat one global threshold.
  const mask = binarize(crop, Math.round(pitch * 2) | 1, 10, Math.min(230, otsuThreshold(crop) + 25));
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
  return near.filter((c) => c.y1 - c.y0 + 1 >= 0.4 * tall).sort((p, q) => p.cx - q.cx);
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** Height and width of the glyphs of the MRZ lines (fillers excluded: they are shorter). */
export function measureGlyphs(crop: GreyImage, grid: GridLine[], pitch: number): GlyphBox | null {
  const comps = glyphComponents(crop, pitch);
  const heights: number[] = [];
  const widths: number[] = [];
  for (const g of grid) {
    const mine = lineComponents(comps, g.v, pitch);
    const tall = quantile(mine.map((c) => c.y1 - c.y0 + 1), 0.8);
    for (const c of mine) {
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
  const comps = glyphComponents(crop, pitch);
  return grid.map((g) => {
    const coarse: MeasuredLine = { ...g, a: g.u0, b: pitch, c: 0, d: g.v, e: 0, span: g.cells };
    const mine = lineComponents(comps, g.v, pitch);
    const pts = walkColumns(mine, pitch, g.u0);
    if (pts.length < 8) return coarse;
    const span = pts[pts.length - 1]!.col + 1;
    let [a, b, c] = fitQuadratic(pts, [coarse.a, coarse.b, coarse.c]);
    // A physically implausible curvature (more than a third of a cell over the line) is noise.
    if (Math.abs(c) * span * span > pitch / 3 || Math.abs(b - pitch) > 0.3 * pitch) {
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
 * Assigns columns by walking the glyphs from the one nearest the located line start, rightwards and
 * then leftwards: each step advances by the gap divided by the local pitch (a running estimate), so a
 * pitch that drifts along the line (perspective) is followed instead of accumulating into an off-by-one.
 * Columns are renumbered from the leftmost glyph reached.
 */
function walkColumns(comps: Component[], pitch: number, u0: number): { col: number; u: number; v: number }[] {
  if (comps.length === 0) return [];
  // The line's own pitch: the median of the gaps between neighbouring glyphs that look like one step.
  const gaps: number[] = [];
  for (let i = 1; i < comps.length; i++) {
    const dx = comps[i]!.cx - comps[i - 1]!.cx;
    if (dx > 0.6 * pitch && dx < 1.5 * pitch) gaps.push(dx);
  }
  const own = gaps.length >= 5 ? quantile(gaps, 0.5) : pitch;
  let start = 0;
  comps.forEach((c, i) => {
    if (Math.abs(c.cx - u0) < Math.abs(comps[start]!.cx - u0)) start = i;
  });
  const walk = (dir: 1 | -1): { col: number; u: number; v: number }[] => {
    const pts = [{ col: 0, u: comps[start]!.cx, v: comps[start]!.cy }];
    let local = own;
    for (let i = start + dir; i >= 0 && i < comps.length; i += dir) {
      const prev = pts[pts.length - 1]!;
      const dx = (comps[i]!.cx - prev.u) * dir;
      if (dx < local * 0.5) continue; // a fragment of the same glyph
      const steps = Math.max(1, Math.round(dx / local));
      if (steps > 2) break; // past the end of the line: every MRZ cell holds a character
      if (steps === 1) local = 0.85 * local + 0.15 * dx;
      pts.push({ col: prev.col + steps * dir, u: comps[i]!.cx, v: comps[i]!.cy });
    }
    return pts;
  };
  const pts = [...walk(-1).slice(1).reverse(), ...walk(1)];
  const first = pts[0]!.col;
  return pts.map((p) => ({ ...p, col: p.col - first }));
}
