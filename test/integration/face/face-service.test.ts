// The imposter check end to end on the Node side, with the real face engine (tfjs WebAssembly in its
// worker), a real station database and a real examination of a portrait specimen. Faces come from the
// sample photos installed with @vladmandic/face-api (read from node_modules, never committed).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Examination, Officer } from '../../../electron/contract/examination.contract';
import type { SpecimenTruth } from '../../../electron/contract/specimen.contract';
import { ExaminationService } from '../../../electron/examination/examination.service';
import { FaceService } from '../../../electron/face/face.service';
import { sharedFaceEngine, shutdownFaceEngine } from '../../../electron/face/face-engine';
import { vary } from '../../../electron/face/face-variations';
import { cropPortrait, sampleIndividuals, samplePhotoPaths, type SampleIndividual } from '../../../electron/face/sample-faces';
import { shutdownOcr } from '../../../electron/mrz/mrz-ocr-engine';
import { builtinReferenceDir, openReferenceLibrary } from '../../../electron/reference';
import { renderSpecimen, writeSpecimen } from '../../../electron/specimens';
import { PORTRAIT_ZOOM, pastePortrait } from '../../../electron/specimens/portrait-specimens';
import { openStationStore, type StationStore } from '../../../electron/store';
import { createReportHtml } from '../../../electron/report/report.service';
import { useTempDir } from '../../helpers/temp-dir';

const OFFICER: Officer = { name: 'Mira Holm', badge: 'F-220' };
const dir = useTempDir('loupe-face-');
const engine = sharedFaceEngine();
let store: StationStore;
let faces: FaceService;
let examinations: ExaminationService;
let holder: SampleIndividual;
let other: SampleIndividual;
let exam: Examination;

const b64 = (b: Buffer) => b.toString('base64');

beforeAll(async () => {
  store = openStationStore(join(dir, 'station'));
  const library = openReferenceLibrary({ builtinDir: builtinReferenceDir(), userDir: join(dir, 'user-ref') });
  examinations = new ExaminationService(store, 'test', library);
  faces = new FaceService(store, examinations.records, library, engine);
  const people = await sampleIndividuals(engine);
  // Two frontal faces from different sample photos (every variation passes the quality gate).
  holder = people.find((p) => p.id === 's6-f1')!;
  other = people.find((p) => p.id === 's2-f3')!;
  expect(holder && other).toBeTruthy();
  const rendered = await renderSpecimen(9303, 0, { format: 'TD3', degrade: 'none' });
  const specimens = join(dir, 'specimens');
  (await import('node:fs')).mkdirSync(specimens);
  writeSpecimen(specimens, rendered);
  await pastePortrait(specimens, rendered.truth as SpecimenTruth, await cropPortrait(holder, PORTRAIT_ZOOM));
  const t = rendered.truth;
  exam = await examinations.examine({ source: 'test', images: (['white', 'ir', 'uv'] as const).map((light) => ({ light, path: join(specimens, t.images[light]) })) }, OFFICER);
}, 180_000);

afterAll(async () => {
  await shutdownFaceEngine();
  await examinations.close();
  await shutdownOcr();
  store.close();
});

