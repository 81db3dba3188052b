// Capture defects, so specimens look like real scans: page rotation and perspective, lower
// resolution, lens blur, uneven illumination, sensor noise, JPEG compression. Geometry, blur and
// illumination are shared by the three lights (one pass on one reader); noise is drawn per light.
import sharp from 'sharp';
import type { Light } from '../contract/capture.contract';
import type { DegradeLevel } from '../contract/specimen.contract';
import type { Rng } from './prng';
import { createRng, deriveSeed } from './prng';
import { homographyFromPoints, warpImages, type Matrix3, type Point, type RawImage } from './projective-warp';

export interface DegradePlan {
  level: Exclude<DegradeLevel, 'none'>;
  rotationDeg: number;
  /** Corner displacements as fractions of the page width/height (TL, TR, BR, BL). */
  corners: Point[];
  outDpi: number;
  marginMm: number;
  blurSigma: number;
  illumination: { gradient: number; angleDeg: number; vignette: number };
  noiseSigma: number;
  jpegQuality: number | null;
}

export interface DegradeResult {
  images: Record<Light, RawImage>;
  applied: { kind: string; params: Record<string, unknown> }[];
  output: { widthPx: number; heightPx: number; dpi: number };
}

const round = (n: number, digits = 3): number => Math.round(n * 10 ** digits) / 10 ** digits;

export function planDegradation(level: Exclude<DegradeLevel, 'none'>, rng: Rng, dpi: number): DegradePlan {
  const sign = (): number => (rng.chance(0.5) ? -1 : 1);
  if (level === 'light') {
    return {
      level,
      rotationDeg: round(sign() * rng.range(0.15, 1)),
      corners: [[0, 0], [0, 0], [0, 0], [0, 0]],
      outDpi: dpi,
      marginMm: 3,
      blurSigma: round(rng.range(0.5, 0.8)),
      illumination: { gradient: round(rng.range(0.04, 0.08)), angleDeg: round(rng.range(0, 360), 1), vignette: round(rng.range(0.03, 0.06)) },
      noiseSigma: round(rng.range(2, 4), 2),
      jpegQuality: rng.int(84, 92),
    };
  }
  const jitter = (): number => round(rng.range(-0.02, 0.02), 4);
  return {
    level,
    rotationDeg: round(sign() * rng.range(1.5, 4)),
    corners: [0, 1, 2, 3].map((): Point => [jitter(), jitter()]),
    outDpi: Math.min(dpi, rng.int(200, 250)),
    marginMm: 6,
    blurSigma: round(rng.range(1.0, 1.5)),
    illumination: { gradient: round(rng.range(0.12, 0.2)), angleDeg: round(rng.range(0, 360), 1), vignette: round(rng.range(0.12, 0.2)) },
    noiseSigma: round(rng.range(6, 9), 2),
    jpegQuality: rng.int(50, 70),
  };
}

/** Where the page corners land in the output image, and the homography page px → output px. */
export function placePage(plan: DegradePlan, dpi: number, widthPx: number, heightPx: number) {
  const s = plan.outDpi / dpi;
  const margin = (plan.marginMm / 25.4) * plan.outDpi;
  const outW = Math.round(widthPx * s + 2 * margin);
  const outH = Math.round(heightPx * s + 2 * margin);
  const theta = (plan.rotationDeg * Math.PI) / 180;
  const [cx, cy] = [outW / 2, outH / 2];
  const src: Point[] = [[0, 0], [widthPx, 0], [widthPx, heightPx], [0, heightPx]];
  const dst = src.map(([x, y], i): Point => {
    const [jx, jy] = plan.corners[i] as Point;
    const dx = (x - widthPx / 2) * s + jx * widthPx * s;
    const dy = (y - heightPx / 2) * s + jy * heightPx * s;
    return [cx + dx * Math.cos(theta) - dy * Math.sin(theta), cy + dx * Math.sin(theta) + dy * Math.cos(theta)];
  });
  return { outW, outH, homography: homographyFromPoints(src, dst), corners: dst };
}

// Precomputed standard normal deviates: drawing millions of Box–Muller samples per page is too slow.
const GAUSS = (() => {
  const rng = createRng(0x9e3779b9);
  return Float32Array.from({ length: 1 << 16 }, () => rng.gauss());
})();

