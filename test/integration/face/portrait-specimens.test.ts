// Genuine documents with real faces: the portrait specimens (the generator's pages with faces from
// the sample photos installed with @vladmandic/face-api) pass every security-feature check — a real
// portrait's own edge is not a cut, and a portrait in ink that drops out under infrared is not
// pasted into the infrared image — while a photo glued over the page is still caught; and the
// document's own portrait is held against the MRZ's age and sex. Real face engine, real station
// database, real reference library, real OCR.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Examination, Officer } from '../../../electron/contract/examination.contract';
import type { SpecimenTruth } from '../../../electron/contract/specimen.contract';
import { ExaminationService } from '../../../electron/examination/examination.service';
import { sharedFaceEngine, shutdownFaceEngine } from '../../../electron/face/face-engine';
import { FaceService } from '../../../electron/face/face.service';
import { cropPortrait, sampleIndividuals } from '../../../electron/face/sample-faces';
import { printAndScan } from '../../../electron/face/face-variations';
import { shutdownOcr } from '../../../electron/mrz/mrz-ocr-engine';
import { builtinReferenceDir, openReferenceLibrary } from '../../../electron/reference';
import { renderSpecimen, writeSpecimen } from '../../../electron/specimens';
import { PORTRAIT_ZOOM, ensurePortraitSpecimens } from '../../../electron/specimens/portrait-specimens';
import { openStationStore, type StationStore } from '../../../electron/store';
import { useTempDir } from '../../helpers/temp-dir';

const OFFICER: Officer = { name: 'Mira Holm', badge: 'F-220' };
const dir = useTempDir('loupe-portrait-specimens-');
const engine = sharedFaceEngine();
let store: StationStore;
let examinations: ExaminationService;
let faces: FaceService;
let specimens: string;
const exams = new Map<string, Examination>();

interface IndexEntry {
  id: string;
  design: string;
  individual: string;
  images: Record<'white' | 'ir' | 'uv', string>;
}

const examine = (folder: string, images: Record<'white' | 'ir' | 'uv', string>) =>
  examinations.examine({ source: 'test', images: (['white', 'ir', 'uv'] as const).map((light) => ({ light, path: join(folder, images[light]) })) }, OFFICER);
const status = (exam: Examination, id: string) => exam.checks.find((c) => c.id === id)?.status;

beforeAll(async () => {
  store = openStationStore(join(dir, 'station'));
  const library = openReferenceLibrary({ builtinDir: builtinReferenceDir(), userDir: join(dir, 'user-ref') });
  examinations = new ExaminationService(store, 'test', library);
  faces = new FaceService(store, examinations.records, library, engine);
  specimens = await ensurePortraitSpecimens(join(dir, 'portrait-specimens'), engine);
  const index = JSON.parse(readFileSync(join(specimens, 'index.json'), 'utf8')) as { specimens: IndexEntry[] };
  for (const entry of index.specimens) exams.set(entry.id, await examine(specimens, entry.images));
}, 240_000);

afterAll(async () => {
  await shutdownFaceEngine();
  await examinations.close();
  await shutdownOcr();
  store.close();
});

describe('portrait specimens', () => {
  it('pass the IR features and the photo zone, whatever the design prints its portrait with', () => {
    const index = JSON.parse(readFileSync(join(specimens, 'index.json'), 'utf8')) as { specimens: IndexEntry[] };
    // meridian-td3 prints its portrait in ink that drops out under infrared (class zone: ir invisible).
    expect(index.specimens.map((s) => s.design)).toContain('meridian-td3');
    const outcome = (id: string) => ['document.identification', 'ir.features', 'photo.substitution'].map((check) => status(exams.get(id)!, check));
    expect(index.specimens.map((s) => [s.design, ...outcome(s.id)])).toEqual(index.specimens.map((s) => [s.design, 'pass', 'pass', 'pass']));
    for (const entry of index.specimens) expect(exams.get(entry.id)!.overall?.findings.filter((f) => f.status === 'fail')).toEqual([]);
  });

  it('still catch a real face glued over the page: the cut edge lies on the print around the portrait', async () => {
    const rendered = await renderSpecimen(9303, 1, { format: 'TD3', degrade: 'none', design: 'meridian-td3' });
    const folder = join(dir, 'glued');
    mkdirSync(folder, { recursive: true });
    writeSpecimen(folder, rendered);
    const truth = rendered.truth as SpecimenTruth;
    const photo = truth.regions.find((r) => r.kind === 'photo')!.box;
    const [person] = await sampleIndividuals(engine);
    // A photo on its own sheet, 1 mm (12 px) larger than the portrait on every side, glued over the
    // zone: the sheet's cut edge and its shadow lie on the print around the portrait.
    const pad = 12;
    const w = photo.w + 2 * pad;
    const h = photo.h + 2 * pad;
    const face = await sharp(await cropPortrait(person!, PORTRAIT_ZOOM)).resize({ width: photo.w, height: photo.h, fit: 'cover', position: 'north' }).png().toBuffer();
    const shadow = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w + 8}" height="${h + 8}"><filter id="b"><feGaussianBlur stdDeviation="1.2"/></filter><rect x="3" y="4" width="${w}" height="${h}" fill="#000" fill-opacity="0.45" filter="url(#b)"/></svg>`);
    const sheet = await sharp({ create: { width: w, height: h, channels: 3, background: '#f4f1ea' } })
      .composite([
        { input: await printAndScan(face, { halftone: 3, blur: 0.6 }), left: pad, top: pad },
        { input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect x="0.5" y="0.5" width="${w - 1}" height="${h - 1}" fill="none" stroke="#8a8a8a" stroke-width="1"/></svg>`), left: 0, top: 0 },
      ])
      .png()
      .toBuffer();
    const white = join(folder, truth.images.white);
    const glued = await sharp(white)
      .composite([
        { input: shadow, left: photo.x - pad, top: photo.y - pad },
        { input: sheet, left: photo.x - pad, top: photo.y - pad },
      ])
      .png()
      .toBuffer();
    await sharp(glued).toFile(`${white}.glued.png`);
    const exam = await examine(folder, { ...truth.images, white: `${truth.images.white}.glued.png` });
    const check = exam.checks.find((c) => c.id === 'photo.substitution')!;
    expect(check.status).toBe('fail');
    expect(check.evidence.map((e) => e.note).join()).toMatch(/straight cut or shadow line around the portrait/);
  }, 120_000);

  it('hold the printed portrait against the MRZ: a young woman’s face in a 1956 male passport is a hint', async () => {
    const [first] = (JSON.parse(readFileSync(join(specimens, 'index.json'), 'utf8')) as { specimens: IndexEntry[] }).specimens;
    const exam = exams.get(first!.id)!;
    expect([exam.mrz?.fields.birthDate, exam.mrz?.fields.sex]).toEqual(['560305', 'M']);
    const analysed = await faces.analyse(exam.id, OFFICER);
    const printed = analysed.face!.portraits.find((p) => p.kind === 'printed')!;
    expect(printed.estimatedSex).toBe('F');
    expect(printed.estimatedAge).toBeLessThan(50);
    // No live capture: the holder's face is not compared, but the document's own portrait is.
    expect(status(analysed, 'bearer.face')).toBe('not-performed');
    const plausibility = analysed.checks.find((c) => c.id === 'bearer.face-plausibility')!;
    expect(plausibility.status).toBe('warn');
    expect(plausibility.measured).toMatch(/the printed portrait looks about \d+ years old; the date of birth gives 6\d–7\d/);
    expect(analysed.overall?.findings.map((f) => f.checkId)).toContain('bearer.face-plausibility');
  }, 60_000);
});
