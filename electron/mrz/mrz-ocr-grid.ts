// The MRZ character grid: what one cell was read as, and how many cells a line has. The MRZ has a
// fixed pitch (ICAO 9303 Part 3 §4.2), so every character belongs to exactly one cell: cells are read
// by position, never by the order of a recogniser's output.
import type { GridLine } from './mrz-image-crop';

export interface CellReading {
  char: string;
  conf: number;
  alternatives: { char: string; conf: number }[];
}

/** MRZ line length implied by the grid: 3 lines → TD1 (30); else the nearest of 36/44 to the measured cells. */
export function mrzLineLength(grid: GridLine[]): number {
  if (grid.length === 3) return 30;
  const measured = Math.max(...grid.map((g) => g.cells));
  return [30, 36, 44].reduce((a, b) => (Math.abs(b - measured) < Math.abs(a - measured) ? b : a));
}
