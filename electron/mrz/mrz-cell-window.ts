// The pixels of one MRZ cell as the glyph readers see them: an ink window (255 − grey) of the template
// size around the cell centre, centred horizontally on the glyph's ink (the grid knows the cell, the
// ink knows the glyph) and vertically on the line. Shared by the document templates, the glyph
// classifier and its training, so that all three see a cell the same way.
import type { GreyImage } from '../imaging/grey-image';
import { TEMPLATE_H, TEMPLATE_W } from './mrz-glyph-templates';
import { quantileOfInk } from './mrz-template-match';

function grab(img: GreyImage, cu: number, cv: number): Float32Array {
  const out = new Float32Array(TEMPLATE_W * TEMPLATE_H);
  const x0 = Math.round(cu - TEMPLATE_W / 2);
  const y0 = Math.round(cv - TEMPLATE_H / 2);
  for (let y = 0; y < TEMPLATE_H; y++) {
    const iy = y0 + y;
    if (iy < 0 || iy >= img.height) continue;
    for (let x = 0; x < TEMPLATE_W; x++) {
      const ix = x0 + x;
      if (ix >= 0 && ix < img.width) out[y * TEMPLATE_W + x] = 255 - img.data[iy * img.width + ix]!;
    }
  }
  return out;
}

/** Ink window of the cell centred at (u, v), re-centred horizontally on its ink; null for an empty cell. */
export function cellWindow(img: GreyImage, u: number, v: number): Float32Array | null {
  const first = grab(img, u, v);
  const paper = quantileOfInk(first, 0.1);
  // Centroid of the central part only: the neighbours' edges must not pull the window.
  let sx = 0, s = 0;
  for (let y = 0; y < TEMPLATE_H; y++) {
    for (let x = 4; x < TEMPLATE_W - 4; x++) {
      const ink = Math.max(0, first[y * TEMPLATE_W + x]! - paper);
      sx += ink * x;
      s += ink;
    }
  }
  if (s <= 0) return null;
  const shift = Math.max(-4, Math.min(4, sx / s - TEMPLATE_W / 2 + 0.5));
  return grab(img, u + shift, v);
}

/** Classifier input size: the window at half resolution. */
export const INPUT_W = TEMPLATE_W / 2;
export const INPUT_H = TEMPLATE_H / 2;

/**
 * Window → classifier input: paper removed, ink scaled so that the strong strokes are 1 (ink colour,
 * contrast and exposure differ between documents), 2×2 averaged.
 */
export function classifierInput(win: Float32Array): Float32Array {
  const paper = quantileOfInk(win, 0.1);
  const ink = quantileOfInk(win, 0.97);
  const scale = 1 / Math.max(20, ink - paper);
  const out = new Float32Array(INPUT_W * INPUT_H);
  for (let y = 0; y < INPUT_H; y++) {
    for (let x = 0; x < INPUT_W; x++) {
      let sum = 0;
      for (let dy = 0; dy < 2; dy++) for (let dx = 0; dx < 2; dx++) sum += win[(2 * y + dy) * TEMPLATE_W + 2 * x + dx]!;
      out[y * INPUT_W + x] = Math.min(1.2, Math.max(0, (sum / 4 - paper) * scale));
    }
  }
  return out;
}

/** Ink contrast of a cell: strong strokes over paper (0 for an empty cell). */
export function cellContrast(img: GreyImage, u: number, v: number): number {
  const win = grab(img, u, v);
  return quantileOfInk(win, 0.97) - quantileOfInk(win, 0.1);
}

/**
 * Cells with (almost) no ink where every other cell has a glyph: a character missing from the print or
 * erased. Every MRZ cell holds a character, the filler included (ICAO 9303 Part 3 §4.3).
 */
export function emptyCells(img: GreyImage, centres: { u: number; v: number }[][]): { line: number; column: number }[] {
  const contrast = centres.map((row) => row.map((c) => cellContrast(img, c.u, c.v)));
  const sorted = contrast.flat().sort((a, b) => a - b);
  const typical = sorted[sorted.length >> 1] ?? 0;
  const out: { line: number; column: number }[] = [];
  contrast.forEach((row, line) => row.forEach((k, column) => {
    if (k < 0.25 * typical) out.push({ line, column });
  }));
  return out;
}
