// What a learned class expects under infrared and ultraviolet light, read from its genuine captures
// (ICAO 9303 Part 2 inspection model): fixed print that absorbs in the B900 band, fluorescent
// features (fixed emblems, and personalised ones such as a number printed in fluorescent ink), and
// for every personal zone whether its ink absorbs or drops out under infrared.
import type { Box } from '../contract/capture.contract';
import type { ReferenceZone, ZoneExpectation } from '../contract/reference.contract';
import type { RgbImage } from '../imaging/light-image';
import { ncc } from '../identify/ncc';
import type { ClassFrame } from './class-frame';
import type { FramedImage } from './frame-stack';
import { boxArea, clampBox, intersection } from './personal-regions';
import { variationMap, type VariationMap } from './variation-map';

/** Glow above the substrate (luminance levels) that counts as fluorescence; the check requires 35 (uv-features.check.ts). */
const GLOW_LEVELS = 30;
/** IR-absorbing print is darker than the IR paper by this much (B900 ink reads near black). */
const IR_INK_LEVELS = 50;
/** Share of a 1 mm cell that must glow (or absorb) for the cell to belong to a feature. */
const CELL_SHARE = 0.05;
/** A fluorescent feature is fixed when every capture's pattern correlates this well with the reference. */
const FIXED_PATTERN_NCC = 0.7;
/** IR/white darkness ratios (checks' measure) from which personal ink is called absorbing or dropping out. */
export const IR_VISIBLE_FROM = 0.55;
export const IR_INVISIBLE_UP_TO = 0.25;

const lum = (d: Uint8Array, i: number): number => 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!;

interface Cells {
  cell: number;
  cols: number;
  rows: number;
  on: Uint8Array;
}

function cellsOf(width: number, height: number, dpi: number): Cells {
  const cell = Math.max(4, Math.round(dpi / 25.4));
  const cols = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  return { cell, cols, rows, on: new Uint8Array(cols * rows) };
}

/** Marks cells where at least CELL_SHARE of the pixels pass `test`. */
function markCells(cells: Cells, width: number, height: number, test: (p: number) => boolean): Uint8Array {
  const hits = new Uint16Array(cells.on.length);
  const all = new Uint16Array(cells.on.length);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / cells.cell) * cells.cols;
    for (let x = 0; x < width; x++) {
      const c = row + Math.floor(x / cells.cell);
      all[c]!++;
      if (test(y * width + x)) hits[c]!++;
    }
  }
  const out = new Uint8Array(cells.on.length);
  for (let c = 0; c < out.length; c++) out[c] = hits[c]! >= Math.max(2, CELL_SHARE * all[c]!) ? 1 : 0;
  return out;
}

/** Connected groups of marked cells (gaps up to `join` cells bridged), as frame boxes of at least `minCells` cells. */
function groups(cells: Cells, marked: Uint8Array, join: number, minCells: number): Box[] {
  const { cols, rows } = cells;
  const label = new Int32Array(marked.length).fill(-1);
  const out: Box[] = [];
  for (let s = 0; s < marked.length; s++) {
    if (!marked[s] || label[s] !== -1) continue;
    let c0 = cols;
    let r0 = rows;
    let c1 = -1;
    let r1 = -1;
    let n = 0;
    const stack = [s];
    label[s] = out.length;
    while (stack.length) {
      const p = stack.pop()!;
      const r = Math.floor(p / cols);
      const c = p % cols;
      n++;
      c0 = Math.min(c0, c);
      c1 = Math.max(c1, c);
      r0 = Math.min(r0, r);
      r1 = Math.max(r1, r);
      for (let dr = -join; dr <= join; dr++) {
        for (let dc = -join; dc <= join; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr < 0 || cc < 0 || rr >= rows || cc >= cols) continue;
          const q = rr * cols + cc;
          if (marked[q] && label[q] === -1) {
            label[q] = out.length;
            stack.push(q);
          }
        }
      }
    }
    if (n >= minCells) out.push({ x: c0 * cells.cell, y: r0 * cells.cell, w: (c1 - c0 + 1) * cells.cell, h: (r1 - r0 + 1) * cells.cell });
  }
  return out;
}

