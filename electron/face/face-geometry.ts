// Geometry from the 68 landmarks (iBUG 300-W order): eye centres, head roll and a yaw estimate, and
// the affine frame of the eye-aligned crop. Pure: no I/O.

export type Point = [number, number];

function mean(points: Point[]): Point {
  const n = points.length || 1;
  return [points.reduce((s, p) => s + p[0], 0) / n, points.reduce((s, p) => s + p[1], 0) / n];
}

/** Eye centres in image order: [left in the image, right in the image]. */
export function eyeCentres(landmarks: Point[]): [Point, Point] {
  const a = mean(landmarks.slice(36, 42));
  const b = mean(landmarks.slice(42, 48));
  return a[0] <= b[0] ? [a, b] : [b, a];
}

export function eyeDistance(landmarks: Point[]): number {
  const [l, r] = eyeCentres(landmarks);
  return Math.hypot(r[0] - l[0], r[1] - l[1]);
}

/** Roll: angle of the eye line from horizontal, degrees (positive: clockwise in the image). */
export function rollDegrees(landmarks: Point[]): number {
  const [l, r] = eyeCentres(landmarks);
  return (Math.atan2(r[1] - l[1], r[0] - l[0]) * 180) / Math.PI;
}

/**
 * Yaw estimate: where the nose tip (30) sits between the jaw ends (0, 16), along the jaw line. The
 * nose stands out of the face plane, so its offset grows faster than sin(yaw): the 1.4 factor makes a
 * nose at 80 % of the way read ~25°. Coarse, but enough to reject a profile or half-profile view.
 */
export function yawDegrees(landmarks: Point[]): number {
  const jawL = landmarks[0]!;
  const jawR = landmarks[16]!;
  const nose = landmarks[30]!;
  const dx = jawR[0] - jawL[0];
  const dy = jawR[1] - jawL[1];
  const len2 = dx * dx + dy * dy || 1;
  const t = ((nose[0] - jawL[0]) * dx + (nose[1] - jawL[1]) * dy) / len2;
  const s = Math.max(-1, Math.min(1, (2 * (t - 0.5)) / 1.4));
  return (Math.asin(s) * 180) / Math.PI;
}

/** Size and eye placement of every aligned crop: eyes level, 64 px apart, at 38 % of the height. */
export const ALIGNED = { width: 192, height: 240, eyeDistance: 64, eyeY: 0.38 } as const;

/** Source frame for the aligned crop: output (u, v) → source origin + u·(ux, uy) + v·(vx, vy). */
export function alignedFrame(landmarks: Point[]): { originX: number; originY: number; ux: number; uy: number; vx: number; vy: number } {
  const [l, r] = eyeCentres(landmarks);
  const scale = Math.hypot(r[0] - l[0], r[1] - l[1]) / ALIGNED.eyeDistance;
  const angle = Math.atan2(r[1] - l[1], r[0] - l[0]);
  const ux = Math.cos(angle) * scale;
  const uy = Math.sin(angle) * scale;
  const vx = -uy;
  const vy = ux;
  const mid: Point = [(l[0] + r[0]) / 2, (l[1] + r[1]) / 2];
  const cu = ALIGNED.width / 2;
  const cv = ALIGNED.height * ALIGNED.eyeY;
  return { originX: mid[0] - cu * ux - cv * vx, originY: mid[1] - cu * uy - cv * vy, ux, uy, vx, vy };
}
