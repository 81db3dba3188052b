// Finds the MRZ in a page image: the block of 2–3 long, evenly pitched OCR-B lines (ICAO 9303 Part 3
// §4: fixed 2.54 mm pitch). Works on a reduced image; returns geometry in that image's pixels.
import { binarize, findComponents, type Component } from '../imaging/components';
import { otsuThreshold, type GreyImage } from '../imaging/grey-image';

export interface TextLine {
  comps: Component[];
  /** Fitted baseline-ish line through the character centres: y = slope·x + intercept. */
  slope: number;
  intercept: number;
  pitch: number;
  charHeight: number;
  left: number;
  right: number;
}

export interface MrzBlock {
  lines: TextLine[];
  /** Skew of the MRZ lines in radians (positive = clockwise descent to the right, image coordinates). */
  angle: number;
  pitch: number;
  charHeight: number;
  /** Axis-aligned bounds of the block in the analysed image. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  score: number;
}

const MRZ_LENGTHS = [30, 36, 44];

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function charLike(c: Component, maxH: number): boolean {
  const w = c.x1 - c.x0 + 1;
  const h = c.y1 - c.y0 + 1;
  return h >= 5 && h <= maxH && w <= 3.5 * h && w >= 1 && c.area >= 6;
}

/** Chains characters left to right into text lines: next neighbour at a plausible pitch, same row. */
function chainLines(comps: Component[]): TextLine[] {
  const sorted = [...comps].sort((a, b) => a.cx - b.cx);
  const next = new Int32Array(sorted.length).fill(-1);
  const hasPrev = new Uint8Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    const ha = a.y1 - a.y0 + 1;
    let best = -1;
    let bestD = Infinity;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      const dx = b.cx - a.cx;
      const hb = b.y1 - b.y0 + 1;
      const h = Math.max(ha, hb);
      if (dx > 2.6 * h) break;
      if (dx < 0.35 * Math.min(ha, hb)) continue;
      if (Math.abs(b.cy - a.cy) > 0.45 * h) continue;
      if (hb > 2.2 * ha || ha > 2.2 * hb) continue;
      const d = dx + 3 * Math.abs(b.cy - a.cy);
      if (d < bestD && !hasPrev[j]) {
        bestD = d;
        best = j;
      }
    }
    if (best >= 0) {
      next[i] = best;
      hasPrev[best] = 1;
    }
  }
  const lines: TextLine[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (hasPrev[i]) continue;
    const chain: Component[] = [];
    for (let k = i; k >= 0; k = next[k]!) chain.push(sorted[k]!);
    for (const run of splitAtGaps(chain)) if (run.length >= 12) lines.push(fitLine(run));
  }
  return lines;
}

/**
 * An MRZ line has a character (or a filler) in every cell (ICAO 9303 Part 3 §4.3): no gap is wider
 * than a cell or two. A chain that jumps further has picked up a frame edge, a fold or a neighbouring
 * field: it is cut there, so page furniture cannot extend a line or shift its first cell.
 */
function splitAtGaps(chain: Component[]): Component[][] {
  if (chain.length < 3) return [chain];
  const gaps: number[] = [];
  for (let i = 1; i < chain.length; i++) gaps.push(chain[i]!.cx - chain[i - 1]!.cx);
  const pitch = median(gaps);
  const runs: Component[][] = [[chain[0]!]];
  for (let i = 1; i < chain.length; i++) {
    if (gaps[i - 1]! > 2.4 * pitch) runs.push([]);
    runs[runs.length - 1]!.push(chain[i]!);
  }
  return runs;
}

function fitLine(comps: Component[]): TextLine {
  const n = comps.length;
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const c of comps) {
    sx += c.cx;
    sy += c.cy;
    sxx += c.cx * c.cx;
    sxy += c.cx * c.cy;
  }
  const den = n * sxx - sx * sx;
  const slope = den === 0 ? 0 : (n * sxy - sx * sy) / den;
  const intercept = (sy - slope * sx) / n;
  const gaps: number[] = [];
  for (let i = 1; i < n; i++) gaps.push(comps[i]!.cx - comps[i - 1]!.cx);
  const heights = comps.map((c) => c.y1 - c.y0 + 1);
  return {
    comps,
    slope,
    intercept,
    pitch: median(gaps),
    charHeight: Math.max(...heights.sort((a, b) => a - b).slice(Math.floor(n * 0.5), Math.ceil(n * 0.9))),
    left: Math.min(...comps.map((c) => c.x0)),
    right: Math.max(...comps.map((c) => c.x1)),
  };
}

