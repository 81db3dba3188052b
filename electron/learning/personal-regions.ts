// The personal content of a class as regions: the cells where the captures differ, joined along the
// line of writing (the letters and words of one value) but not across lines, as boxes in frame pixels.
import type { Box } from '../contract/capture.contract';
import type { VariationMap } from './variation-map';

export interface Region {
  box: Box;
  /** Cells of the region where some capture differs. */
  cells: number;
  /** Most captures differing in one of its cells. */
  captures: number;
}

/** Letters and words of one value are at most this far apart (mm): a gap of one space at 10 pt. */
const JOIN_MM = 2;

export function personalRegions(map: VariationMap, minCells = 2): Region[] {
  const { cols, rows, counts } = map;
  // Close horizontal gaps up to JOIN_MM cells: the spaces between words of one value.
  const join = JOIN_MM;
  const on = new Uint8Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    let last = -Infinity;
    for (let c = 0; c < cols; c++) {
      if (!counts[r * cols + c]) continue;
      if (c - last > 1 && c - last <= join + 1) for (let k = last + 1; k < c; k++) on[r * cols + k] = 1;
      on[r * cols + c] = 1;
      last = c;
    }
  }
  const label = new Int32Array(cols * rows).fill(-1);
  const regions: Region[] = [];
  const stack: number[] = [];
  for (let start = 0; start < on.length; start++) {
    if (!on[start] || label[start] !== -1) continue;
    const id = regions.length;
    let c0 = cols;
    let r0 = rows;
    let c1 = -1;
    let r1 = -1;
    let cells = 0;
    let captures = 0;
    label[start] = id;
    stack.push(start);
    while (stack.length) {
      const p = stack.pop()!;
      const r = Math.floor(p / cols);
      const c = p % cols;
      c0 = Math.min(c0, c);
      c1 = Math.max(c1, c);
      r0 = Math.min(r0, r);
      r1 = Math.max(r1, r);
      if (counts[p]) {
        cells++;
        captures = Math.max(captures, counts[p]!);
      }
      for (const [dr, dc] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
        const rr = r + dr;
        const cc = c + dc;
        if (rr < 0 || cc < 0 || rr >= rows || cc >= cols) continue;
        const q = rr * cols + cc;
        if (on[q] && label[q] === -1) {
          label[q] = id;
          stack.push(q);
        }
      }
    }
    regions.push({ box: { x: c0 * map.cell, y: r0 * map.cell, w: (c1 - c0 + 1) * map.cell, h: (r1 - r0 + 1) * map.cell }, cells, captures });
  }
  return regions.filter((r) => r.cells >= minCells);
}

export function boxArea(b: Box): number {
  return Math.max(0, b.w) * Math.max(0, b.h);
}

export function intersection(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

export function clampBox(b: Box, width: number, height: number): Box {
  const x = Math.max(0, Math.round(b.x));
  const y = Math.max(0, Math.round(b.y));
  return { x, y, w: Math.max(1, Math.min(width, Math.round(b.x + b.w)) - x), h: Math.max(1, Math.min(height, Math.round(b.y + b.h)) - y) };
}
