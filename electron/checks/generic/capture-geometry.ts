// Geometry shared by the generic checks: size agreement between lights, the MRZ quad from the
// reading, point-in-quad tests and boxes in capture pixels.
import type { Box, Light } from '../../contract/capture.contract';
import type { MrzGeometry } from '../../contract/mrz.contract';
import type { LightImage } from '../check-input';

export type Point = readonly [number, number];

/** Lights captured in one scan pass share pixel geometry; anything else cannot be compared pixel by pixel. */
export function sizeMismatch(a: LightImage, b: LightImage): string | null {
  if (a.grey.width === b.grey.width && a.grey.height === b.grey.height) return null;
  return `the ${a.light} and ${b.light} images have different sizes (${a.grey.width}×${a.grey.height} vs ${b.grey.width}×${b.grey.height} px)`;
}

/** The MRZ geometry must lie in the pixels of the given image (it was read from an image of the capture). */
export function geometryFits(geometry: MrzGeometry, img: LightImage): boolean {
  return geometry.corners.every(([x, y]) => x >= -2 && y >= -2 && x <= img.grey.width + 2 && y <= img.grey.height + 2);
}

export function boundingBox(points: readonly Point[], width: number, height: number): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const x1 = Math.min(width, Math.ceil(Math.max(...xs)));
  const y1 = Math.min(height, Math.ceil(Math.max(...ys)));
  return { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
}

/** Convex quad (clockwise or not) containment by the sign of the four edge cross products. */
export function insideQuad(quad: readonly Point[], x: number, y: number): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = quad[i]!;
    const [bx, by] = quad[(i + 1) % 4]!;
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (cross === 0) continue;
    const s = cross > 0 ? 1 : -1;
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}

/** Applies a 3×3 row-major homography to a point. */
export function project(h: readonly number[], x: number, y: number): Point {
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i]!;
}

export const round = (v: number, digits = 2): number => Math.round(v * 10 ** digits) / 10 ** digits;

export function lightLabel(light: Light): string {
  return light === 'ir' ? 'infrared' : light === 'uv' ? 'ultraviolet' : 'white light';
}
