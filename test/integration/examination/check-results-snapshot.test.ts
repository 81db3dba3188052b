// The results of every check, pinned: the examination pipeline runs on bundled specimens and on
// forged ones made here with the specimen generator, with and without the infrared and ultraviolet
// images, with an MRZ from a reader and without a reference library, and the full check lists and
// layered verdicts are compared with the stored snapshot. Check ids, titles, layers, statuses and
// texts are what the officer reads, what reports print and what trend records and benchmarks refer
// to: a change in them must be deliberate (update the snapshot with `npx vitest run -u <this file>`).
// Real station database, real reference library, real OCR; the clock is fixed so expiry is stable.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Examination, Officer } from '../../../electron/contract/examination.contract';
import type { Light } from '../../../electron/contract/capture.contract';
import type { SpecimenTruth } from '../../../electron/contract/specimen.contract';
import { ExaminationService, type CaptureInput } from '../../../electron/examination/examination.service';
import { shutdownOcr } from '../../../electron/mrz/mrz-ocr-engine';
import { builtinReferenceDir, openReferenceLibrary } from '../../../electron/reference';
import type { ForgeryKind } from '../../../electron/specimens';
import { renderSpecimen, writeSpecimen } from '../../../electron/specimens';
import { openStationStore, type StationStore } from '../../../electron/store';
import { useTempDir } from '../../helpers/temp-dir';

const OFFICER: Officer = { name: 'Tove Lind', badge: 'S-118' };
const NOW = new Date('2026-01-01T00:00:00Z');
const BUNDLED = join(__dirname, '..', '..', '..', 'assets', 'specimens');
const ALL: Light[] = ['white', 'ir', 'uv'];
const dir = useTempDir('loupe-check-snapshot-');
let store: StationStore;
let withLibrary: ExaminationService;
let withoutLibrary: ExaminationService;
let withBrokenClass: ExaminationService;

interface Specimen {
  dir: string;
  truth: SpecimenTruth;
}

function bundled(id: string): Specimen {
  return { dir: BUNDLED, truth: JSON.parse(readFileSync(join(BUNDLED, `${id}.truth.json`), 'utf8')) as SpecimenTruth };
}

async function generated(name: string, seed: number, options: Parameters<typeof renderSpecimen>[2]): Promise<Specimen> {
  const rendered = await renderSpecimen(seed, 0, options);
  const out = join(dir, name);
  mkdirSync(out, { recursive: true });
  writeSpecimen(out, rendered);
  return { dir: out, truth: rendered.truth };
}

async function forged(kind: ForgeryKind, seed: number): Promise<Specimen> {
  const rendered = await renderSpecimen(seed, 0, { design: 'aurora-td3', degrade: 'light', forgery: kind });
  const out = join(dir, `forged-${kind}`);
  mkdirSync(out, { recursive: true });
  writeSpecimen(out, rendered);
  expect(rendered.truth.forgery?.kind).toBe(kind);
  return { dir: out, truth: rendered.truth };
}

function capture(s: Specimen, lights: Light[], opts: { mrzFromReader?: boolean } = {}): CaptureInput {
  return {
    source: 'test',
    images: lights.map((light) => ({ light, path: join(s.dir, s.truth.images[light]) })),
    ...(opts.mrzFromReader ? { mrzText: s.truth.mrz.lines } : {}),
  };
}

/** What the snapshot pins: every check result and the layered verdict (no timings, ids or dates). */
function pinned(exam: Examination) {
  return { checks: exam.checks, verdict: exam.verdict };
}

beforeAll(() => {
  store = openStationStore(join(dir, 'station'));
  const library = openReferenceLibrary({ builtinDir: builtinReferenceDir(), userDir: join(dir, 'user-ref') });
  withLibrary = new ExaminationService(store, 'test', library, () => NOW);
  withoutLibrary = new ExaminationService(store, 'test', null, () => NOW);
  // A user version of the shipped meridian-td3 class whose reference images were damaged on disk.
  const broken = join(dir, 'broken-ref', 'meridian-td3');
  cpSync(join(builtinReferenceDir(), 'meridian-td3'), broken, { recursive: true });
  const cls = JSON.parse(readFileSync(join(broken, 'class.json'), 'utf8')) as { version: number };
  writeFileSync(join(broken, 'class.json'), JSON.stringify({ ...cls, version: cls.version + 1 }, null, 2));
  writeFileSync(join(broken, 'white.png'), 'not an image\n');
  withBrokenClass = new ExaminationService(store, 'test', openReferenceLibrary({ builtinDir: builtinReferenceDir(), userDir: join(dir, 'broken-ref') }), () => NOW);
});

afterAll(async () => {
  await withLibrary.close();
  await withoutLibrary.close();
  await withBrokenClass.close();
  await shutdownOcr();
  store.close();
});

describe('check results of the examination pipeline', () => {
  it('genuine TD3 of a reference class that cannot be loaded', async () => {
    const specimen = await generated('meridian', 7103, { design: 'meridian-td3', degrade: 'light' });
    expect(pinned(await withBrokenClass.examine(capture(specimen, ALL), OFFICER))).toMatchSnapshot();
  }, 180_000);

  it('genuine TD3, white + infrared + ultraviolet', async () => {
    expect(pinned(await withLibrary.examine(capture(bundled('spc-9303-0000'), ALL), OFFICER))).toMatchSnapshot();
  }, 180_000);

  it('genuine TD2 (heavily degraded JPEG), white + infrared + ultraviolet', async () => {
    expect(pinned(await withLibrary.examine(capture(bundled('spc-9303-0002'), ALL), OFFICER))).toMatchSnapshot();
  }, 180_000);

  it('genuine TD1, white light only', async () => {
    expect(pinned(await withLibrary.examine(capture(bundled('spc-9303-0001'), ['white']), OFFICER))).toMatchSnapshot();
  }, 180_000);

  it('genuine TD3, infrared + ultraviolet, no white light', async () => {
    expect(pinned(await withLibrary.examine(capture(bundled('spc-9303-0000'), ['ir', 'uv']), OFFICER))).toMatchSnapshot();
  }, 180_000);

  it('genuine TD3, white + infrared, MRZ from a reader (no MRZ position on the page)', async () => {
    expect(pinned(await withLibrary.examine(capture(bundled('spc-9303-0000'), ['white', 'ir'], { mrzFromReader: true }), OFFICER))).toMatchSnapshot();
  }, 180_000);

  it('genuine TD1 on a station without a reference library', async () => {
    expect(pinned(await withoutLibrary.examine(capture(bundled('spc-9303-0001'), ALL), OFFICER))).toMatchSnapshot();
  }, 180_000);

  it('forged (MRZ altered), white + infrared + ultraviolet', async () => {
    expect(pinned(await withLibrary.examine(capture(await forged('mrz-alteration', 7101), ALL), OFFICER))).toMatchSnapshot();
  }, 180_000);

  it('forged (page of another series), white + infrared, no ultraviolet', async () => {
    expect(pinned(await withLibrary.examine(capture(await forged('other-series', 7102), ['white', 'ir']), OFFICER))).toMatchSnapshot();
  }, 180_000);
});