describe('face service', () => {
  it('finds the printed portrait and the ghost image through the identified class, bearer match still pending', async () => {
    expect(exam.identification).toBeTruthy();
    const analysed = await faces.analyse(exam.id, OFFICER);
    const kinds = analysed.face!.portraits.map((p) => [p.kind, p.locatedBy, p.quality.faceFound]);
    expect(kinds).toEqual([['printed', 'reference-zone', true], ['ghost', 'reference-zone', true]]);
    expect(analysed.face!.portraits.every((p) => p.alignedHash && store.imagePath(p.alignedHash))).toBe(true);
    const bearer = analysed.checks.find((c) => c.id === 'bearer.face')!;
    expect(bearer.status).toBe('not-performed');
    expect(bearer.explanation).toMatch(/No live capture/);
    const ghost = analysed.checks.find((c) => c.id === 'face.portrait-ghost');
    expect(ghost?.status).toBe('pass');
  });

  it('matches a live capture of the holder, and rejects another person', async () => {
    const live = await vary(await cropPortrait(holder, 2.6), 'cast');
    const same = await faces.addPortrait(exam.id, 'live', b64(await sharp(live).jpeg().toBuffer()), OFFICER);
    const pair = same.face!.comparisons.find((c) => c.a === 'printed' && c.b === 'live')!;
    expect(pair.band).toBe('match');
    expect(same.checks.find((c) => c.id === 'bearer.face')?.status).toBe('pass');
    expect(same.verdict.find((v) => v.layer === 'bearer-match')?.status).not.toBe('not-performed');
    // Live captures go into the station image store like other captures.
    expect(store.imagePath(same.face!.portraits.find((p) => p.kind === 'live')!.sourceHash)).toBeTruthy();

    const impostor = await faces.addPortrait(exam.id, 'live', b64(await sharp(await cropPortrait(other)).jpeg().toBuffer()), OFFICER);
    expect(impostor.face!.portraits.filter((p) => p.kind === 'live')).toHaveLength(1);
    expect(impostor.face!.comparisons.find((c) => c.a === 'printed' && c.b === 'live')?.band).toBe('no-match');
    expect(impostor.checks.find((c) => c.id === 'bearer.face')?.status).toBe('fail');
    expect(impostor.checks.filter((c) => c.id === 'bearer.face')).toHaveLength(1);
  });

  it('records the checklist and conclusion, and the report shows them with the portraits', async () => {
    const saved = faces.assess(exam.id, { checklist: [{ feature: 'ears', mark: 'different' }, { feature: 'nose', mark: 'cannot-tell' }], conclusion: 'different-person', notes: 'ear lobes differ' }, OFFICER);
    expect(saved.face!.assessment?.conclusion).toBe('different-person');
    const html = await createReportHtml(store.getExamination(exam.id)!, { station: 'test', imagePath: (h) => store.imagePath(h) });
    expect(html).toContain('Holder and portrait');
    expect(html).toContain('Different person');
    expect(html).toContain('ear lobes differ');
    expect(html.match(/<figure><img src="data:image\/jpeg;base64,/g)?.length).toBe(3);
  });

  it('keeps no descriptor in the examination or the audit log', () => {
    const stored = JSON.stringify(store.getExamination(exam.id));
    expect(stored).not.toMatch(/"descriptor"/i);
    expect(stored).not.toMatch(/(-?0\.\d+,){127}/);
    expect(JSON.stringify(store.auditLog(1000))).not.toMatch(/"descriptor"|(-?0\.\d+,){20}/i);
  });

  it('gives a clear result, never a crash, for images without a face, with several faces, tiny, huge or corrupt', async () => {
    const plain = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#8a9bb0' } }).jpeg().toBuffer();
    const noFace = await faces.addPortrait(exam.id, 'live', b64(plain), OFFICER);
    expect(noFace.checks.find((c) => c.id === 'bearer.face')?.status).toBe('not-performed');
    expect(noFace.checks.find((c) => c.id === 'bearer.face')?.explanation).toMatch(/no face found in the live capture/);

    const group = await sharp(samplePhotoPaths()[0]!).resize({ width: 1280 }).jpeg({ quality: 80 }).toBuffer();
    const crowd = await faces.addPortrait(exam.id, 'live', b64(group), OFFICER);
    const live = crowd.face!.portraits.find((p) => p.kind === 'live')!;
    expect(live.quality.faces).toBeGreaterThan(1);
    expect(live.quality.problems.join()).toMatch(/faces in the live capture: the largest was used/);

    const tiny = await sharp(await cropPortrait(holder)).resize({ width: 40 }).png().toBuffer();
    const small = await faces.addPortrait(exam.id, 'live', b64(tiny), OFFICER);
    expect(small.checks.find((c) => c.id === 'bearer.face')?.status).toBe('not-performed');
    expect(small.face!.portraits.find((p) => p.kind === 'live')!.quality.problems[0]).toMatch(/live capture (too small for reliable comparison|$)|no face found/);

    const huge = await sharp({ create: { width: 10000, height: 9000, channels: 3, background: '#777' } }).png({ compressionLevel: 9 }).toBuffer();
    await expect(faces.addPortrait(exam.id, 'live', b64(huge), OFFICER)).rejects.toMatchObject({ kind: 'ImageTooLarge' });
    const before = store.getExamination(exam.id);
    await expect(faces.addPortrait(exam.id, 'live', b64(Buffer.concat([plain.subarray(0, 200), Buffer.alloc(300, 7)])), OFFICER)).rejects.toMatchObject({ kind: 'UnsupportedImage' });
    await expect(faces.addPortrait(exam.id, 'live', b64(Buffer.from('definitely not an image at all')), OFFICER)).rejects.toMatchObject({ kind: 'UnsupportedImage' });
    // A refused image loses nothing: the examination is as it was.
    expect(store.getExamination(exam.id)).toEqual(before);
    writeFileSync(join(dir, 'last.json'), JSON.stringify(before));
    expect(readFileSync(join(dir, 'last.json'), 'utf8').length).toBeGreaterThan(100);
  });

  it('keeps a review and a decision recorded while the analysis runs, and audits each change', async () => {
    const running = faces.analyse(exam.id, OFFICER);
    // Recorded after the analysis has read the examination, before it saves its result.
    examinations.review(exam.id, { checkId: 'mrz.b900', verdict: 'confirmed', reason: 'MRZ dark under the IR lamp' }, OFFICER);
    examinations.decide(exam.id, { verdict: 'genuine', reasons: ['all features present'], notes: '' }, OFFICER);
    const analysed = await running;
    expect(analysed.face?.analysedAt).toBeTruthy();
    expect(analysed.reviews?.map((r) => [r.checkId, r.verdict])).toEqual([['mrz.b900', 'confirmed']]);
    expect(analysed.decision?.verdict).toBe('genuine');
    expect(store.getExamination(exam.id)).toEqual(analysed);
    const actions = store.auditLog(20).filter((e) => e.subject === exam.id).map((e) => e.action);
    expect(actions.slice(0, 3).sort()).toEqual(['examination.decide', 'face.compare', 'finding.review']);
  });

  it('uses the station threshold when one is set', async () => {
    expect(faces.settings().threshold).toEqual(faces.settings().defaultThreshold);
    faces.settings({ distance: 1.4, margin: 0 });
    const lenient = await faces.analyse(exam.id, OFFICER);
    expect(lenient.face!.threshold).toEqual({ distance: 1.4, margin: 0 });
  });
});
