// Document-adaptive reading. Characters inside a field whose check digit holds (ICAO 9303 Part 3 §4.9)
// are, with near certainty, what they read: they are samples of this document's own printing (its
// font, its printer, its capture). They are averaged into per-document glyph templates, and every
// cell is re-scored against them: a glyph the stock templates confused (a printer's 7 that looks like
// OCR-B's 2) is now compared with the document's own 2 — and no longer matches it.
import type { MrzReading } from '../contract/mrz.contract';
import type { GreyImage } from '../imaging/grey-image';
import { evaluateChecks } from './mrz-checks';
import { TEMPLATE_H, TEMPLATE_W, type GlyphTemplate } from './mrz-glyph-templates';
import { detectLayout } from './mrz-layouts';
import { scoreCell, type TemplateScore } from './mrz-template-match';

/** Cells whose character is proven by a check digit that holds (the digit itself included). */
export function confirmedCells(reading: MrzReading): { line: number; column: number; char: string }[] {
  const layout = detectLayout(reading.lines);
  if (!layout) return [];
  const out = new Map<string, { line: number; column: number; char: string }>();
  for (const outcome of evaluateChecks(layout, reading.lines)) {
    if (!outcome.ok) continue;
    // A check over fillers only proves nothing about the glyphs.
    if (/^<*$/.test(outcome.data)) continue;
    const cells = [...outcome.spec.ranges.flatMap((r) => Array.from({ length: r.end - r.start }, (_, i) => ({ line: r.line, column: r.start + i }))), { line: outcome.spec.line, column: outcome.spec.column }];
    for (const c of cells) {
      const char = reading.lines[c.line]?.[c.column];
      if (char) out.set(`${c.line}:${c.column}`, { ...c, char });
    }
  }
  return [...out.values()];
}

/** Ink window (255 − grey − paper) of one cell, centred on its ink centroid. */
function inkWindow(img: GreyImage, u: number, v: number): Float32Array | null {
  const W = TEMPLATE_W;
  const H = TEMPLATE_H;
  const grab = (cu: number, cv: number): Float32Array => {
    const out = new Float32Array(W * H);
    const x0 = Math.round(cu - W / 2);
    const y0 = Math.round(cv - H / 2);
    for (let y = 0; y < H; y++) {
      const iy = y0 + y;
      if (iy < 0 || iy >= img.height) continue;
      for (let x = 0; x < W; x++) {
        const ix = x0 + x;
        if (ix >= 0 && ix < img.width) out[y * W + x] = 255 - img.data[iy * img.width + ix]!;
      }
    }
    return out;
  };
  const first = grab(u, v);
  const paper = Float32Array.from(first).sort()[Math.floor(first.length * 0.1)]!;
  let sx = 0, s = 0;
  first.forEach((val, i) => {
    const ink = Math.max(0, val - paper);
    sx += ink * (i % W);
    s += ink;
  });
  if (s <= 0) return null;
  // Horizontal centring on the ink; vertical on the cell (fillers sit lower than letters' centroid).
  return grab(u + sx / s - W / 2 + 0.5, v);
}

function normalise(ink: Float32Array): Float32Array {
  let mean = 0;
  for (const v of ink) mean += v;
  mean /= ink.length;
  let norm = 0;
  const out = new Float32Array(ink.length);
  for (let i = 0; i < ink.length; i++) {
    out[i] = ink[i]! - mean;
    norm += out[i]! * out[i]!;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}

/** Per-character templates averaged from the confirmed cells of this crop. */
export function documentTemplates(img: GreyImage, centres: { u: number; v: number }[][], cells: { line: number; column: number; char: string }[]): GlyphTemplate[] {
  const sums = new Map<string, { sum: Float32Array; n: number }>();
  for (const c of cells) {
    const centre = centres[c.line]?.[c.column];
    if (!centre) continue;
    const win = inkWindow(img, centre.u, centre.v);
    if (!win) continue;
    const entry = sums.get(c.char) ?? { sum: new Float32Array(TEMPLATE_W * TEMPLATE_H), n: 0 };
    const w = normalise(win);
    for (let i = 0; i < w.length; i++) entry.sum[i]! += w[i]!;
    entry.n++;
    sums.set(c.char, entry);
  }
  return [...sums].map(([char, { sum }]) => {
    const level = normalise(sum);
    let sx = 0, sy = 0, s = 0;
    level.forEach((val, i) => {
      const ink = Math.max(0, val);
      sx += ink * (i % TEMPLATE_W);
      sy += ink * Math.floor(i / TEMPLATE_W);
      s += ink;
    });
    return { char, family: 'document', levels: [level], cx: s ? sx / s - TEMPLATE_W / 2 : 0, cy: s ? sy / s - TEMPLATE_H / 2 : 0, width: 0, height: 0 };
  });
}

/**
 * Re-scores cells: a character with a document template is scored by it alone (the document's own
 * glyph is the better judge); the others keep their stock scores.
 */
export function rescoreWithDocument(img: GreyImage, centres: { u: number; v: number }[][], stock: TemplateScore[][][], own: GlyphTemplate[]): TemplateScore[][][] {
  if (own.length === 0) return stock;
  const known = new Set(own.map((t) => t.char));
  return stock.map((row, line) =>
    row.map((scores, col) => {
      const c = centres[line]![col]!;
      const mine = scoreCell(img, c.u, c.v, own, [0]);
      return [...mine, ...scores.filter((s) => !known.has(s.char))].sort((a, b) => b.score - a.score);
    }),
  );
}
