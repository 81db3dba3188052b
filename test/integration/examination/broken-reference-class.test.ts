// A reference class that cannot be loaded (its files damaged on disk after import, or written by an
// older release without the import checks) never stops an examination: identification leaves it
// out, documents of other designs are examined in full, and a document that may belong to it gets
// its class-bound checks 'not-performed' with the reason and a warning the officer sees. Real
// station database, real library folders, real specimens from the generator, real OCR.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../../electron/checks/check-ids';
import { classedChecks } from '../../../electron/checks/check-registry';
import type { Examination, Officer } from '../../../electron/contract/examination.contract';
import { ExaminationService } from '../../../electron/examination/examination.service';
import { shutdownOcr } from '../../../electron/mrz/mrz-ocr-engine';
import { builtinReferenceDir, openReferenceLibrary, type ReferenceLibrary } from '../../../electron/reference';
import { renderSpecimen, writeSpecimen } from '../../../electron/specimens';
import { openStationStore, type StationStore } from '../../../electron/store';
import { useTempDir } from '../../helpers/temp-dir';

const OFFICER: Officer = { name: 'Ilse Varga', badge: 'R-310' };
const BROKEN = 'meridian-td3';
const dir = useTempDir('loupe-broken-ref-');
const userDir = join(dir, 'station', 'reference');
let store: StationStore;
let library: ReferenceLibrary;
let examinations: ExaminationService;

/** Writes a specimen of `design` with the generator and examines it as the workstation does. */
async function examineDesign(design: string, seed: number): Promise<Examination> {
  const rendered = await renderSpecimen(seed, 0, { design, degrade: 'light' });
  const out = join(dir, `specimen-${design}`);
  mkdirSync(out, { recursive: true });
  writeSpecimen(out, rendered);
  const images = (['white', 'ir', 'uv'] as const).map((light) => ({ light, path: join(out, rendered.truth.images[light]) }));
  return examinations.examine({ source: 'test', images }, OFFICER);
}

beforeAll(() => {
  // The shipped meridian-td3 class, as a newer user version whose reference images were damaged on
  // disk: the white image cut in half (its PNG header still reads), the UV image not an image at all.
  const builtin = join(builtinReferenceDir(), BROKEN);
  const copy = join(userDir, BROKEN);
  mkdirSync(userDir, { recursive: true });
  cpSync(builtin, copy, { recursive: true });
  const cls = JSON.parse(readFileSync(join(copy, 'class.json'), 'utf8')) as { version: number };
  writeFileSync(join(copy, 'class.json'), JSON.stringify({ ...cls, version: cls.version + 1 }, null, 2));
  const white = readFileSync(join(builtin, 'white.png'));
  writeFileSync(join(copy, 'white.png'), white.subarray(0, Math.floor(white.length / 2)));
  writeFileSync(join(copy, 'uv.png'), 'these are not the reference images you are looking for\n');

  store = openStationStore(join(dir, 'station'));
  library = openReferenceLibrary({ builtinDir: builtinReferenceDir(), userDir });
  examinations = new ExaminationService(store, 'test', library);
});

afterAll(async () => {
  await examinations.close();
  await shutdownOcr();
  store.close();
});

describe('a reference class that cannot be loaded', () => {
  it('is left out of identification: a document of another design is examined in full', async () => {
    // aurora-td3 and meridian-td3 are both TD3 passports: the broken class is one of the MRZ's candidates.
    const exam = await examineDesign('aurora-td3', 611);
    expect(exam.document.format).toBe('TD3');
    expect(exam.identification?.classId).toBe('aurora-td3');
    const classed = exam.checks.filter((c) => classedChecks.some((k) => k.id === c.id));
    expect(classed).toHaveLength(classedChecks.length);
    for (const check of classed) expect(check.status, `${check.id}: ${check.explanation}`).not.toBe('not-performed');
    expect(classed.find((c) => c.id === CHECK_IDS.identification)?.status).toBe('pass');
    expect(exam.warnings ?? []).toEqual([]);
  }, 120_000);

  it('leaves the class-bound checks not performed, with the reason and a warning, for a document of its design', async () => {
    const exam = await examineDesign(BROKEN, 612);
    expect(exam.mrz?.format).toBe('TD3');
    expect(exam.identification).toBeNull();
    for (const check of classedChecks) {
      const result = exam.checks.find((c) => c.id === check.id);
      expect(result?.status, check.id).toBe('not-performed');
      expect(result?.explanation, check.id).toMatch(/reference class meridian-td3 could not be loaded: /i);
      // Never a finding against the document: the page was not compared with anything.
      expect(result?.explanation).not.toMatch(/another series|counterfeit/);
    }
    // The generic checks still ran on the capture.
    expect(exam.checks.find((c) => c.id === CHECK_IDS.mrzB900)?.status).not.toBe('not-performed');
    expect(exam.warnings).toEqual([{ kind: 'reference-class-unavailable', classId: BROKEN, reason: expect.stringMatching(/white reference image 'white.png'/) }]);
    // No internal path of the station in what the officer reads.
    for (const text of [...exam.checks.map((c) => c.explanation), ...(exam.warnings ?? []).map((w) => w.reason)]) expect(text).not.toContain(dir);
    // Stored as shown.
    expect(store.getExamination(exam.id)?.warnings).toEqual(exam.warnings);
  }, 120_000);

  it('is listed as broken with its reason, next to the classes that load', async () => {
    const summaries = await library.summaries();
    expect(summaries.find((c) => c.id === BROKEN)).toMatchObject({ source: 'user', broken: { reason: expect.stringMatching(/white reference image 'white.png' .*could not be decoded/) } });
    expect(summaries.filter((c) => c.id !== BROKEN).every((c) => c.broken === null)).toBe(true);
  });
});
