// Where the numbered marker of each zone goes on a reference image. A class has twenty or more zones,
// many starting at the same corner (a field inside its band, an emblem over the portrait), so labels
// written at each box's top-left corner pile on top of each other and none can be read. Each zone gets
// a small numbered marker instead (the zone list carries the same number and the full label), placed
// at the first spot along its box that no earlier marker covers. Pure: reference pixels in and out.
import type { Box } from '../../electron/contract/capture.contract';
import type { ImageSize } from './class-edit';

export interface MarkerSize {
  w: number;
  h: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Spots for a marker of `m` on `box`, best first: the inside corners, along the inside edges, then just outside. */
function candidates(box: Box, m: MarkerSize, image: ImageSize): Box[] {
  const clamp = (spot: Box): Box => ({
    x: Math.min(Math.max(0, spot.x), Math.max(0, image.w - m.w)),
    y: Math.min(Math.max(0, spot.y), Math.max(0, image.h - m.h)),
    w: m.w,
    h: m.h,
  });
  const left = box.x;
  const right = box.x + box.w - m.w;
  const top = box.y;
  const bottom = box.y + box.h - m.h;
  const spots: Box[] = [
    { x: left, y: top, w: m.w, h: m.h },
    { x: right, y: top, w: m.w, h: m.h },
    { x: left, y: bottom, w: m.w, h: m.h },
    { x: right, y: bottom, w: m.w, h: m.h },
  ];
  for (let x = left + m.w; x < right; x += m.w) spots.push({ x, y: top, w: m.w, h: m.h }, { x, y: bottom, w: m.w, h: m.h });
  for (let y = top + m.h; y < bottom; y += m.h) spots.push({ x: left, y, w: m.w, h: m.h }, { x: right, y, w: m.w, h: m.h });
  spots.push(
    { x: left, y: top - m.h, w: m.w, h: m.h },
    { x: left - m.w, y: top, w: m.w, h: m.h },
    { x: right + m.w, y: top, w: m.w, h: m.h },
    { x: left, y: box.y + box.h, w: m.w, h: m.h },
  );
  return spots.map(clamp);
}

/**
 * One marker box per zone (same order). Zones are placed smallest first — a small box has the fewest
 * free spots — and each takes its first spot that overlaps no marker placed before; when every spot
 * is taken, the one overlapping least.
 */
export function layoutZoneMarkers(boxes: readonly Box[], sizes: readonly MarkerSize[], image: ImageSize): Box[] {
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[a]!.w * boxes[a]!.h - boxes[b]!.w * boxes[b]!.h || a - b);
  const placed: Box[] = [];
  const result: Box[] = new Array<Box>(boxes.length);
  for (const i of order) {
    const spots = candidates(boxes[i]!, sizes[i]!, image);
    let best = spots.find((spot) => !placed.some((p) => overlaps(p, spot)));
    if (!best) {
      let bestCover = Infinity;
      for (const spot of spots) {
        const cover = placed.reduce((sum, p) => sum + overlapArea(p, spot), 0);
        if (cover < bestCover) {
          best = spot;
          bestCover = cover;
        }
      }
    }
    best ??= spots[0]!;
    placed.push(best);
    result[i] = best;
  }
  return result;
}
