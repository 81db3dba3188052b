// Local correlation map: the non-personal print cut into tiles, each tile of the capture (read
// through the alignment) correlated with the same tile of the reference. Tiles weigh equally, so
// the fine background print counts as much as the bold header band.
import type { LightImage, RgbImage } from '../imaging/light-image';
import type { Box } from '../contract/capture.contract';
import type { GreyImage } from '../imaging/grey-image';
import { viewGrey } from './frame-sample';
import type { Homography } from './homography';
import { ncc, stdDev } from './ncc';

const IDENTITY: Homography = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export interface TileScore {
  /** Tile in reference pixels. */
  box: Box;
  score: number;
}

const minChannels = new WeakMap<RgbImage, GreyImage>();

/**
 * Darkest of R, G, B per pixel: pastel guilloche inks differ from the paper by 40–60 levels in
 * one channel but barely in luminance, so this is where background print is visible.
 */
export function minChannel(rgb: RgbImage): GreyImage {
  let out = minChannels.get(rgb);
  if (out) return out;
  const n = rgb.width * rgb.height;
  const data = new Uint8Array(n);
  const d = rgb.data;
  for (let p = 0, i = 0; p < n; p++, i += 3) data[p] = Math.min(d[i]!, d[i + 1]!, d[i + 2]!);
  out = { data, width: rgb.width, height: rgb.height };
  minChannels.set(rgb, out);
  return out;
}

const planes = new WeakMap<RgbImage, [GreyImage, GreyImage, GreyImage]>();

/** The R, G and B channels as separate grey images (cached), so they can be box-filtered like grey. */
function channelPlanes(rgb: RgbImage): [GreyImage, GreyImage, GreyImage] {
  let out = planes.get(rgb);
  if (out) return out;
  const n = rgb.width * rgb.height;
  const made = [new Uint8Array(n), new Uint8Array(n), new Uint8Array(n)];
  const d = rgb.data;
  for (let p = 0, i = 0; p < n; p++, i += 3) {
    made[0]![p] = d[i]!;
    made[1]![p] = d[i + 1]!;
    made[2]![p] = d[i + 2]!;
  }
  out = made.map((data) => ({ data, width: rgb.width, height: rgb.height })) as [GreyImage, GreyImage, GreyImage];
  planes.set(rgb, out);
  return out;
}

/**
 * Mean chromaticity (r, g) = (R, G) / (R + G + B) of a reference box: unchanged by the reader's
 * uneven illumination. Read densely through the box-filter pyramid: a sparse nearest-pixel grid
 * on a tile straddling the header edge swung the mean by 30 levels with a sub-pixel shift.
 */
function chroma(rgb: RgbImage, refToImage: Homography, box: Box, step: number): [number, number] {
  const sums = channelPlanes(rgb).map((plane) => {
    const view = viewGrey(plane, refToImage, box, step);
    let s = 0;
    for (let p = 0; p < view.valid.length; p++) if (view.valid[p]) s += view.img.data[p]!;
    return s;
  }) as [number, number, number];
  const t = sums[0] + sums[1] + sums[2];
  return t > 0 ? [sums[0] / t, sums[1] / t] : [1 / 3, 1 / 3];
}

/**
 * Chromaticity distance at which a tile counts as a different colour. Two pastel papers of the
 * synthetic designs differ by ≈ 0.006; header bands by 0.2 and more; captures of the same tile
 * vary by ≤ 0.01 (JPEG chroma subsampling, noise).
 */
const CHROMA_SCALE = 0.03;

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Grey levels of texture a reference tile needs to be compared (flat paper carries no pattern). */
const MIN_TILE_STD = 4;

export function tileCorrelation(capture: LightImage, reference: LightImage, refToCapture: Homography, personal: Box[], dpi: number, tileMm = 4, within?: Box[], colour = true): TileScore[] {
  const step = Math.max(1, Math.round(dpi / 100));
  const side = Math.round((tileMm / 25.4) * dpi);
  const guard = dpi / 25.4;
  const grown = personal.map((b) => ({ x: b.x - guard, y: b.y - guard, w: b.w + 2 * guard, h: b.h + 2 * guard }));
  const { width: W, height: H } = reference.grey;
  const tiles: TileScore[] = [];
  const refDetail = minChannel(reference.rgb);
  const capDetail = minChannel(capture.rgb);
  for (let y = 0; y + side <= H; y += side) {
    for (let x = 0; x + side <= W; x += side) {
      const box = { x, y, w: side, h: side };
      if (grown.some((p) => overlaps(p, box))) continue;
      const cx = box.x + side / 2;
      const cy = box.y + side / 2;
      if (within && !within.some((z) => cx >= z.x && cy >= z.y && cx < z.x + z.w && cy < z.y + z.h)) continue;
      const ref = viewGrey(refDetail, IDENTITY, box, step);
      if (stdDev(ref.img.data) < MIN_TILE_STD) continue;
      const cap = viewGrey(capDetail, refToCapture, box, step);
      if (cap.valid.some((v) => !v)) continue;
      let agree = 1;
      if (colour) {
        const [r1, g1] = chroma(reference.rgb, IDENTITY, box, step * 2);
        const [r2, g2] = chroma(capture.rgb, refToCapture, box, step * 2);
        agree = Math.max(0, 1 - Math.hypot(r1 - r2, g1 - g2) / CHROMA_SCALE);
      }
      tiles.push({ box, score: Math.min(ncc(ref.img.data, cap.img.data), agree) });
    }
  }
  return tiles;
}

export function meanTileScore(tiles: TileScore[]): number {
  return tiles.length ? Math.max(0, tiles.reduce((s, t) => s + t.score, 0) / tiles.length) : 0;
}
