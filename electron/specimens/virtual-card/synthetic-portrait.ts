// The face of a specimen chip's DG2: a synthetic portrait (background, shoulders, head, eyes and
// mouth, with skin-like grain) encoded as JPEG close to a wanted size, so drills and benchmarks can
// ask for a typical DG2 (about 20 KB) or a big one (beyond 32 KB, which needs READ BINARY with odd
// INS). No photo of a person is used; same size, same bytes.
import sharp from 'sharp';
import { encodeDg2 } from '../../chip/lds/dg2-face.codec';
import { createRng } from '../prng';

/** The portrait's shape: 3:4, as ICAO 9303 Part 3 asks of the displayed portrait. */
const ASPECT = 4 / 3;
/** Bytes per pixel the grain gives at quality 80 (measured here), to pick a size before searching. */
const BYTES_PER_PIXEL_AT_80 = 0.55;

function portraitPixels(width: number, height: number, seed: number): Buffer {
  const rng = createRng(seed);
  const rgb = Buffer.alloc(width * height * 3);
  const cx = width / 2;
  const headY = height * 0.42;
  const rx = width * 0.26;
  const ry = height * 0.24;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Pale blue-grey background, as portraits are taken against a plain light one.
      let r = 205 - (y / height) * 25;
      let g = 212 - (y / height) * 25;
      let b = 222 - (y / height) * 20;
      const dx = (x - cx) / rx;
      const dy = (y - headY) / ry;
      const inHead = dx * dx + dy * dy <= 1;
      const shoulders = y > height * 0.7 && Math.abs(x - cx) < width * (0.2 + (y / height - 0.7) * 1.4);
      const neck = y > headY && y <= height * 0.72 && Math.abs(x - cx) < width * 0.09;
      if (shoulders) [r, g, b] = [52, 60, 78];
      if (inHead || neck) {
        const shade = 1 - 0.18 * Math.max(0, dx);
        [r, g, b] = [222 * shade, 182 * shade, 158 * shade];
        const eye = (ex: number) => ((x - ex) / (width * 0.045)) ** 2 + ((y - (headY - ry * 0.12)) / (height * 0.018)) ** 2 <= 1;
        if (eye(cx - rx * 0.4) || eye(cx + rx * 0.4)) [r, g, b] = [40, 34, 30];
        const mouth = Math.abs(x - cx) < rx * 0.32 && Math.abs(y - (headY + ry * 0.5)) < height * 0.008;
        if (mouth) [r, g, b] = [150, 70, 70];
        if (dy < -0.55 && inHead) [r, g, b] = [70, 48, 34];
      }
      const grain = rng.gauss() * 9;
      const i = (y * width + x) * 3;
      rgb[i] = clamp(r + grain);
      rgb[i + 1] = clamp(g + grain);
      rgb[i + 2] = clamp(b + grain);
    }
  }
  return rgb;
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

export interface SyntheticPortrait {
  readonly jpeg: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** A JPEG portrait of at most `targetBytes` (and close to it: within a few percent above 4 KB). */
export async function syntheticPortrait(targetBytes: number, seed = 9303): Promise<SyntheticPortrait> {
  if (!Number.isInteger(targetBytes) || targetBytes < 2000 || targetBytes > 4_000_000) throw new RangeError('a portrait between 2 KB and 4 MB');
  const width = Math.max(120, Math.round(Math.sqrt(targetBytes / BYTES_PER_PIXEL_AT_80 / ASPECT) / 8) * 8);
  const height = Math.round((width * ASPECT) / 8) * 8;
  const pixels = portraitPixels(width, height, seed);
  const encode = (quality: number) => sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer();
  // The largest quality that stays within the target.
  let lo = 5;
  let hi = 100;
  let best = await encode(lo);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const jpeg = await encode(mid);
    if (jpeg.length <= targetBytes) {
      best = jpeg;
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return { jpeg: new Uint8Array(best), width, height };
}

/** DG2 holding one synthetic portrait of about `imageBytes`. */
export async function syntheticDg2(imageBytes: number, seed?: number): Promise<Uint8Array> {
  const p = await syntheticPortrait(imageBytes, seed);
  return encodeDg2([{ image: p.jpeg, width: p.width, height: p.height }]);
}
