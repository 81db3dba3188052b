// The image path on pages made by others (the development set, ../shared/mrz-real-dev): other MRZ
// fonts, pitches and backgrounds, and the same pages turned, skewed and placed off-centre.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { MrzReadingSchema } from '../../../electron/contract/mrz.contract';
import { readMrzFromImage } from '../../../electron/mrz/mrz-image-reader';
import { shutdownOcr } from '../../../electron/mrz/mrz-ocr-engine';
import { useTempDir } from '../../helpers/temp-dir';
import { DEV_SET, devSetMissing } from '../../helpers/dev-set';

const dir = useTempDir();
afterAll(() => shutdownOcr());

const truth = (page: string): string[] => readFileSync(join(DEV_SET, `${page}.txt`), 'utf8').trim().split(/\r?\n/);

describe.skipIf(devSetMissing)('readMrzFromImage on pages made by others', () => {
  // DOM: a thin MRZ font the locator used to miss (a frame edge joined the line); NLD: a T read as I
  // in a name, once reported valid; BEL: a wide pitch.
  for (const page of ['DOM/00', 'NLD/04', 'BEL/00']) {
    it(`reads ${page} exactly`, async () => {
      const r = await readMrzFromImage(join(DEV_SET, `${page}.jpg`), { now: new Date('2026-01-01T00:00:00Z') });
      expect(MrzReadingSchema.parse(r)).toEqual(r);
      expect(r.lines).toEqual(truth(page));
      expect(r.valid).toBe(true);
      expect(r.charConfidence.map((l) => l.length)).toEqual(r.lines.map((l) => l.length));
    }, 30_000);
  }

  for (const [page, angle] of [['GBR/00', 98], ['CAN/02', -8], ['DOM/00', 280]] as const) {
    it(`finds and reads ${page} turned by ${angle}° on a larger, off-centre canvas`, async () => {
      const path = join(dir, `${page.replace('/', '-')}-${angle}.jpg`);
      await sharp(join(DEV_SET, `${page}.jpg`))
        .rotate(angle, { background: '#ffffff' })
        .extend({ top: 300, left: 500, bottom: 50, right: 80, background: '#ffffff' })
        .jpeg({ quality: 85 })
        .toFile(path);
      const r = await readMrzFromImage(path, { now: new Date('2026-01-01T00:00:00Z') });
      expect(r.lines).toEqual(truth(page));
    }, 30_000);
  }
});
