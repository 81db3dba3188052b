// Finding the portrait and its ghost image on a learned class's reference. The portrait is where the
// captures differ over a portrait-sized area; where they agree there (a design that prints the same
// picture on every specimen), it is the portrait-sized rectangle outlined by straight edges on all
// four sides (ICAO 9303 Part 3 §3: the portrait is a rectangle of its own). The ghost image is a
// smaller copy of the portrait (Part 2, "ghost image"): found by correlating a shrunk portrait
// over the page.
import type { Box } from '../contract/capture.contract';
import type { GreyImage } from '../imaging/grey-image';
import type { RgbImage } from '../imaging/light-image';
import { ncc } from '../identify/ncc';
import { warpGrey } from '../identify/frame-sample';
import { intersection, type Region } from './personal-regions';

/** Portrait proportions (height ÷ width) and size relative to the page, lenient around ICAO's 35 × 45 mm photo. */
const ASPECT = { min: 1.05, max: 1.75 };
const HEIGHT_SHARE = { min: 0.25, max: 0.75 };
/** Mean colours of neighbouring 1 mm cells this far apart (any channel) are two sides of an edge. */
const STEP_LEVELS = 8;
/** A side of the portrait is a straight edge at least this long (mm); gaps of one cell are bridged. */
const MIN_SIDE_CELLS = 12;
/** Share of a side that must be edge for the rectangle to count. */
const SIDE_COVER = 0.85;

interface Run {
  /** Boundary index across the run: between cell `at − 1` and cell `at`. */
  at: number;
  from: number;
  to: number;
}

/**
 * A portrait printed the same on every capture: the photo is a rectangle of its own, where the
 * background print stops and its own background begins. Its sides are straight steps between the
 * mean colours of neighbouring 1 mm cells (a mean evens out the fine lines of the background
 * print, never a change of tint); the largest rectangle of portrait size and proportions with
 * such steps along its four sides is the photo.
 */
export function findPortraitRectangle(white: RgbImage, dpi: number, avoid: Box[]): Box | null {
  const cell = Math.max(4, Math.round(dpi / 25.4));
  const cols = Math.floor(white.width / cell);
  const rows = Math.floor(white.height / cell);
  const means = new Float64Array(cols * rows * 3);
  for (let y = 0; y < rows * cell; y++) {
    const r = Math.floor(y / cell);
    for (let x = 0; x < cols * cell; x++) {
      const i = (y * white.width + x) * 3;
      const k = (r * cols + Math.floor(x / cell)) * 3;
      means[k]! += white.data[i]!;
      means[k + 1]! += white.data[i + 1]!;
      means[k + 2]! += white.data[i + 2]!;
    }
  }
  for (let k = 0; k < means.length; k++) means[k]! /= cell * cell;
  const step = (a: number, b: number) => Math.max(Math.abs(means[a * 3]! - means[b * 3]!), Math.abs(means[a * 3 + 1]! - means[b * 3 + 1]!), Math.abs(means[a * 3 + 2]! - means[b * 3 + 2]!)) >= STEP_LEVELS;
  const runs = (vertical: boolean): Run[] => {
    const out: Run[] = [];
    const lines = vertical ? cols : rows;
    const along = vertical ? rows : cols;
    for (let at = 1; at < lines; at++) {
      let start = -1;
      let gap = 0;
      for (let b = 0; b <= along; b++) {
        const edge = b < along && (vertical ? step(b * cols + at - 1, b * cols + at) : step((at - 1) * cols + b, at * cols + b));
        if (edge) {
          if (start < 0) start = b;
          gap = 0;
        } else if (start >= 0 && ++gap > 1) {
          const end = b - gap + 1;
          if (end - start >= MIN_SIDE_CELLS) out.push({ at, from: start, to: end });
          start = -1;
          gap = 0;
        }
      }
    }
    return out;
  };
  const across = runs(false);
  const down = runs(true);
  const cover = (list: Run[], at: number, from: number, to: number): number => {
    const marks = new Uint8Array(Math.max(1, to - from));
    for (const r of list) {
      if (Math.abs(r.at - at) > 1) continue;
      for (let k = Math.max(from, r.from); k < Math.min(to, r.to); k++) marks[k - from] = 1;
    }
    return marks.reduce((s, v) => s + v, 0) / marks.length;
  };
  let best: Box | null = null;
  let bestScore = 0;
  const tops = [...new Set(across.map((r) => r.at))];
  const sides = [...new Set(down.map((r) => r.at))];
  for (const top of tops) {
    for (const bottom of tops) {
      const h = bottom - top;
      if (h < HEIGHT_SHARE.min * rows || h > HEIGHT_SHARE.max * rows) continue;
      for (const left of sides) {
        const leftCover = cover(down, left, top, bottom);
        if (leftCover < SIDE_COVER) continue;
        for (const right of sides) {
          const w = right - left;
          if (w <= 0 || h / w < ASPECT.min || h / w > ASPECT.max) continue;
          const covers = [leftCover, cover(down, right, top, bottom), cover(across, top, left, right), cover(across, bottom, left, right)];
          if (Math.min(...covers) < SIDE_COVER) continue;
          const box = { x: left * cell, y: top * cell, w: w * cell, h: h * cell };
          if (avoid.some((a) => intersection(a, box) > 0)) continue;
          // The best-outlined rectangle; of equally outlined ones, the largest.
          const score = Math.min(...covers) * 1e9 + w * h;
          if (score > bestScore) {
            bestScore = score;
            best = box;
          }
        }
      }
    }
  }
  return best && refineSides(white, best, cell);
}

