// Portrait specimens: synthetic documents whose photo zone and ghost image carry a real face, taken at
// run time from the sample photos installed with the face package (never committed). An opt-in step
// after the specimen generator, whose default output stays byte for byte what it was: it rewrites
// the white and infrared images of undegraded specimens in place and writes an index.json the
// virtual scanner can serve.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { LoupeError } from '../common/loupe-error';
import { makePrivateDir, tightenPrivateTree } from '../common/private-files';
import type { Box } from '../contract/capture.contract';
import type { SpecimenTruth } from '../contract/specimen.contract';
import { analyseFace } from '../face/face-analyser';
import type { FaceEngine } from '../face/face-engine';
import { printAndScan } from '../face/face-variations';
import { cropPortrait, sampleIndividuals, type SampleIndividual } from '../face/sample-faces';
import { designById } from './specimen-designs';
import { generateSpecimens } from './specimen-generator';

/** Crop width / face width of a document portrait: the face fills most of the photo zone. */
export const PORTRAIT_ZOOM = 1.8;

/** Individuals whose cropped portrait passes the quality gate (frontal enough, sharp, lit). */
export async function usableIndividuals(engine: FaceEngine): Promise<SampleIndividual[]> {
  const out: { person: SampleIndividual; off: number }[] = [];
  for (const person of await sampleIndividuals(engine)) {
    const a = await analyseFace(engine, 'printed', await cropPortrait(person));
    if (a.quality.usable && Math.abs(a.quality.yawDeg) < 20 && Math.abs(a.quality.rollDeg) < 15) out.push({ person, off: Math.abs(a.quality.yawDeg) + Math.abs(a.quality.rollDeg) });
  }
  if (!out.length) throw new LoupeError('face', 'NoSampleFaces', 'no usable face in the sample photos of @vladmandic/face-api');
  // Most frontal first: a document portrait faces the camera (ICAO 9303 Part 3 §3.9).
  return out.sort((a, b) => a.off - b.off).map((o) => o.person);
}

async function fit(face: Buffer, box: Box): Promise<Buffer> {
  return sharp(face).resize({ width: Math.round(box.w), height: Math.round(box.h), fit: 'cover', position: 'north' }).png().toBuffer();
}

/** Pastes `face` into the photo zone (printed look) and the ghost zone (pale, grey) of one specimen. */
export async function pastePortrait(dir: string, truth: SpecimenTruth, face: Buffer): Promise<void> {
  if (truth.degradation.level !== 'none') throw new LoupeError('face', 'InvalidInput', `portraits need undegraded specimens (${truth.id} is '${truth.degradation.level}')`);
  const sx = truth.degradation.output.widthPx / truth.page.widthPx;
  const sy = truth.degradation.output.heightPx / truth.page.heightPx;
  const scaled = (b: Box): Box => ({ x: Math.round(b.x * sx), y: Math.round(b.y * sy), w: Math.round(b.w * sx), h: Math.round(b.h * sy) });
  const photo = truth.regions.find((r) => r.kind === 'photo');
  if (!photo) throw new LoupeError('face', 'InvalidInput', `${truth.id} has no photo zone`);
  const ghost = truth.regions.find((r) => r.kind === 'ghost');
  const p = scaled(photo.box);
  const printed = await printAndScan(await fit(face, p), { halftone: 3, blur: 0.6 });
  // Under infrared the portrait shows only where the design prints it in IR-absorbing (carbon-based)
  // ink; otherwise its dyes drop out, as the class's reference says (zone expectation ir: invisible),
  // and the infrared image keeps the design's own (empty) portrait area.
  const irPortrait = designById(truth.design).ir.portrait;
  const layers: OverlayOptions[] = [{ input: await sharp(printed).png().toBuffer(), left: p.x, top: p.y }];
  const irLayers: OverlayOptions[] = irPortrait ? [{ input: await sharp(printed).greyscale().png().toBuffer(), left: p.x, top: p.y }] : [];
  if (ghost) {
    const g = scaled(ghost.box);
    // A ghost image is a light, single-tone copy of the portrait; it replaces the design's placeholder.
    const pale = await sharp(await fit(face, g)).greyscale().linear(0.55, 105).blur(0.5).png().toBuffer();
    layers.push({ input: pale, left: g.x, top: g.y });
    if (irPortrait) irLayers.push({ input: pale, left: g.x, top: g.y });
  }
  for (const [file, overlays] of [[truth.images.white, layers], [truth.images.ir, irLayers]] as const) {
    if (overlays.length === 0) continue;
    const path = join(dir, file);
    const bytes = await readFile(path);
    const meta = await sharp(bytes).metadata();
    const out = await sharp(bytes).composite(overlays).withMetadata({ density: meta.density ?? truth.dpi }).png().toBuffer();
    await writeFile(path, out);
  }
}

/** Gives every specimen a face (individual i mod n) and writes the virtual scanner's index.json. */
export async function addPortraits(dir: string, truths: SpecimenTruth[], engine: FaceEngine): Promise<{ id: string; individual: string }[]> {
  const people = await usableIndividuals(engine);
  const out: { id: string; individual: string }[] = [];
  for (const [i, truth] of truths.entries()) {
    const person = people[i % people.length]!;
    await pastePortrait(dir, truth, await cropPortrait(person, PORTRAIT_ZOOM));
    out.push({ id: truth.id, individual: person.id });
  }
  const index = {
    schema: 'loupe.specimen-index/1',
    generator: 'loupe specimen --portraits',
    // `individual` names the sample face (s<photo>-f<face>), so drills and tests can show the holder.
    specimens: truths.map((t, i) => ({ id: t.id, format: t.format, design: t.design, degrade: t.degradation.level, truth: `${t.id}.truth.json`, images: t.images, individual: out[i]!.individual })),
  };
  await writeFile(join(dir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  return out;
}

/** Portrait specimens for the virtual scanner, generated into `dir` on first use (TD3 and TD1, seed 9303). */
export async function ensurePortraitSpecimens(dir: string, engine: FaceEngine): Promise<string> {
  if (existsSync(join(dir, 'index.json'))) return dir;
  makePrivateDir(dir);
  const td3 = await generateSpecimens({ outDir: dir, count: 2, seed: 9303, format: 'TD3', degrade: 'none' });
  const td1 = await generateSpecimens({ outDir: dir, count: 1, seed: 9304, format: 'TD1', degrade: 'none' });
  await addPortraits(dir, [...td3, ...td1], engine);
  // The generator writes with ordinary modes; this folder is in the station's data folder (faces of
  // real people), so it is made private like the rest before the scanner serves it.
  tightenPrivateTree(dir);
  return dir;
}