function illuminationField(plan: DegradePlan, w: number, h: number): Float32Array {
  const field = new Float32Array(w * h);
  const a = (plan.illumination.angleDeg * Math.PI) / 180;
  const [dx, dy] = [Math.cos(a), Math.sin(a)];
  const half = Math.hypot(w, h) / 2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const rx = (x - w / 2) / half;
      const ry = (y - h / 2) / half;
      const along = (rx * dx + ry * dy + 1) / 2; // 0..1 across the page
      field[y * w + x] = 1 - plan.illumination.gradient * along - plan.illumination.vignette * (rx * rx + ry * ry);
    }
  }
  return field;
}

function shadeAndNoise(img: RawImage, field: Float32Array, sigma: number, seed: number): void {
  // Fixed-point arithmetic (12 fractional bits) and a clamped view: this loop touches every sample.
  const noise = new Int32Array(GAUSS.length);
  for (let i = 0; i < noise.length; i++) noise[i] = Math.round((GAUSS[i] as number) * sigma * 4096);
  const gain = new Int32Array(field.length);
  for (let p = 0; p < field.length; p++) gain[p] = Math.round((field[p] as number) * 4096);
  const out = new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length);
  const { channels } = img;
  let state = seed | 0 || 1;
  // One deviate per pixel, shared by its channels: luminance noise, as a reader's JPEG pipeline
  // leaves it (chroma noise is mostly averaged away by subsampling). Halves the work, too.
  for (let p = 0, i = 0; p < gain.length; p++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const g = gain[p] as number;
    const n = (noise[state & 0xffff] as number) + 2048;
    for (let c = 0; c < channels; c++, i++) out[i] = ((out[i] as number) * g + n) >> 12;
  }
}

async function blur(img: RawImage, sigma: number): Promise<RawImage> {
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels as 1 | 3 } })
    .blur(sigma)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: info.channels };
}

/** Scanner bed behind the page under each light. */
const BED: Record<Light, number[]> = { white: [52, 54, 58], ir: [46], uv: [10, 8, 18] };

export async function applyDegradation(plan: DegradePlan, images: Record<Light, RawImage>, dpi: number, seed: number): Promise<DegradeResult> {
  const { white } = images;
  const place = placePage(plan, dpi, white.width, white.height);
  const order: Light[] = ['white', 'ir', 'uv'];
  const warped = warpImages(order.map((l) => images[l]), place.homography, place.outW, place.outH, order.map((l) => BED[l]));
  const blurred = await Promise.all(warped.map((img) => blur(img, plan.blurSigma)));
  const field = illuminationField(plan, place.outW, place.outH);
  blurred.forEach((img, i) => shadeAndNoise(img, field, plan.noiseSigma, deriveSeed(seed, 'noise', order[i] as string)));
  const [w, ir, uv] = blurred as [RawImage, RawImage, RawImage];
  const applied: DegradeResult['applied'] = [
    {
      kind: 'perspective-warp',
      params: {
        rotationDeg: plan.rotationDeg,
        cornerOffsets: plan.corners,
        marginMm: plan.marginMm,
        pageCornersPx: place.corners.map(([x, y]) => [round(x, 2), round(y, 2)]),
        homography: place.homography.map((v) => round(v, 9)) as Matrix3,
      },
    },
  ];
  if (plan.outDpi !== dpi) applied.push({ kind: 'resample', params: { fromDpi: dpi, toDpi: plan.outDpi, interpolation: 'bilinear' } });
  applied.push({ kind: 'blur', params: { sigma: plan.blurSigma, unit: 'output px' } });
  applied.push({ kind: 'illumination', params: { ...plan.illumination } });
  applied.push({ kind: 'noise', params: { sigma: plan.noiseSigma, distribution: 'gaussian', perLight: true, channels: 'luminance' } });
  if (plan.jpegQuality !== null) applied.push({ kind: 'jpeg', params: { quality: plan.jpegQuality } });
  return { images: { white: w, ir, uv }, applied, output: { widthPx: place.outW, heightPx: place.outH, dpi: plan.outDpi } };
}