/** Number of character cells a line spans at its pitch. */
export function lineCells(line: TextLine): number {
  return Math.round((line.comps[line.comps.length - 1]!.cx - line.comps[0]!.cx) / line.pitch) + 1;
}

/** Position of a line's first character along the line's own direction. */
function alongStart(l: TextLine): number {
  const c = l.comps[0]!;
  const norm = Math.hypot(1, l.slope);
  return (c.cx + l.slope * c.cy) / norm;
}

/** Groups parallel, equally pitched, left-aligned lines into candidate MRZ blocks and scores them. */
function groupBlocks(lines: TextLine[]): MrzBlock[] {
  const byY = [...lines].sort((a, b) => a.intercept + a.slope * a.left - (b.intercept + b.slope * b.left));
  const blocks: MrzBlock[] = [];
  for (let i = 0; i < byY.length; i++) {
    const group: TextLine[] = [byY[i]!];
    for (let j = i + 1; j < byY.length && group.length < 3; j++) {
      const prev = group[group.length - 1]!;
      const cand = byY[j]!;
      const mid = (prev.left + prev.right) / 2;
      const dy = cand.intercept + cand.slope * mid - (prev.intercept + prev.slope * mid);
      const h = Math.max(prev.charHeight, cand.charHeight);
      if (dy < 1.1 * h) continue;
      if (dy > 2.6 * h) break;
      if (Math.abs(cand.pitch - prev.pitch) > 0.15 * prev.pitch) continue;
      // Left-aligned (Part 3 §4.3), measured along the lines so a skewed block still aligns; a few
      // cells of slack, since page furniture may still cling to a line's end (the reader's window
      // choice removes it).
      if (Math.abs(alongStart(cand) - alongStart(prev)) > 3.5 * prev.pitch) continue;
      if (Math.abs(Math.atan(cand.slope) - Math.atan(prev.slope)) > 0.03) continue;
      group.push(cand);
    }
    if (group.length < 2) continue;
    const pitch = median(group.map((l) => l.pitch));
    const cells = group.map((l) => Math.round((l.right - l.left) / pitch) + 1);
    const target = MRZ_LENGTHS.reduce((best, len) => (Math.abs(len - cells[0]!) < Math.abs(best - cells[0]!) ? len : best));
    const lengthFit = cells.reduce((s, c) => s + Math.max(0, 1 - Math.abs(c - target) / 8), 0) / cells.length;
    const density = group.reduce((s, l) => s + l.comps.length, 0) / cells.reduce((s, c) => s + c, 0);
    const score = group.length * lengthFit * Math.min(1, density + 0.2) * (target === 30 && group.length === 3 ? 1.1 : 1);
    const xs = group.flatMap((l) => [l.left, l.right]);
    const ys = group.flatMap((l) => l.comps.flatMap((c) => [c.y0, c.y1]));
    blocks.push({
      lines: group,
      angle: Math.atan(median(group.map((l) => l.slope))),
      pitch,
      charHeight: median(group.map((l) => l.charHeight)),
      x0: Math.min(...xs),
      x1: Math.max(...xs),
      y0: Math.min(...ys),
      y1: Math.max(...ys),
      score,
    });
  }
  return blocks.sort((a, b) => b.score - a.score);
}

/** Locates the most MRZ-like block in the image, or null. */
export function locateMrz(img: GreyImage): MrzBlock | null {
  const maxSide = Math.max(img.width, img.height);
  const globalMax = Math.min(200, otsuThreshold(img) + 10);
  const mask = binarize(img, Math.max(15, Math.round(maxSide / 40)), 12, globalMax);
  const maxH = Math.max(12, maxSide / 15);
  const comps = findComponents(mask, img.width, img.height, maxH * maxH * 3).filter((c) => charLike(c, maxH));
  const chained = chainLines(comps);
  const blocks = groupBlocks(chained);
  const best = blocks[0];
  return best && best.score >= 0.9 ? best : null;
}
