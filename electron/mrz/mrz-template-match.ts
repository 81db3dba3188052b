// Scores every MRZ character against one cell of the crop by normalised cross-correlation with the
// OCR-B templates, aligned on the ink centroid and refined over ±1 px.
import type { GreyImage } from '../imaging/grey-image';
import { TEMPLATE_H, TEMPLATE_W, type GlyphTemplate } from './mrz-glyph-templates';

export interface TemplateScore {
  char: string;
  score: number;
  family?: string;
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

/** q-quantile of ink values (integers 0..255) by histogram: a sort per cell costs more than the correlation. */
export function quantileOfInk(values: Float32Array, q: number): number {
  const hist = new Uint32Array(256);
  for (let i = 0; i < values.length; i++) hist[Math.max(0, Math.min(255, values[i]! | 0))]!++;
  const target = Math.floor(values.length * q);
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen > target) return v;
  }
  return 255;
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
const REFINE = 12;

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
  const paper = quantileOfInk(win, 0.1);
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
    if (rank >= REFINE) return { char: c.t.char, score: c.score, family: c.t.family };
    let best = c.score;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if (dx || dy) best = Math.max(best, correlate(c.t, c.bx + dx, c.by + dy));
    return { char: c.t.char, score: best, family: c.t.family };
  });
  return scores.sort((a, b) => b.score - a.score);
}

/** The template family and blur level that fit a capture best, chosen once per crop. */
export interface TemplateChoice {
  family: string;
  level: number;
}

/**
 * Picks, on a sample of cells, the family and blur level whose best matches are strongest: a document
 * is printed in one font and blurred evenly, not per character.
 */
export function chooseTemplates(img: GreyImage, centres: { u: number; v: number }[][], templates: GlyphTemplate[]): TemplateChoice {
  const levelCount = templates[0]?.levels.length ?? 1;
  const families = [...new Set(templates.map((t) => t.family))];
  const sample = centres.flatMap((row) => row.filter((_, i) => i % 4 === 1)).slice(0, 16);
  let choice: TemplateChoice = { family: families[0] ?? '', level: 0 };
  let best = -Infinity;
  for (const family of families) {
    const mine = templates.filter((t) => t.family === family);
    for (let li = 0; li < levelCount; li++) {
      const total = sample.reduce((s, c) => s + scoreCell(img, c.u, c.v, mine, [li])[0]!.score, 0);
      if (total > best) {
        best = total;
        choice = { family, level: li };
      }
    }
  }
  return choice;
}

/**
 * Scores every cell of the grid: per character, the best of the families at the chosen blur level.
 * Families other than OCR-B pay a small handicap, so OCR-B decides wherever it fits as well.
 */
export function scoreGrid(img: GreyImage, centres: { u: number; v: number }[][], templates: GlyphTemplate[], choice?: TemplateChoice): TemplateScore[][][] {
  const { level } = choice ?? chooseTemplates(img, centres, templates.filter((t) => t.family === templates[0]!.family));
  const reference = templates[0]!.family;
  return centres.map((row) =>
    row.map((c) => {
      const best = new Map<string, number>();
      for (const s of scoreCell(img, c.u, c.v, templates, [level])) {
        const v = s.score - (s.family === reference ? 0 : FOREIGN_HANDICAP);
        if (v > (best.get(s.char) ?? -Infinity)) best.set(s.char, v);
      }
      const out = [...best].map(([char, score]) => ({ char, score })).sort((a, b) => b.score - a.score);
      return out;
    }),
  );
}

const FOREIGN_HANDICAP = 0.01;
