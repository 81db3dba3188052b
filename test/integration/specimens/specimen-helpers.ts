// Pixel measurements on rendered specimens, for the integration tests.
import sharp from 'sharp';
import type { Box } from '../../../electron/contract/capture.contract';

export interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
}

export async function decode(image: Buffer): Promise<Pixels> {
  const { channels } = await sharp(image).metadata();
  // sharp hands out raw data as sRGB unless told to keep a single grey channel.
  const pipeline = channels === 1 ? sharp(image).toColourspace('b-w') : sharp(image);
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

export function luminanceAt(p: Pixels, i: number): number {
  const o = i * p.channels;
  if (p.channels < 3) return p.data[o] as number;
  return 0.2126 * (p.data[o] as number) + 0.7152 * (p.data[o + 1] as number) + 0.0722 * (p.data[o + 2] as number);
}

/** Mask of the pixels covered by any of the boxes (grown by `pad`). */
export function boxMask(p: Pixels, boxes: Box[], pad = 0): Uint8Array {
  const mask = new Uint8Array(p.width * p.height);
  for (const b of boxes) {
    const x0 = Math.max(0, Math.floor(b.x - pad));
    const y0 = Math.max(0, Math.floor(b.y - pad));
    const x1 = Math.min(p.width, Math.ceil(b.x + b.w + pad));
    const y1 = Math.min(p.height, Math.ceil(b.y + b.h + pad));
    for (let y = y0; y < y1; y++) mask.fill(1, y * p.width + x0, y * p.width + x1);
  }
  return mask;
}

/** Brightest channel: how bright a saturated fluorescent colour looks, whatever its hue. */
export function brightnessAt(p: Pixels, i: number): number {
  const o = i * p.channels;
  let max = 0;
  for (let c = 0; c < Math.min(3, p.channels); c++) max = Math.max(max, p.data[o + c] as number);
  return max;
}

export interface Stats {
  mean: number;
  darkFraction: number;
  brightFraction: number;
  count: number;
}

/** Luminance statistics over the pixels where mask === want. */
export function stats(p: Pixels, mask: Uint8Array, want: 0 | 1, dark = 100, bright = 120, metric = luminanceAt): Stats {
  let sum = 0;
  let count = 0;
  let darkCount = 0;
  let brightCount = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] !== want) continue;
    const l = metric(p, i);
    sum += l;
    count++;
    if (l < dark) darkCount++;
    if (l > bright) brightCount++;
  }
  return { mean: count ? sum / count : NaN, darkFraction: darkCount / count, brightFraction: brightCount / count, count };
}

/** Mean colour of the pixels whose brightest channel exceeds `threshold` inside a box. */
export function brightColour(p: Pixels, box: Box, threshold = 120): [number, number, number] | null {
  const acc = [0, 0, 0];
  let n = 0;
  for (let y = Math.floor(box.y); y < Math.min(p.height, box.y + box.h); y++) {
    for (let x = Math.floor(box.x); x < Math.min(p.width, box.x + box.w); x++) {
      const i = y * p.width + x;
      if (brightnessAt(p, i) <= threshold) continue;
      for (let c = 0; c < 3; c++) acc[c] = (acc[c] as number) + (p.data[i * p.channels + c] as number);
      n++;
    }
  }
  return n ? [(acc[0] as number) / n, (acc[1] as number) / n, (acc[2] as number) / n] : null;
}
