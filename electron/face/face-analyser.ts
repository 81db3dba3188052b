// One portrait image → its face: detection, landmarks, descriptor, age/sex estimate, the quality
// gate's measurements and the eye-aligned crop. The I/O edge of the face domain (sharp decoding,
// the engine's worker); the judgement lives in the pure modules next to it.
import sharp from 'sharp';
import { portraitName } from '../checks/portrait-names';
import { LoupeError } from '../common/loupe-error';
import type { Box } from '../contract/capture.contract';
import type { FaceQuality, PortraitKind } from '../contract/face.contract';
import { MAX_INPUT_PIXELS } from '../imaging/load-image';
import { alignRgb, type RgbPixels } from './face-align';
import { MAX_ENGINE_SIDE, type FaceEngine } from './face-engine';
import type { DetectedFace } from './face-engine-protocol';
import { alignedFrame } from './face-geometry';
import { faceImageStats, STATS_WIDTH } from './face-image-stats';
import { assessQuality, noFaceQuality } from './face-quality';

export interface FaceAnalysis {
  quality: FaceQuality;
  descriptor: number[] | null;
  estimatedAge: number | null;
  estimatedSex: 'M' | 'F' | null;
  sexProbability: number;
  /** Eye-aligned crop as JPEG (null without a face). */
  aligned: Buffer | null;
  /** Every face found, in the analysed image's pixels (unscaled), largest first. */
  faceBoxes: Box[];
  ms: { decode: number; engine: number; total: number };
}

/** Ghost images are enlarged to at least this side before detection. */
const GHOST_MIN_SIDE = 360;

/** Smallest image side the detector is given at all. */
const MIN_SIDE = 24;

/** Decodes (optionally a region of) an image to RGB, scaled so its long side is ≤ MAX_ENGINE_SIDE. */
export async function decodeRgb(input: Buffer | string, region?: Box | null, stretch = false): Promise<{ rgb: Uint8Array; width: number; height: number; scale: number }> {
  try {
    let image = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' }).autoOrient();
    let w: number;
    let h: number;
    if (region) {
      const meta = await image.metadata();
      const W = meta.autoOrient?.width ?? meta.width ?? 0;
      const H = meta.autoOrient?.height ?? meta.height ?? 0;
      const x = Math.max(0, Math.floor(region.x));
      const y = Math.max(0, Math.floor(region.y));
      w = Math.min(W, Math.ceil(region.x + region.w)) - x;
      h = Math.min(H, Math.ceil(region.y + region.h)) - y;
      if (w < 1 || h < 1) throw new LoupeError('face', 'InvalidInput', 'the portrait region lies outside the image');
      // Materialise the orientation first: extract() must see the upright image.
      const upright = await image.toBuffer();
      image = sharp(upright).extract({ left: x, top: y, width: w, height: h });
    } else {
      const meta = await image.metadata();
      w = meta.autoOrient?.width ?? meta.width ?? 0;
      h = meta.autoOrient?.height ?? meta.height ?? 0;
    }
    const scale = Math.min(1, MAX_ENGINE_SIDE / Math.max(w, h));
    if (scale < 1) image = image.resize({ width: Math.round(w * scale), height: Math.round(h * scale), fit: 'fill' });
    if (stretch) {
      // A ghost image is printed small and pale on purpose: stretch its contrast, smooth the
      // background print away, enlarge it and give it a margin, so the detector sees a face.
      const up = Math.max(1, GHOST_MIN_SIDE / Math.min(w * scale, h * scale));
      const gw = Math.round(w * scale * up);
      const gh = Math.round(h * scale * up);
      const pad = Math.round(Math.max(gw, gh) * 0.2);
      const flat = await image.flatten({ background: '#ffffff' }).resize({ width: gw, height: gh, fit: 'fill' }).png().toBuffer();
      image = sharp(await sharp(flat).normalise({ lower: 1, upper: 99 }).blur(0.8).png().toBuffer()).extend({ top: pad, bottom: pad, left: pad, right: pad, background: '#ffffff' });
      const { data, info } = await image.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
      return { rgb: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, scale: gw / w };
    }
    const { data, info } = await image.flatten({ background: '#ffffff' }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    return { rgb: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, scale: info.width / w };
  } catch (err) {
    if (err instanceof LoupeError) throw err;
    const msg = String((err as Error).message ?? err);
    if (/pixel limit/i.test(msg)) throw new LoupeError('imaging', 'ImageTooLarge', `image too large for face analysis (limit ${MAX_INPUT_PIXELS / 1e6} MP)`);
    throw new LoupeError('imaging', 'UnsupportedImage', `not a readable image (PNG, JPEG, WebP…): ${msg.split('\n')[0]}`);
  }
}

async function greyStats(rgb: Uint8Array, width: number, height: number, box: Box) {
  const x = Math.max(0, Math.floor(box.x));
  const y = Math.max(0, Math.floor(box.y));
  const w = Math.max(2, Math.min(width - x, Math.ceil(box.w)));
  const h = Math.max(2, Math.min(height - y, Math.ceil(box.h)));
  const { data, info } = await sharp(Buffer.from(rgb.buffer, rgb.byteOffset, rgb.length), { raw: { width, height, channels: 3 } })
    .extract({ left: x, top: y, width: w, height: h })
    .greyscale()
    .resize({ width: STATS_WIDTH })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return faceImageStats({ data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height), width: info.width, height: info.height });
}

