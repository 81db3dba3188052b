// Refines a rough reference→capture homography with point correspondences: distinctive patches of
// the reference's fixed print (header, background pattern, labels — never personal zones) are
// searched by NCC in the capture around their predicted place; a RANSAC fit rejects the patches
// that locked onto a repeat of the guilloche or onto a defect.
import type { Box } from '../contract/capture.contract';
import type { GreyImage } from '../imaging/grey-image';
import { viewGrey } from './frame-sample';
import { applyH, fitHomography, type Homography, type Pt } from './homography';
import { searchTemplate, stdDev } from './ncc';

export interface Patch {
  /** Patch box in reference pixels. */
  box: Box;
  template: GreyImage;
}

export interface RefineStage {
  /** Reference pixels per working pixel. */
  step: number;
  /** Patch side in working pixels. */
  size: number;
  /** Search radius in working pixels. */
  radius: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

const patchCache = new WeakMap<GreyImage, Map<string, Patch[]>>();

/**
 * Chooses up to `cols × rows` patches, one per grid cell: the most textured candidate whose search
 * window stays clear of every personal zone.
 */
export function selectPatches(ref: GreyImage, personal: Box[], stage: RefineStage, cols = 6, rows = 4): Patch[] {
  const key = `${stage.step}/${stage.size}/${stage.radius}/${cols}x${rows}/${personal.map((b) => `${b.x},${b.y},${b.w},${b.h}`).join(';')}`;
  let byKey = patchCache.get(ref);
  if (!byKey) {
    byKey = new Map();
    patchCache.set(ref, byKey);
  }
  const cached = byKey.get(key);
  if (cached) return cached;
  const side = stage.size * stage.step;
  const guard = stage.radius * stage.step;
  const identity: Homography = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  const patches: Patch[] = [];
  const cellW = ref.width / cols;
  const cellH = ref.height / rows;
  for (let cy = 0; cy < rows; cy++) {
    for (let cx = 0; cx < cols; cx++) {
      let best: Patch | null = null;
      let bestScore = 12; // grey levels of texture below which a patch cannot be located reliably
      for (let fy = 0.15; fy < 0.9; fy += 0.175) {
        for (let fx = 0.15; fx < 0.9; fx += 0.175) {
          const box = { x: Math.round(cellX(cx, fx) - side / 2), y: Math.round(cellY(cy, fy) - side / 2), w: side, h: side };
          if (box.x < guard || box.y < guard || box.x + side > ref.width - guard || box.y + side > ref.height - guard) continue;
          const window = { x: box.x - guard, y: box.y - guard, w: side + 2 * guard, h: side + 2 * guard };
          if (personal.some((p) => overlaps(p, window))) continue;
          const template = viewGrey(ref, identity, box, stage.step).img;
          const score = stdDev(template.data);
          if (score > bestScore) {
            bestScore = score;
            best = { box, template };
          }
        }
      }
      if (best) patches.push(best);
    }
  }
  byKey.set(key, patches);
  return patches;

  function cellX(cx: number, f: number): number {
    return (cx + f) * cellW;
  }
  function cellY(cy: number, f: number): number {
    return (cy + f) * cellH;
  }
}

export interface Correspondence {
  ref: Pt;
  capture: Pt;
  score: number;
}

/** Locates every patch in the capture around where `guess` puts it. */
export function matchPatches(capture: GreyImage, guess: Homography, patches: Patch[], stage: RefineStage, minScore = 0.45): Correspondence[] {
  const out: Correspondence[] = [];
  const guard = stage.radius * stage.step;
  for (const patch of patches) {
    const window = { x: patch.box.x - guard, y: patch.box.y - guard, w: patch.box.w + 2 * guard, h: patch.box.h + 2 * guard };
    const view = viewGrey(capture, guess, window, stage.step);
    if (view.valid.some((v) => v === 0)) continue;
    const peak = searchTemplate(patch.template, view.img, stage.radius);
    if (peak.score < minScore) continue;
    const cx = patch.box.x + patch.box.w / 2;
    const cy = patch.box.y + patch.box.h / 2;
    out.push({ ref: [cx, cy], capture: applyH(guess, cx + peak.dx * stage.step, cy + peak.dy * stage.step), score: peak.score });
  }
  return out;
}

/** Deterministic xorshift: the same capture always yields the same alignment. */
function sampler(seed: number): (n: number) => number {
  let s = seed | 0 || 1;
  return (n) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}

/**
 * RANSAC over 4-point homographies (inlier: reprojection within `tolPx` capture pixels), then a
 * least-squares fit on the largest consensus set. Null with fewer than 6 consistent points.
 */
export function robustHomography(matches: Correspondence[], tolPx: number, iterations = 300): { h: Homography; inliers: number; rmsPx: number } | null {
  if (matches.length < 6) return null;
  const pick = sampler(0x5eed + matches.length);
  let bestSet: number[] = [];
  const errorOf = (h: Homography, m: Correspondence): number => {
    const [x, y] = applyH(h, m.ref[0], m.ref[1]);
    return Math.hypot(x - m.capture[0], y - m.capture[1]);
  };
  for (let it = 0; it < iterations; it++) {
    const idx = new Set<number>();
    while (idx.size < 4) idx.add(pick(matches.length));
    const sample = [...idx].map((i) => matches[i]!);
    const h = fitHomography(sample.map((m) => m.ref), sample.map((m) => m.capture));
    if (!h) continue;
    const set: number[] = [];
    matches.forEach((m, i) => {
      if (errorOf(h, m) <= tolPx) set.push(i);
    });
    if (set.length > bestSet.length) bestSet = set;
    if (bestSet.length === matches.length) break;
  }
  if (bestSet.length < 6) return null;
  let h = fitHomography(bestSet.map((i) => matches[i]!.ref), bestSet.map((i) => matches[i]!.capture));
  if (!h) return null;
  // One re-selection with the refined model picks up points the 4-point samples just missed.
  const again = matches.map((m, i) => [i, errorOf(h!, m)] as const).filter(([, e]) => e <= tolPx).map(([i]) => i);
  if (again.length >= bestSet.length) {
    const h2 = fitHomography(again.map((i) => matches[i]!.ref), again.map((i) => matches[i]!.capture));
    if (h2) {
      h = h2;
      bestSet = again;
    }
  }
  const rms = Math.sqrt(bestSet.reduce((s, i) => s + errorOf(h!, matches[i]!) ** 2, 0) / bestSet.length);
  return { h, inliers: bestSet.length, rmsPx: rms };
}