function medianLum(rgb: RgbImage, valid?: Uint8Array): number {
  const hist = new Uint32Array(256);
  let n = 0;
  for (let p = 0; p < rgb.width * rgb.height; p += 3) {
    if (valid && !valid[p]) continue;
    hist[Math.round(lum(rgb.data, p * 3))]!++;
    n++;
  }
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen > n / 2) return v;
  }
  return 0;
}

function greyBox(rgb: RgbImage, box: Box, valid?: Uint8Array): { values: Float64Array; mask: Uint8Array } {
  const values = new Float64Array(box.w * box.h);
  const mask = new Uint8Array(box.w * box.h);
  for (let y = 0; y < box.h; y++) {
    for (let x = 0; x < box.w; x++) {
      const p = (box.y + y) * rgb.width + box.x + x;
      const k = y * box.w + x;
      if (valid && !valid[p]) continue;
      values[k] = lum(rgb.data, p * 3);
      mask[k] = 1;
    }
  }
  return { values, mask };
}

/** The hue of the glow over the substrate, as a saturated sRGB hex (what `expect.uv.colour` compares hues with). */
function glowColour(rgb: RgbImage, box: Box, substrate: number): string | null {
  let sr = 0;
  let sg = 0;
  let sb = 0;
  let n = 0;
  let br = 0;
  let bg = 0;
  let bb = 0;
  let m = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) {
      const i = (y * rgb.width + x) * 3;
      const l = lum(rgb.data, i);
      if (l > substrate + GLOW_LEVELS) {
        sr += rgb.data[i]!;
        sg += rgb.data[i + 1]!;
        sb += rgb.data[i + 2]!;
        n++;
      } else if (l < substrate + GLOW_LEVELS / 3) {
        br += rgb.data[i]!;
        bg += rgb.data[i + 1]!;
        bb += rgb.data[i + 2]!;
        m++;
      }
    }
  }
  if (!n || !m) return null;
  const d = [sr / n - br / m, sg / n - bg / m, sb / n - bb / m].map((v) => Math.max(0, v));
  const top = Math.max(...d);
  if (top < 8) return null;
  return `#${d.map((v) => Math.round((v / top) * 255).toString(16).padStart(2, '0')).join('')}`;
}

export interface UvFeature {
  box: Box;
  colour: string | null;
  /** The same glowing pattern on every capture (an emblem), or one that changes (a personalised number). */
  fixed: boolean;
}

/**
 * Fluorescent features: where the reference (the captures' median: random fibres gone) glows, and
 * where most captures glow at the same place. Where the captures differ under ultraviolet but not
 * in white light, the glow itself is personalised (a number printed in invisible fluorescent ink);
 * where they differ in white light too, a value printed over a fixed feature merely darkens it.
 * Fixed features are compared with the reference crop, personalised ones only for their glow.
 */
