// Pairwise comparison of portraits by their 128-d descriptors, with a calibrated decision band.
// Pure: no I/O. Takes any number of portraits (printed, ghost, live, chip…) and compares every pair.
import type { FaceBand, FaceThreshold, PairComparison, Portrait } from '../contract/face.contract';
import { portraitName } from '../checks/portrait-names';

/**
 * Default threshold, measured by `npm run bench:face` on the genuine/impostor pairs built from the
 * sample photos shipped in @vladmandic/face-api (docs/face-check.md has the figures): the distance
 * where no impostor pair fell below and ≥ 95 % of genuine pairs did, with an uncertain band around it.
 */
export const DEFAULT_THRESHOLD: FaceThreshold = { distance: 0.5, margin: 0.06 };

export function descriptorDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`descriptor lengths differ: ${a.length} vs ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += d * d;
  }
  return Math.sqrt(s);
}

/** 0..1, higher is more alike: a readable rescaling of the distance (1.2 ≈ unrelated faces). */
export function similarity(distance: number): number {
  return Math.max(0, Math.min(1, 1 - distance / 1.2));
}

export function band(distance: number, t: FaceThreshold): Exclude<FaceBand, 'not-performed'> {
  if (distance <= t.distance - t.margin) return 'match';
  if (distance > t.distance + t.margin) return 'no-match';
  return 'uncertain';
}

/** Compares every pair; a pair with an unusable portrait is 'not-performed' with the reason. */
export function comparePortraits(
  portraits: { portrait: Portrait; descriptor: number[] | null }[],
  threshold: FaceThreshold,
): PairComparison[] {
  const out: PairComparison[] = [];
  for (let i = 0; i < portraits.length; i++) {
    for (let j = i + 1; j < portraits.length; j++) {
      const a = portraits[i]!;
      const b = portraits[j]!;
      const unusable = [a, b].find((p) => !p.portrait.quality.usable || !p.descriptor);
      if (unusable) {
        const reason = unusable.portrait.quality.problems[0] ?? `no face found in the ${portraitName(unusable.portrait.kind)}`;
        out.push({ a: a.portrait.id, b: b.portrait.id, distance: null, similarity: null, band: 'not-performed', reason });
        continue;
      }
      const d = descriptorDistance(a.descriptor!, b.descriptor!);
      out.push({ a: a.portrait.id, b: b.portrait.id, distance: round(d), similarity: round(similarity(d)), band: band(d, threshold) });
    }
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
