// Puts OCR symbols into the MRZ character grid. The MRZ has a fixed pitch (ICAO 9303 Part 3 §4.2:
// 2.54 mm), so every character belongs to exactly one cell: symbols are placed by position, never by
// their order in the OCR output, which makes merged or split glyphs visible instead of shifting a line.
import { cellV, columnAt, type FittedLine } from './mrz-grid-fit';
import type { GridLine } from './mrz-image-crop';
import type { OcrSymbol } from './mrz-ocr-engine';

export interface CellReading {
  char: string;
  conf: number;
  alternatives: { char: string; conf: number }[];
}

export interface GridReading {
  /** One row per MRZ line; `null` where no symbol landed in a cell. */
  cells: (CellReading | null)[][];
}

export function placeSymbols(symbols: OcrSymbol[], grid: FittedLine[], pitch: number, length: number): GridReading {
  const cells: (CellReading | null)[][] = grid.map(() => Array.from({ length }, () => null));
  for (const s of symbols) {
    const text = s.text.trim();
    if (text.length !== 1) continue;
    const u = (s.x0 + s.x1) / 2;
    const v = (s.y0 + s.y1) / 2;
    let line = -1;
    let best = Infinity;
    grid.forEach((g, i) => {
      const d = Math.abs(cellV(g, columnAt(g, u)) - v);
      if (d < best) {
        best = d;
        line = i;
      }
    });
    if (line < 0 || best > pitch) continue;
    const col = columnAt(grid[line]!, u);
    if (col < 0 || col >= length) continue;
    const row = cells[line]!;
    const existing = row[col];
    const alts = s.choices.filter((c) => c.text !== text).map((c) => ({ char: c.text, conf: c.confidence }));
    if (!existing) row[col] = { char: text, conf: s.confidence, alternatives: alts };
    else if (s.confidence > existing.conf) row[col] = { char: text, conf: s.confidence, alternatives: [{ char: existing.char, conf: existing.conf }, ...alts] };
    else existing.alternatives.push({ char: text, conf: s.confidence });
  }
  return { cells };
}

/** MRZ line length implied by the grid: 3 lines → TD1 (30); else the nearest of 36/44 to the measured cells. */
export function mrzLineLength(grid: GridLine[]): number {
  if (grid.length === 3) return 30;
  const measured = Math.max(...grid.map((g) => g.cells));
  return [30, 36, 44].reduce((a, b) => (Math.abs(b - measured) < Math.abs(a - measured) ? b : a));
}
