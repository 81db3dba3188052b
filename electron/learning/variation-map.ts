// Where the genuine captures of a class differ: the personal data (values, portrait, signature, MRZ)
// changes from document to document, the issuer's print does not. Each capture is compared with the
// captures' per-pixel median; a difference counts only beyond what a one-pixel misalignment of the
// median's own print explains (the median's local minimum and maximum), so the edges of fixed print
// never read as differences. Results are kept per 1 mm cell.
import type { RgbImage } from '../imaging/light-image';
import type { FramedImage } from './frame-stack';

/**
 * Grey levels a capture must differ from the median (beyond its local range) to count. Capture
 * noise and JPEG ringing of the bench's light captures stay below 25; ink of a value printed on the
 * pastel background differs by 60 and more.
 */
export const DIFF_LEVELS = 35;
/** Share of a cell's pixels that must differ for the cell to differ (a letter stroke crossing it covers 20 % and more). */
const CELL_SHARE = 0.03;
/** The page edge (mm): where the frame meets the scanner bed, resampling mixes the two in every capture differently. */
const EDGE_MM = 1.5;

export interface VariationMap {
  /** Cell side in frame pixels (1 mm). */
  cell: number;
  cols: number;
  rows: number;
  /** Per cell: how many captures differ from the median there. */
  counts: Uint8Array;
  /** Per capture: the share of the page's cells where it differs (an unaligned capture differs almost everywhere). */
  shares: number[];
}

function localRange(plane: Uint8Array, width: number, height: number, radius: number): { lo: Uint8Array; hi: Uint8Array } {
  const tmpLo = new Uint8Array(plane.length);
  const tmpHi = new Uint8Array(plane.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let lo = 255;
      let hi = 0;
      for (let k = Math.max(0, x - radius); k <= Math.min(width - 1, x + radius); k++) {
        const v = plane[row + k]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      tmpLo[row + x] = lo;
      tmpHi[row + x] = hi;
    }
  }
  const lo = new Uint8Array(plane.length);
  const hi = new Uint8Array(plane.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let l = 255;
      let h = 0;
      for (let k = Math.max(0, y - radius); k <= Math.min(height - 1, y + radius); k++) {
        const p = k * width + x;
        if (tmpLo[p]! < l) l = tmpLo[p]!;
        if (tmpHi[p]! > h) h = tmpHi[p]!;
      }
      lo[y * width + x] = l;
      hi[y * width + x] = h;
    }
  }
  return { lo, hi };
}

function plane(rgb: RgbImage, c: number): Uint8Array {
  const out = new Uint8Array(rgb.width * rgb.height);
  for (let p = 0, i = c; p < out.length; p++, i += 3) out[p] = rgb.data[i]!;
  return out;
}

export function variationMap(images: FramedImage[], median: RgbImage, dpi: number): VariationMap {
  const { width, height } = median;
  const radius = Math.max(1, Math.round(dpi / 150));
  const ranges = [0, 1, 2].map((c) => localRange(plane(median, c), width, height, radius));
  const cell = Math.max(4, Math.round(dpi / 25.4));
  const cols = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const counts = new Uint8Array(cols * rows);
  const shares: number[] = [];
  const edge = (EDGE_MM / 25.4) * dpi;
  const nearEdge = (c: number): boolean => {
    const x = ((c % cols) + 0.5) * cell;
    const y = (Math.floor(c / cols) + 0.5) * cell;
    return x < edge + cell / 2 || y < edge + cell / 2 || x > width - edge - cell / 2 || y > height - edge - cell / 2;
  };
  for (const image of images) {
    const differing = new Uint16Array(cols * rows);
    const covered = new Uint16Array(cols * rows);
    const d = image.rgb.data;
    for (let y = 0; y < height; y++) {
      const cy = Math.floor(y / cell) * cols;
      for (let x = 0; x < width; x++) {
        const p = y * width + x;
        if (!image.valid[p]) continue;
        const c = cy + Math.floor(x / cell);
        covered[c]!++;
        let worst = 0;
        for (let ch = 0; ch < 3; ch++) {
          const v = d[p * 3 + ch]!;
          const lo = ranges[ch]!.lo[p]!;
          const hi = ranges[ch]!.hi[p]!;
          const off = v < lo ? lo - v : v > hi ? v - hi : 0;
          if (off > worst) worst = off;
        }
        if (worst > DIFF_LEVELS) differing[c]!++;
      }
    }
    let cells = 0;
    let varied = 0;
    for (let c = 0; c < counts.length; c++) {
      if (covered[c]! < (cell * cell) / 2 || nearEdge(c)) continue;
      cells++;
      if (differing[c]! >= Math.max(2, CELL_SHARE * covered[c]!)) {
        counts[c]!++;
        varied++;
      }
    }
    shares.push(cells ? varied / cells : 1);
  }
  return { cell, cols, rows, counts, shares };
}

/** A frame-pixel mask of the cells where any capture differs, grown by one cell (personal content). */
export function varyingPixels(map: VariationMap, width: number, height: number): Uint8Array {
  const grown = new Uint8Array(map.counts.length);
  for (let r = 0; r < map.rows; r++) {
    for (let c = 0; c < map.cols; c++) {
      if (!map.counts[r * map.cols + c]) continue;
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr >= 0 && cc >= 0 && rr < map.rows && cc < map.cols) grown[rr * map.cols + cc] = 1;
        }
      }
    }
  }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / map.cell) * map.cols;
    for (let x = 0; x < width; x++) if (grown[row + Math.floor(x / map.cell)]) out[y * width + x] = 1;
  }
  return out;
}
