// Scores every MRZ character against one cell of the crop by normalised cross-correlation with the
// OCR-B templates, aligned on the ink centroid and refined over ±1 px.
import type { GreyImage } from '../imaging/grey-image';
import { TEMPLATE_H, TEMPLATE_W, type GlyphTemplate } from './mrz-glyph-templates';

export interface TemplateScore {
  char: string;
  score: number;
}

/** Ink window (255 − grey) around (u, v), zero outside the image. */
function window(img: GreyImage, u: number, v: number, w: number, h: number): Float32Array {
  const out = new Float32Array(w * h);
  const x0 = Math.round(u - w / 2);
  const y0 = Math.round(v - h / 2);
  for (let y = 0; y < h; y++) {
    const iy = y0 + y;
    if (iy < 0 || iy >= img.height) continue;
    for (let x = 0; x < w; x++) {
      const ix = x0 + x;
      if (ix < 0 || ix >= img.width) continue;
      out[y * w + x] = 255 - img.data[iy * img.width + ix]!;
    }
  }
  return out;
}

const PAD = 4;
/**
 * Grey-level variance below which a window is flat — blank paper, a uniform stain or bar: its
 * correlation with a glyph is undefined (0/0), and the mean left in the every-other-row dot product
 * would otherwise be divided by a near-zero norm into scores in the thousands. A flat window scores
 * 0 for every template: no evidence, not a match. (Ink of a glyph, even faint, varies far more.)
 */
const FLAT_VARIANCE = 4;
/** How many of the coarse best templates are refined over ±1 px. */
const REFINE = 6;

/**
 * Scores of all templates for the cell centred at (u, v), best first. `levels` picks which blur levels
 * to try (all by default). Correlation runs on every other row: glyph strokes are ≥ 3 px wide at this
 * scale, so the halved cost loses no discriminating detail.
 */
export function scoreCell(img: GreyImage, u: number, v: number, templates: GlyphTemplate[], levels?: number[]): TemplateScore[] {
  const W = TEMPLATE_W + 2 * PAD;
  const H = TEMPLATE_H + 2 * PAD;
  const win = window(img, u, v, W, H);
  // Background level: the lightest decile of the window is paper.
  const sorted = Float32Array.from(win).sort();
  const paper = sorted[Math.floor(sorted.length * 0.1)]!;
  let sx = 0, sy = 0, s = 0;
  for (let y = PAD; y < H - PAD; y++) {
    for (let x = PAD; x < W - PAD; x++) {
      const ink = Math.max(0, win[y * W + x]! - paper);
      sx += ink * x;
      sy += ink * y;
      s += ink;
    }
  }
  const cx = s > 0 ? sx / s - W / 2 : 0;
  const cy = s > 0 ? sy / s - H / 2 : 0;
  const n = (TEMPLATE_W * TEMPLATE_H) / 2;
  // Patch norms per offset, computed once and shared by all templates.
  const norms = new Map<number, number>();
  const patchNorm = (ox: number, oy: number): number => {
    const key = oy * W + ox;
    let norm = norms.get(key);
    if (norm === undefined) {
      let sum = 0, sum2 = 0;
      for (let y = 0; y < TEMPLATE_H; y += 2) {
        const row = (oy + y) * W + ox;
        for (let x = 0; x < TEMPLATE_W; x++) {
          const val = win[row + x]!;
          sum += val;
          sum2 += val * val;
        }
      }
      const spread = sum2 - (sum * sum) / n;
      norm = spread < FLAT_VARIANCE * n ? 0 : Math.sqrt(spread);
      norms.set(key, norm);
    }
    return norm;
  };
  // NCC at one offset: the template is zero-mean and unit-norm, so its mean cancels the patch mean;
  // ×√2 keeps the scale of a full-row correlation (every other row is used).
  const correlate = (t: GlyphTemplate, dx: number, dy: number): number => {
    const ox = PAD + dx;
    const oy = PAD + dy;
    if (ox < 0 || oy < 0 || ox + TEMPLATE_W > W || oy + TEMPLATE_H > H) return -1;
    const norm = patchNorm(ox, oy);
    if (norm === 0) return 0;
    let best = -1;
    for (let li = 0; li < t.levels.length; li++) {
      if (levels && !levels.includes(li)) continue;
      const level = t.levels[li]!;
      let dot = 0;
      for (let y = 0; y < TEMPLATE_H; y += 2) {
        const row = (oy + y) * W + ox;
        const trow = y * TEMPLATE_W;
        for (let x = 0; x < TEMPLATE_W; x++) dot += win[row + x]! * level[trow + x]!;
      }
      best = Math.max(best, (dot / norm) * Math.SQRT2);
    }
    // A correlation: the every-other-row estimate can stray just past ±1.
    return Math.min(1, Math.max(-1, best));
  };
  // Coarse: every template at its centroid alignment. Fine: ±1 px for the strongest few only.
  const coarse = templates.map((t) => {
    const bx = Math.round(cx - t.cx);
    const by = Math.round(cy - t.cy);
    return { t, bx, by, score: correlate(t, bx, by) };
  });
  coarse.sort((a, b) => b.score - a.score);
  const scores: TemplateScore[] = coarse.map((c, rank) => {
    if (rank >= REFINE) return { char: c.t.char, score: c.score };
    let best = c.score;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if (dx || dy) best = Math.max(best, correlate(c.t, c.bx + dx, c.by + dy));
    return { char: c.t.char, score: best };
  });
  return scores.sort((a, b) => b.score - a.score);
}

/**
 * Scores every cell of the grid. The blur level is chosen once per crop, on a sample of cells,
 * as the level whose best matches are strongest (a capture is blurred evenly, not per character).
 */
export function scoreGrid(img: GreyImage, centres: { u: number; v: number }[][], templates: GlyphTemplate[]): TemplateScore[][][] {
  const levelCount = templates[0]?.levels.length ?? 1;
  let level = 0;
  if (levelCount > 1) {
    const sample = centres.flatMap((row) => row.filter((_, i) => i % 5 === 2)).slice(0, 12);
    let best = -Infinity;
    for (let li = 0; li < levelCount; li++) {
      const total = sample.reduce((s, c) => s + scoreCell(img, c.u, c.v, templates, [li])[0]!.score, 0);
      if (total > best) {
        best = total;
        level = li;
      }
    }
  }
  return centres.map((row) => row.map((c) => scoreCell(img, c.u, c.v, templates, [level])));
}
