// The image path end to end on synthetic specimens: real rendering, real sharp, real tesseract.js.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MRZ_FORMATS, MrzReadingSchema } from '../../../electron/contract/mrz.contract';
import type { SpecimenTruth } from '../../../electron/contract/specimen.contract';
import { readMrzFromImage } from '../../../electron/mrz/mrz-image-reader';
import { shutdownOcr } from '../../../electron/mrz/mrz-ocr-engine';
import { generateSpecimens } from '../../../electron/specimens';
import { useTempDir } from '../../helpers/temp-dir';

const dir = useTempDir();
const now = new Date('2026-01-01T00:00:00Z');
let clean: SpecimenTruth[] = [];
let heavy: SpecimenTruth[] = [];

beforeAll(async () => {
  clean = (await Promise.all(MRZ_FORMATS.map((format, i) => generateSpecimens({ outDir: join(dir, 'clean', format), count: 1, seed: 100 + i, format, degrade: 'none' })))).flat();
  heavy = await generateSpecimens({ outDir: join(dir, 'heavy'), count: 2, seed: 7, degrade: 'heavy' });
});
afterAll(() => shutdownOcr());

const pathOf = (t: SpecimenTruth, light: 'white' | 'ir', sub: string) => join(dir, sub, t.images[light]);

describe('readMrzFromImage', () => {
  it('reads every format exactly from the infrared page', async () => {
    for (const t of clean) {
      const r = await readMrzFromImage(pathOf(t, 'white', join('clean', t.format)), { irPath: pathOf(t, 'ir', join('clean', t.format)), now });
      expect(r.lines, t.id).toEqual(t.mrz.lines);
      expect(r.format).toBe(t.format);
      expect(r.valid).toBe(true);
      expect(r.source).toBe('ocr');
      expect(MrzReadingSchema.parse(r)).toBeTruthy();
      expect(r.timingsMs.total).toBeGreaterThan(0);
    }
  });

  it('reads from the white-light page alone (no IR image)', async () => {
    const t = clean.find((x) => x.format === 'TD3')!;
    const r = await readMrzFromImage(pathOf(t, 'white', 'clean/TD3'), { now });
    expect(r.lines).toEqual(t.mrz.lines);
  });

  it('reads heavily degraded captures (blur, noise, JPEG, rotation, perspective)', async () => {
    for (const t of heavy) {
      const r = await readMrzFromImage(pathOf(t, 'white', 'heavy'), { irPath: pathOf(t, 'ir', 'heavy'), now });
      expect(r.lines, t.id).toEqual(t.mrz.lines);
    }
  });

  it('reads scans turned by 90°, 180° and 270°', async () => {
    const t = clean.find((x) => x.format === 'TD1')!;
    for (const angle of [90, 180, 270]) {
      const turned = join(dir, `turned-${angle}.png`);
      await sharp(pathOf(t, 'ir', 'clean/TD1')).rotate(angle).toFile(turned);
      const r = await readMrzFromImage(turned, { now });
      expect(r.lines, `${angle}°`).toEqual(t.mrz.lines);
    }
  });

  it('never silently fixes a damaged character: the reading is invalid or the change is listed', async () => {
    const t = clean.find((x) => x.format === 'TD3')!;
    const line2 = t.regions.find((r) => r.id === 'mrz-line-2')!.box;
    const pitch = line2.w / 44;
    for (const column of [2, 5, 20]) {
      // Erase one character of the document number / birth date (printing defect, scratch).
      const damaged = join(dir, `damaged-${column}.png`);
      const patch = await sharp({ create: { width: Math.round(pitch), height: Math.round(line2.h), channels: 3, background: '#ffffff' } }).png().toBuffer();
      await sharp(pathOf(t, 'ir', 'clean/TD3')).composite([{ input: patch, left: Math.round(line2.x + column * pitch), top: Math.round(line2.y) }]).toFile(damaged);
      const r = await readMrzFromImage(damaged, { now });
      const changed = r.lines[1]![column] !== t.mrz.lines[1]![column];
      if (r.valid) {
        // Valid only when the repair restored the truth, and then the repair is on record.
        expect(r.lines).toEqual(t.mrz.lines);
        expect(r.repaired).toBe(true);
        expect(r.corrections.some((c) => c.line === 1 && c.column === column)).toBe(true);
      } else {
        expect(r.findings.some((f) => f.severity === 'fail')).toBe(true);
        expect(changed || r.corrections.length > 0 || r.findings.length > 0).toBe(true);
      }
    }
  });
});

describe('loupe mrz IMAGE --json', () => {
  it('prints a schema-valid reading', async () => {
    const t = clean.find((x) => x.format === 'TD2')!;
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'electron/cli/main.ts', 'mrz', pathOf(t, 'white', 'clean/TD2'), '--ir', pathOf(t, 'ir', 'clean/TD2'), '--json'], { cwd: process.cwd() });
    const reading = MrzReadingSchema.parse(JSON.parse(stdout));
    expect(reading.lines).toEqual(t.mrz.lines);
  });
});
