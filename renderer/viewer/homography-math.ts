// Mapping between reference pixels and capture pixels. The examination carries the homography
// reference → capture (3×3, row-major); evidence boxes are in capture pixels, so the matching
// reference crop needs the inverse. Pure functions, no DOM.
import type { Box } from '../../electron/contract/capture.contract';

export type Matrix3 = readonly number[];

/** Inverse of a 3×3 row-major matrix (adjugate / determinant), normalised so m[8] = 1; null when singular. */
export function invert3x3(m: Matrix3): number[] | null {
  if (m.length !== 9 || m.some((v) => !Number.isFinite(v))) return null;
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = f * g - d * i;
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-12) return null;
  const inv = [A, c * h - b * i, b * f - c * e, B, a * i - c * g, c * d - a * f, C, b * g - a * h, a * e - b * d].map((v) => v / det);
  const s = inv[8]!;
  return Math.abs(s) > 1e-15 ? inv.map((v) => v / s) : inv;
}

/** Applies a homography to a point; null when the point maps to infinity. */
export function applyHomography(m: Matrix3, x: number, y: number): [number, number] | null {
  const w = m[6]! * x + m[7]! * y + m[8]!;
  if (Math.abs(w) < 1e-12) return null;
  return [(m[0]! * x + m[1]! * y + m[2]!) / w, (m[3]! * x + m[4]! * y + m[5]!) / w];
}

/** Bounding box of a box's four corners mapped through `m`; null when a corner maps to infinity. */
export function mapBox(m: Matrix3, box: Box): Box | null {
  const corners = [
    [box.x, box.y],
    [box.x + box.w, box.y],
    [box.x, box.y + box.h],
    [box.x + box.w, box.y + box.h],
  ].map(([x, y]) => applyHomography(m, x!, y!));
  if (corners.some((p) => p === null)) return null;
  const xs = corners.map((p) => p![0]);
  const ys = corners.map((p) => p![1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

/** The reference-pixel box showing the same part of the page as a capture-pixel evidence box. */
export function referenceBoxOf(homographyRefToCapture: Matrix3, captureBox: Box): Box | null {
  const inverse = invert3x3(homographyRefToCapture);
  return inverse ? mapBox(inverse, captureBox) : null;
}

/** CSS matrix3d (column-major) drawing reference pixels at their capture positions. */
export function cssMatrix3d(m: Matrix3): string {
  const v = [m[0], m[3], 0, m[6], m[1], m[4], 0, m[7], 0, 0, 1, 0, m[2], m[5], 0, m[8]];
  return `matrix3d(${v.join(', ')})`;
}