export function findUvFeatures(frame: ClassFrame, reference: RgbImage, captures: FramedImage[], white: VariationMap): UvFeature[] {
  const { width, height } = reference;
  const cells = cellsOf(width, height, frame.dpi);
  const substrate = medianLum(reference);
  const fromReference = markCells(cells, width, height, (p) => lum(reference.data, p * 3) > substrate + GLOW_LEVELS);
  const votes = new Uint8Array(cells.on.length);
  for (const capture of captures) {
    const own = medianLum(capture.rgb, capture.valid);
    const glowing = markCells(cells, width, height, (p) => capture.valid[p] === 1 && lum(capture.rgb.data, p * 3) > own + GLOW_LEVELS);
    for (let c = 0; c < votes.length; c++) votes[c]! += glowing[c]!;
  }
  const uv = variationMap(captures, reference, frame.dpi);
  const need = Math.ceil(0.6 * captures.length);
  const differsInWhite = (c: number): boolean => {
    const r = Math.floor(c / cells.cols);
    const k = c % cells.cols;
    for (let dr = -1; dr <= 1; dr++) for (let dk = -1; dk <= 1; dk++) if ((white.counts[(r + dr) * white.cols + k + dk] ?? 0) > 0) return true;
    return false;
  };
  const personal = (c: number): boolean => uv.counts[c]! >= Math.max(2, Math.ceil(0.4 * captures.length)) && !differsInWhite(c);
  const personalCells = votes.map((v, c) => ((v >= need || fromReference[c]) && personal(c) ? 1 : 0));
  const fixedCells = fromReference.map((v, c) => (v && !personalCells[c] ? 1 : 0));
  const features: UvFeature[] = [];
  for (const box of groups(cells, fixedCells, 2, 4).map((b) => clampBox(b, width, height))) {
    const ref = greyBox(reference, box);
    const same = captures.every((c) => {
      const cap = greyBox(c.rgb, box, c.valid);
      return ncc(ref.values, cap.values, cap.mask) >= FIXED_PATTERN_NCC;
    });
    features.push({ box, colour: glowColour(reference, box, substrate), fixed: same });
  }
  for (const box of groups(cells, personalCells, 2, 3).map((b) => clampBox(b, width, height))) {
    // A personalised feature's colour is read on the captures (the median of differing numbers is faint).
    const colours = captures.map((c) => glowColour(c.rgb, box, medianLum(c.rgb, c.valid))).filter((v): v is string => v !== null);
    features.push({ box, colour: colours[colours.length >> 1] ?? null, fixed: false });
  }
  return features;
}

/** Fixed print that absorbs in the B900 band: dark in the infrared reference outside every personal zone. */
export function findIrPrint(frame: ClassFrame, reference: RgbImage, personal: Box[]): Box[] {
  const { width, height } = reference;
  const cells = cellsOf(width, height, frame.dpi);
  const hist = new Uint32Array(256);
  for (let p = 0; p < width * height; p++) hist[Math.round(lum(reference.data, p * 3))]!++;
  let paper = 255;
  for (let v = 255, seen = 0; v >= 0; v--) {
    seen += hist[v]!;
    if (seen > 0.1 * width * height) {
      paper = v;
      break;
    }
  }
  const guard = (1 / 25.4) * frame.dpi;
  const grown = personal.map((b) => ({ x: b.x - guard, y: b.y - guard, w: b.w + 2 * guard, h: b.h + 2 * guard }));
  const edge = (2 / 25.4) * frame.dpi;
  const marked = markCells(cells, width, height, (p) => {
    const x = p % width;
    const y = Math.floor(p / width);
    if (x < edge || y < edge || x > width - edge || y > height - edge) return false;
    if (lum(reference.data, p * 3) >= paper - IR_INK_LEVELS) return false;
    return !grown.some((b) => x >= b.x && y >= b.y && x < b.x + b.w && y < b.y + b.h);
  });
  return groups(cells, marked, 2, 6).map((b) => clampBox(b, width, height)).filter((b) => !grown.some((g) => intersection(g, b) > 0.5 * boxArea(b)));
}

/** The IR expectation of a personal zone from its measured IR/white darkness ratios, or none when undecided. */
export function irExpectation(ratios: number[]): ZoneExpectation['ir'] | undefined {
  if (ratios.length < 2) return undefined;
  const s = [...ratios].sort((a, b) => a - b);
  const median = s[s.length >> 1]!;
  if (median >= IR_VISIBLE_FROM) return 'visible';
  if (median <= IR_INVISIBLE_UP_TO) return 'invisible';
  return undefined;
}

export function uvZone(id: string, label: string, feature: UvFeature): ReferenceZone {
  return {
    id,
    kind: 'uv-feature',
    label,
    box: feature.box,
    personal: !feature.fixed,
    expect: { uv: { fluoresces: true, ...(feature.colour ? { colour: feature.colour } : {}), fixedPattern: feature.fixed } },
  };
}
