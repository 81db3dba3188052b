// A class learned from white-light pages made by others (the development set, ../shared/mrz-real-dev:
// 12 pages per design, the same page template with other holders' MRZ, `NN.txt` the true MRZ):
// learned from 3 pages of one design, grown to 6, it identifies that design's other pages through
// the examination's own path, no page of another design, and it does so at a second station that
// imported it as a signed package. Its IR and UV checks say why they were not performed.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentClass } from '../../../electron/contract/reference.contract';
import { CHECK_IDS } from '../../../electron/checks/check-ids';
import { decodeCaptureImages } from '../../../electron/checks/generic/decode-capture';
import { SecurityCheckRunner } from '../../../electron/examination/security-checks';
import { identifyDocument, isUnknown } from '../../../electron/identify';
import { LearningService } from '../../../electron/learning/learning.service';
import { readMrzFromImage } from '../../../electron/mrz/mrz-image-reader';
import { shutdownOcr } from '../../../electron/mrz/mrz-ocr-engine';
import { builtinReferenceDir, exportPackage, importPackage, openReferenceLibrary, userReferenceDir, type ReferenceLibrary } from '../../../electron/reference';
import { loadOrCreateStationKey } from '../../../electron/trust/station-key';
import { useStationTrusts } from '../../helpers/station-trust';
import { useTempDir } from '../../helpers/temp-dir';
import { DEV_SET, devSetMissing } from '../../helpers/dev-set';

const DESIGN = 'D';
const OTHERS = ['BEL', 'CAN', 'CHN', 'DOM', 'ESP', 'GBR', 'JPN', 'NLD', 'USA'];
const ID = 'learned-d-passport';
const temp = useTempDir('loupe-learn-real-');
const trusts = useStationTrusts();
const dataA = join(temp, 'station-a');
const dataB = join(temp, 'station-b');
const now = new Date('2026-01-01T00:00:00Z');
afterAll(() => shutdownOcr());

const page = (design: string, n: number) => join(DEV_SET, design, `${String(n).padStart(2, '0')}.jpg`);
const truth = (design: string, n: number) => readFileSync(join(DEV_SET, design, `${String(n).padStart(2, '0')}.txt`), 'utf8').trim().split(/\r?\n/);

/** Pages as a hot folder names a capture's white-light image (NAME_white.jpg). */
function captures(design: string, pages: number[]): string[] {
  const dir = join(temp, 'captures', `${design}-${pages.join('-')}`);
  mkdirSync(dir, { recursive: true });
  return pages.map((n) => {
    const target = join(dir, `${design.toLowerCase()}${n}_white.jpg`);
    copyFileSync(page(design, n), target);
    return target;
  });
}

const libraryOf = (dataDir: string) => openReferenceLibrary({ builtinDir: builtinReferenceDir(), userDir: userReferenceDir(dataDir) });

/** The examination's own identification path: MRZ read from the page, candidates from the library, image comparison. */
async function examine(library: ReferenceLibrary, path: string) {
  const runner = new SecurityCheckRunner(library);
  try {
    return await runner.run({ white: path }, await readMrzFromImage(path, { now }));
  } finally {
    await runner.close();
  }
}

let learned: DocumentClass;
let grown: DocumentClass;

