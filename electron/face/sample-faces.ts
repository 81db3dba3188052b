// Faces for tests, the benchmark and portrait specimens, taken at run time from the sample photos that
// ship inside the installed face package (no photo of a person is stored in this repository). Each
// sample is a group photo; every face the detector finds there is one individual.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import type { Box } from '../contract/capture.contract';
import { decodeRgb } from './face-analyser';
import type { FaceEngine } from './face-engine';

const require = createRequire(import.meta.url);

/** The sample photos of @vladmandic/face-api (demo/sample1.jpg … sample6.jpg), those that exist. */
export function samplePhotoPaths(): string[] {
  const root = dirname(require.resolve('@vladmandic/face-api/package.json'));
  return [1, 2, 3, 4, 5, 6].map((i) => join(root, 'demo', `sample${i}.jpg`)).filter((p) => existsSync(p));
}

export interface SampleIndividual {
  /** `s<photo>-f<face>`: stable across runs (faces ordered left to right). */
  id: string;
  photo: string;
  /** The detected face box in the sample photo. */
  face: Box;
}

/** Detects the individuals in every sample photo (faces with a confident detection, left to right). */
export async function sampleIndividuals(engine: FaceEngine): Promise<SampleIndividual[]> {
  const out: SampleIndividual[] = [];
  const photos = samplePhotoPaths();
  for (let p = 0; p < photos.length; p++) {
    const { rgb, width, height, scale } = await decodeRgb(photos[p]!);
    const { faces } = await engine.detect(rgb, width, height, 20);
    const boxes = faces
      .filter((f) => f.score >= 0.6)
      .map((f) => ({ x: f.box.x / scale, y: f.box.y / scale, w: f.box.w / scale, h: f.box.h / scale }))
      .sort((a, b) => a.x - b.x);
    boxes.forEach((face, i) => out.push({ id: `s${p + 1}-f${i + 1}`, photo: photos[p]!, face }));
  }
  return out;
}

/** A portrait-shaped crop (3:4) around a face; `zoom` = crop width / face width. */
export async function cropPortrait(individual: SampleIndividual, zoom = 2.3, offset: { dx: number; dy: number } = { dx: 0, dy: 0 }): Promise<Buffer> {
  const meta = await sharp(individual.photo).metadata();
  const W = meta.width ?? 0;
  const H = meta.height ?? 0;
  const f = individual.face;
  const w = f.w * zoom;
  const h = (w * 4) / 3;
  const cx = f.x + f.w / 2 + offset.dx * f.w;
  const cy = f.y + f.h * 0.45 + offset.dy * f.h;
  const left = Math.round(Math.max(0, Math.min(W - w, cx - w / 2)));
  const top = Math.round(Math.max(0, Math.min(H - h, cy - h / 2)));
  return sharp(individual.photo)
    .extract({ left, top, width: Math.round(Math.min(w, W - left)), height: Math.round(Math.min(h, H - top)) })
    .png()
    .toBuffer();
}
