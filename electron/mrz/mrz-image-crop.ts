// From a located MRZ block to an upright, deskewed, scale-normalised crop of the full-resolution
// page, plus the character grid (line centres, first-cell centre, pitch) in crop coordinates.
import { affineSample, type SampleFrame } from '../imaging/affine-sample';
import type { GreyImage } from '../imaging/grey-image';
import { lineCells, type MrzBlock } from './mrz-locate';

/** Output pitch in pixels: OCR-B at 300 dpi (2.54 mm = 30 px), the scale the OCR models know best. */
export const CROP_PITCH = 30;

export interface GridLine {
  /** Vertical centre of the line in the crop. */
  v: number;
  /** Horizontal centre of the first character cell in the crop. */
  u0: number;
  cells: number;
}

export interface MrzCrop {
  image: GreyImage;
  grid: GridLine[];
  pitch: number;
  /** Where the crop lies in the original page (full-resolution pixel corners, clockwise from top-left). */
  corners: [number, number][];
}

/**
 * Extra magnification of the crop along (x) and across (y) the lines, so that glyphs of a condensed,
 * wide or tall MRZ font come out at the size of OCR-B at the crop scale (the readers' reference).
 */
export interface Stretch {
  x: number;
  y: number;
}

/** Maps a point of the analysed (downscaled, quarter-rotated) image back to the full-resolution page. */
export type PointMap = (x: number, y: number) => [number, number];

export function quarterMap(q: 0 | 1 | 2 | 3, smallW: number, smallH: number, factor: number): PointMap {
  const toFull = (x: number, y: number): [number, number] => [(x + 0.5) * factor - 0.5, (y + 0.5) * factor - 0.5];
  switch (q) {
    case 0:
      return (x, y) => toFull(x, y);
    case 1:
      return (x, y) => toFull(y, smallH - 1 - x);
    case 2:
      return (x, y) => toFull(smallW - 1 - x, smallH - 1 - y);
    case 3:
      return (x, y) => toFull(smallW - 1 - y, x);
  }
}

/**
 * Samples the block from the full page. With `flip`, the crop is turned 180° (upside-down scans:
 * the locator cannot tell the two apart, the OCR can).
 */
export function cropMrz(full: GreyImage, block: MrzBlock, map: PointMap, flip: boolean, stretch: Stretch = { x: 1, y: 1 }): MrzCrop {
  const ex = Math.cos(block.angle);
  const ey = Math.sin(block.angle);
  const nx = -ey;
  const ny = ex;
  // Analysed-image pixels per crop pixel, along and across the lines.
  const sx = block.pitch / CROP_PITCH / stretch.x;
  const sy = block.pitch / CROP_PITCH / stretch.y;
  const first = block.lines[0]!;
  const last = block.lines[block.lines.length - 1]!;
  const margin = block.pitch * 1.2;
  // Wider along the lines: the locator may have missed a faint first or last character.
  const marginX = block.pitch * 2.5;
  const yAt = (l: typeof first, x: number) => l.slope * x + l.intercept;
  // Top-left corner of the crop in analysed coordinates.
  const ox = block.x0 - marginX * ex - (0.5 * block.charHeight + margin) * nx;
  const oy = yAt(first, block.x0) - marginX * ey - (0.5 * block.charHeight + margin) * ny;
  const along = (px: number, py: number) => ((px - ox) * ex + (py - oy) * ey) / sx;
  const across = (px: number, py: number) => ((px - ox) * nx + (py - oy) * ny) / sy;
  const width = Math.ceil(along(block.x1, yAt(first, block.x1)) + marginX / sx);
  const lastMid = across(block.x0, yAt(last, block.x0));
  const height = Math.ceil(lastMid + (0.5 * block.charHeight + margin) / sy);

  let grid: GridLine[] = block.lines.map((l) => {
    const c = l.comps[0]!;
    return { v: across(c.cx, c.cy), u0: along(c.cx, c.cy), cells: lineCells(l) };
  });
  let corner = (u: number, v: number) => map(ox + u * ex * sx + v * nx * sy, oy + u * ey * sx + v * ny * sy);
  if (flip) {
    const unflipped = corner;
    corner = (u, v) => unflipped(width - 1 - u, height - 1 - v);
    // Character centres mirror; a flipped line starts where the unflipped one ended.
    grid = block.lines
      .map((l, i) => {
        const c = l.comps[l.comps.length - 1]!;
        return { v: height - 1 - grid[i]!.v, u0: width - 1 - along(c.cx, c.cy), cells: grid[i]!.cells };
      })
      .reverse();
  }
  const o = corner(0, 0);
  const pu = corner(1, 0);
  const pv = corner(0, 1);
  const frame: SampleFrame = { originX: o[0], originY: o[1], ux: pu[0] - o[0], uy: pu[1] - o[1], vx: pv[0] - o[0], vy: pv[1] - o[1] };
  const image = affineSample(full, frame, width, height);
  return { image, grid, pitch: CROP_PITCH * stretch.x, corners: [o, corner(width, 0), corner(width, height), corner(0, height)] };
}