const area = (f: DetectedFace) => f.box.w * f.box.h;

/** The image on a neutral grey margin of `pad` pixels on every side. */
function padRgb(src: RgbPixels, pad: number): RgbPixels {
  const width = src.width + 2 * pad;
  const height = src.height + 2 * pad;
  const data = new Uint8Array(width * height * 3).fill(128);
  for (let y = 0; y < src.height; y++) data.set(src.data.subarray(y * src.width * 3, (y + 1) * src.width * 3), ((y + pad) * width + pad) * 3);
  return { data, width, height };
}

/** Analyses the largest face in an image (or in a region of it). Bad images throw a LoupeError. */
export async function analyseFace(engine: FaceEngine, kind: PortraitKind, input: Buffer | string, region?: Box | null): Promise<FaceAnalysis> {
  const t0 = performance.now();
  const { rgb, width, height, scale } = await decodeRgb(input, region, kind === 'ghost');
  const decode = performance.now() - t0;
  const empty = (reason?: string): FaceAnalysis => ({
    quality: noFaceQuality(kind, reason),
    descriptor: null,
    estimatedAge: null,
    estimatedSex: null,
    sexProbability: 0,
    aligned: null,
    faceBoxes: [],
    ms: { decode, engine: 0, total: performance.now() - t0 },
  });
  if (Math.min(width, height) < MIN_SIDE) return empty(`${portraitName(kind)} too small for reliable comparison (${width}×${height} px)`);
  // Keep a copy for the statistics and the aligned crop: the engine takes ownership of its buffer.
  let img: RgbPixels = { data: new Uint8Array(rgb), width, height };
  let pad = 0;
  const t1 = performance.now();
  let { faces } = await engine.detect(rgb, width, height);
  if (!faces.length) {
    // The SSD detector misses faces that fill the whole frame (a close camera, a tight crop): give it
    // a margin and look again.
    pad = Math.round(Math.max(width, height) * 0.3);
    img = padRgb(img, pad);
    ({ faces } = await engine.detect(new Uint8Array(img.data), img.width, img.height));
  }
  const engineMs = performance.now() - t1;
  if (!faces.length) return { ...empty(), ms: { decode, engine: engineMs, total: performance.now() - t0 } };
  const sorted = [...faces].sort((a, b) => area(b) - area(a));
  const face = sorted[0]!;
  const stats = await greyStats(img.data, img.width, img.height, face.box);
  const quality = assessQuality(kind, face, faces.length, stats, scale);
  const aligned = alignRgb(img, alignedFrame(face.landmarks));
  const jpeg = await sharp(Buffer.from(aligned.data), { raw: { width: aligned.width, height: aligned.height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
  return {
    quality,
    descriptor: face.descriptor,
    estimatedAge: Math.round(face.age * 10) / 10,
    estimatedSex: face.gender === 'male' ? 'M' : 'F',
    sexProbability: face.genderProbability,
    aligned: jpeg,
    faceBoxes: sorted.map((f) => ({ x: (f.box.x - pad) / scale, y: (f.box.y - pad) / scale, w: f.box.w / scale, h: f.box.h / scale })),
    ms: { decode, engine: engineMs, total: performance.now() - t0 },
  };
}
