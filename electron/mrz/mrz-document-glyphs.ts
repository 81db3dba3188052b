// Document-adaptive reading. Characters inside a field whose check digit holds (ICAO 9303 Part 3 §4.9)
// are, with near certainty, what they read: they are samples of this document's own printing (its
// font, its printer, its capture). They are averaged into per-document glyph templates, and every
// cell is re-scored against them: a glyph the stock templates confused (a printer's 7 that looks like
// OCR-B's 2) is now compared with the document's own 2 — and no longer matches it.
import type { MrzReading } from '../contract/mrz.contract';
import type { GreyImage } from '../imaging/grey-image';
import { cellWindow } from './mrz-cell-window';
import { evaluateChecks } from './mrz-checks';
import { normalise, TEMPLATE_H, TEMPLATE_W, type GlyphTemplate } from './mrz-glyph-templates';
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

/** This document's own glyph samples: per character, the normalised windows of its proven cells. */
export interface DocumentGlyphs {
  samples: Map<string, { key: string; window: Float32Array }[]>;
}

export function documentGlyphs(img: GreyImage, centres: { u: number; v: number }[][], cells: { line: number; column: number; char: string }[]): DocumentGlyphs {
  const samples = new Map<string, { key: string; window: Float32Array }[]>();
  for (const c of cells) {
    const centre = centres[c.line]?.[c.column];
    if (!centre) continue;
    const win = cellWindow(img, centre.u, centre.v);
    if (!win) continue;
    samples.set(c.char, [...(samples.get(c.char) ?? []), { key: `${c.line}:${c.column}`, window: normalise(win) }]);
  }
  return { samples };
}

function toTemplate(char: string, sum: Float32Array): GlyphTemplate {
  const level = normalise(sum);
  let sx = 0, sy = 0, s = 0;
  level.forEach((val, i) => {
    const ink = Math.max(0, val);
    sx += ink * (i % TEMPLATE_W);
    sy += ink * Math.floor(i / TEMPLATE_W);
    s += ink;
  });
  return { char, family: 'document', levels: [level], cx: s ? sx / s - TEMPLATE_W / 2 : 0, cy: s ? sy / s - TEMPLATE_H / 2 : 0, width: 0, height: 0 };
}

/**
 * Re-scores cells: a character with a document template is scored by it alone (the document's own
 * glyph is the better judge); the others keep their stock scores. A cell is never judged by a template
 * made from itself (it would match itself perfectly and vouch for its own reading, right or wrong):
 * its own character's template is rebuilt without it, or dropped when it was the only sample.
 */
export function rescoreWithDocument(img: GreyImage, centres: { u: number; v: number }[][], stock: TemplateScore[][][], glyphs: DocumentGlyphs): TemplateScore[][][] {
  if (glyphs.samples.size === 0) return stock;
  const sums = new Map<string, Float32Array>();
  for (const [char, list] of glyphs.samples) {
    const sum = new Float32Array(TEMPLATE_W * TEMPLATE_H);
    for (const { window } of list) for (let i = 0; i < sum.length; i++) sum[i]! += window[i]!;
    sums.set(char, sum);
  }
  const shared = [...sums].map(([char, sum]) => toTemplate(char, sum));
  const ownSample = new Map<string, { char: string; window: Float32Array }>();
  for (const [char, list] of glyphs.samples) for (const x of list) ownSample.set(x.key, { char, window: x.window });
  return stock.map((row, line) =>
    row.map((scores, col) => {
      const self = ownSample.get(`${line}:${col}`);
      let own = shared;
      if (self) {
        const n = glyphs.samples.get(self.char)!.length;
        own = shared.filter((t) => t.char !== self.char);
        if (n > 1) {
          const sum = Float32Array.from(sums.get(self.char)!);
          for (let i = 0; i < sum.length; i++) sum[i]! -= self.window[i]!;
          own.push(toTemplate(self.char, sum));
        }
      }
      const known = new Set(own.map((t) => t.char));
      const c = centres[line]![col]!;
      const mine = scoreCell(img, c.u, c.v, own, [0]);
      return [...mine, ...scores.filter((s) => !known.has(s.char))].sort((a, b) => b.score - a.score);
    }),
  );
}