/**
 * Moves each side of a rectangle found on 1 mm cells to the strongest step within a cell of it, in
 * the profile of mean colours across that side (its middle part, away from the corners).
 */
function refineSides(white: RgbImage, box: Box, cell: number): Box {
  const lumAt = (x: number, y: number) => {
    const i = (y * white.width + x) * 3;
    return 0.299 * white.data[i]! + 0.587 * white.data[i + 1]! + 0.114 * white.data[i + 2]!;
  };
  const edgeAt = (at: number, vertical: boolean, from: number, to: number): number => {
    const profile = new Map<number, number>();
    for (let k = at - cell - 1; k <= at + cell + 1; k++) {
      if (k < 0 || k >= (vertical ? white.width : white.height)) continue;
      let sum = 0;
      let n = 0;
      for (let t = from; t < to; t++) {
        if (t < 0 || t >= (vertical ? white.height : white.width)) continue;
        sum += vertical ? lumAt(k, t) : lumAt(t, k);
        n++;
      }
      if (n) profile.set(k, sum / n);
    }
    let best = at;
    let strongest = -1;
    for (let k = at - cell; k <= at + cell; k++) {
      const before = profile.get(k - 1);
      const after = profile.get(k);
      if (before === undefined || after === undefined) continue;
      const step = Math.abs(after - before);
      if (step > strongest) {
        strongest = step;
        best = k;
      }
    }
    return best;
  };
  const x0 = edgeAt(box.x, true, box.y + cell, box.y + box.h - cell);
  const x1 = edgeAt(box.x + box.w, true, box.y + cell, box.y + box.h - cell);
  const y0 = edgeAt(box.y, false, box.x + cell, box.x + box.w - cell);
  const y1 = edgeAt(box.y + box.h, false, box.x + cell, box.x + box.w - cell);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : box;
}

/** A varying region of portrait size and shape: the portrait of documents whose holders differ. */
export function portraitRegion(regions: Region[], height: number, cell: number): Region | null {
  const fits = regions.filter((r) => {
    const aspect = r.box.h / r.box.w;
    // Most of the box differs: a photograph changes everywhere, a column of text lines does not.
    const filled = r.cells * cell * cell >= 0.5 * r.box.w * r.box.h;
    return r.box.h >= HEIGHT_SHARE.min * height && r.box.h <= HEIGHT_SHARE.max * height && aspect >= ASPECT.min * 0.8 && aspect <= ASPECT.max * 1.2 && filled;
  });
  return fits.sort((a, b) => b.box.w * b.box.h - a.box.w * a.box.h)[0] ?? null;
}

/** Correlation a ghost image must reach with the shrunk portrait (genuine ghosts of the bench designs ≥ 0.8). */
const GHOST_MIN_NCC = 0.6;

/**
 * The ghost image: a copy of the portrait at 25–80 % of its size elsewhere on the page. Searched at
 * 1 px per mm over the page (outside the portrait and the `avoid` boxes), then refined at 2 px per mm.
 */
export function findGhost(white: GreyImage, dpi: number, portrait: Box, avoid: Box[]): { box: Box; score: number } | null {
  const coarse = search(white, dpi, portrait, avoid, 1, null);
  if (!coarse) return null;
  const fine = search(white, dpi, portrait, avoid, 2, coarse.box);
  const found = fine && fine.score >= coarse.score ? fine : coarse;
  return found.score >= GHOST_MIN_NCC ? found : null;
}

function search(white: GreyImage, dpi: number, portrait: Box, avoid: Box[], pxPerMm: number, near: Box | null): { box: Box; score: number } | null {
  const step = dpi / 25.4 / pxPerMm;
  const page = warpGrey(white, [step, 0, 0, 0, step, 0, 0, 0, 1], Math.floor(white.width / step), Math.floor(white.height / step), 255).img;
  let best: { box: Box; score: number } | null = null;
  const scales = near ? [-0.04, -0.02, 0, 0.02, 0.04].map((d) => near.w / portrait.w + d) : Array.from({ length: 12 }, (_, i) => 0.25 + 0.05 * i);
  for (const k of scales) {
    const tw = Math.round((portrait.w * k) / step);
    const th = Math.round((portrait.h * k) / step);
    if (tw < 6 || th < 6) continue;
    const template = warpGrey(white, [portrait.w / tw, 0, portrait.x, 0, portrait.h / th, portrait.y, 0, 0, 1], tw, th, 255).img.data;
    const window = new Uint8Array(tw * th);
    const x0 = near ? Math.max(0, Math.round(near.x / step) - 3) : 0;
    const y0 = near ? Math.max(0, Math.round(near.y / step) - 3) : 0;
    const x1 = near ? Math.min(page.width - tw, Math.round(near.x / step) + 3) : page.width - tw;
    const y1 = near ? Math.min(page.height - th, Math.round(near.y / step) + 3) : page.height - th;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const box = { x: x * step, y: y * step, w: tw * step, h: th * step };
        if (intersection(box, portrait) > 0 || avoid.some((a) => intersection(a, box) > 0.2 * box.w * box.h)) continue;
        for (let r = 0; r < th; r++) window.set(page.data.subarray((y + r) * page.width + x, (y + r) * page.width + x + tw), r * tw);
        const score = ncc(template, window);
        if (!best || score > best.score) best = { box: { x: Math.round(box.x), y: Math.round(box.y), w: Math.round(box.w), h: Math.round(box.h) }, score };
      }
    }
  }
  return best;
}