describe.skipIf(devSetMissing)('a class learned from white-light pages made by others', () => {
  beforeAll(async () => {
    const library = libraryOf(dataA);
    const service = new LearningService(library, { stagingDir: join(dataA, 'learning-staging'), now: () => now });
    learned = (await service.learnFromPaths(captures(DESIGN, [0, 1, 2]), { id: ID, title: 'Passport (learned)', documentCodes: ['P'], author: 'expert' })).cls;
    grown = (await service.growFromPaths(ID, captures(DESIGN, [3, 4, 5]), 'expert')).cls;
  }, 240_000);

  it('learns from 3 white-light captures: issuer and type from their MRZ, white light only', () => {
    expect(learned.id).toBe(ID);
    expect(learned.version).toBe(1);
    expect(learned.issuer).toBe(truth(DESIGN, 0)[0]!.slice(2, 5).replace(/<+$/, ''));
    expect(learned.format).toBe('TD3');
    expect(learned.images).toEqual({ white: 'white.png' });
    expect(learned.learning).toMatchObject({ captures: 3, lights: ['white'] });
    expect(learned.zones.some((z) => z.kind === 'mrz')).toBe(true);
    expect(learned.zones.some((z) => z.kind === 'photo')).toBe(true);
    for (const b of learned.calibration ?? []) expect(b.samples.length).toBeGreaterThanOrEqual(3);
  });

  it('grown to 6 captures keeps its id, takes the next version and keeps its history', () => {
    expect(grown.id).toBe(ID);
    expect(grown.version).toBe(2);
    expect(grown.learning?.captures).toBe(6);
    expect(grown.learning?.history.map((h) => [h.version, h.action, h.added, h.captures])).toEqual([
      [1, 'learned', 3, 3],
      [2, 'grown', 3, 6],
    ]);
    // Every bound is set again from the measurements of all 6 captures.
    const tiles = grown.calibration?.find((b) => b.check === CHECK_IDS.visibleTemplate);
    expect(tiles?.samples).toHaveLength(6);
    expect(libraryOf(dataA).get(ID).cls.version).toBe(2);
  });

  it("identifies the design's other pages as the examination does, and says why IR and UV checks did not run", async () => {
    const library = libraryOf(dataA);
    for (const n of [6, 7, 8, 9, 10, 11]) {
      const { identification, checks } = await examine(library, page(DESIGN, n));
      expect(identification?.classId, `page ${n}`).toBe(ID);
      expect(checks.find((c) => c.id === CHECK_IDS.identification)?.status).toBe('pass');
      for (const id of [CHECK_IDS.irFeatures, CHECK_IDS.uvFeatures]) {
        const check = checks.find((c) => c.id === id);
        expect(check?.status, id).toBe('not-performed');
        expect(check?.explanation, id).toMatch(/IR|UV|infrared|ultraviolet/i);
      }
    }
  }, 240_000);

  it('identifies no page of another design, whatever its MRZ says (image comparison alone)', async () => {
    const library = libraryOf(dataA);
    const cls = library.get(ID).cls;
    const reference = await decodeCaptureImages({ white: library.imagePath(ID, 'white')! });
    for (const design of OTHERS) {
      for (const n of [0, 4, 8]) {
        const found = identifyDocument(await decodeCaptureImages({ white: page(design, n) }), null, [{ cls, reference }]);
        expect(isUnknown(found), `${design}/${n}`).toBe(true);
      }
    }
  }, 240_000);

  it("a page whose issuer and type have only another design's class reads 'series not in the library' (warn), never a forgery finding", async () => {
    // Station C holds one class for this issuer and type, learned from another design's pages: the
    // library has no class of this series.
    const dataC = join(temp, 'station-c');
    const library = libraryOf(dataC);
    const service = new LearningService(library, { stagingDir: join(dataC, 'learning-staging'), now: () => now });
    await service.learnFromPaths(captures('GBR', [0, 1, 2]), { id: 'other-series', title: 'Passport (another series)', issuer: learned.issuer, documentCodes: ['P'], author: 'expert' });
    const { identification, checks } = await examine(library, page(DESIGN, 7));
    expect(identification).toBeNull();
    const id = checks.find((c) => c.id === CHECK_IDS.identification)!;
    expect(id.status).toBe('warn');
    expect(id.measured).toMatch(/^series not in the library/);
    for (const c of checks.filter((x) => [CHECK_IDS.visibleTemplate, CHECK_IDS.photoZone, CHECK_IDS.vizErasure].includes(x.id as never))) {
      expect(c.status, c.id).toBe('not-performed');
      expect(c.explanation, c.id).toContain('The series of this document is not in the reference library');
    }
  }, 240_000);

  it('exported signed and imported at a second station, identifies the same pages there', async () => {
    const pkg = join(temp, 'learned.loupe-ref');
    exportPackage(libraryOf(dataA), [ID], pkg, loadOrCreateStationKey(dataA, 'Lab A'));
    trusts.trustSigner(dataB, 'Lab A', loadOrCreateStationKey(dataA).publicKeyPem);
    const result = await importPackage(libraryOf(dataB), pkg, `${pkg}.sig`, trusts.signers(dataB));
    expect(result.imported).toEqual([{ id: ID, version: 2 }]);
    const atB = libraryOf(dataB);
    expect(atB.get(ID).cls.learning?.captures).toBe(6);
    expect(atB.get(ID).cls.calibration).toEqual(grown.calibration);
    for (const n of [7, 11]) expect((await examine(atB, page(DESIGN, n))).identification?.classId).toBe(ID);
  }, 240_000);
});
