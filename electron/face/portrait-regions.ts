// Where the document's portraits are on the white capture: the identified class's photo and ghost
// zones mapped through the identification homography (reference pixel → capture pixel). Pure.
import type { Box } from '../contract/capture.contract';
import { applyH, type Homography } from '../identify/homography';

/** Axis-aligned capture box around a reference box, grown by `grow` of its size on every side. */
export function mapZone(h: Homography, box: Box, capture: { width: number; height: number }, grow = 0.08): Box | null {
  const gx = box.w * grow;
  const gy = box.h * grow;
  const corners = [
    applyH(h, box.x - gx, box.y - gy),
    applyH(h, box.x + box.w + gx, box.y - gy),
    applyH(h, box.x - gx, box.y + box.h + gy),
    applyH(h, box.x + box.w + gx, box.y + box.h + gy),
  ];
  if (corners.some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y))) return null;
  const x0 = Math.max(0, Math.min(...corners.map((c) => c[0])));
  const y0 = Math.max(0, Math.min(...corners.map((c) => c[1])));
  const x1 = Math.min(capture.width, Math.max(...corners.map((c) => c[0])));
  const y1 = Math.min(capture.height, Math.max(...corners.map((c) => c[1])));
  if (x1 - x0 < 8 || y1 - y0 < 8) return null;
  return { x: Math.round(x0), y: Math.round(y0), w: Math.round(x1 - x0), h: Math.round(y1 - y0) };
}

/** A portrait-shaped region around a detected face (for documents whose class is unknown). */
export function regionAroundFace(face: Box, capture: { width: number; height: number }): Box {
  const w = face.w * 1.8;
  const h = face.h * 2.1;
  const x = Math.max(0, face.x + face.w / 2 - w / 2);
  const y = Math.max(0, face.y + face.h * 0.45 - h / 2);
  return { x: Math.round(x), y: Math.round(y), w: Math.round(Math.min(w, capture.width - x)), h: Math.round(Math.min(h, capture.height - y)) };
}
