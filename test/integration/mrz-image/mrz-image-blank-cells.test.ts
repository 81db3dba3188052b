// A page whose MRZ has a blank stretch — characters covered by a uniform patch (correction fluid, a
// sticker, a scan with clipped paper) — still gives a reading within its contract, and the blank
// cells count as no evidence: they lower the confidence and the OCR-B font score, never raise them.
// Real specimen page, real sharp, real tesseract.js.
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MrzReadingSchema, type MrzReading } from '../../../electron/contract/mrz.contract';
import { readMrzFromImage } from '../../../electron/mrz/mrz-image-reader';
import { shutdownOcr } from '../../../electron/mrz/mrz-ocr-engine';
import { useTempDir } from '../../helpers/temp-dir';

const dir = useTempDir();
const page = join(process.cwd(), 'assets', 'specimens', 'spc-9303-0001_white.png');
const now = new Date('2026-01-01T00:00:00Z');
/** Columns 16–26 of the first line (a TD1 document number and optional data): 11 of 90 cells. */
const FIRST = 16;
const LAST = 26;
let genuine: MrzReading;

afterAll(() => shutdownOcr());
beforeAll(async () => {
  genuine = await readMrzFromImage(page, { now });
});

/** The page with the cells FIRST..LAST of line 1 covered by a flat patch of `fill`. */
async function blanked(fill: string): Promise<string> {
  const g = genuine.geometry!;
  const len = genuine.lines[0]!.length;
  const at = (col: number) => {
    const { first, last } = g.lines[0]!;
    const t = col / (len - 1);
    return [first[0] + (last[0] - first[0]) * t, first[1] + (last[1] - first[1]) * t] as const;
  };
  const [x0, y0] = at(FIRST);
  const [x1] = at(LAST);
  const width = Math.round(x1 - x0 + g.pitchPx);
  const height = Math.round(1.8 * g.pitchPx);
  const out = join(dir, `blanked-${fill.slice(1)}.png`);
  const patch = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${fill}"/></svg>`);
  await sharp(page).composite([{ input: patch, left: Math.round(x0 - g.pitchPx / 2), top: Math.round(y0 - 0.9 * g.pitchPx) }]).png().toFile(out);
  return out;
}

describe('readMrzFromImage with a blank stretch in the MRZ', () => {
  it('reads the genuine page with high confidence (the control)', () => {
    expect(genuine.format).toBe('TD1');
    expect(genuine.confidence).toBeGreaterThan(0.95);
    expect(genuine.geometry!.fontScore).toBeGreaterThan(0.8);
  });

  it.each(['#c8c8c8', '#e0e0e0', '#ffffff'])('covered with %s: a valid reading, blank cells are no evidence', async (fill) => {
    const reading = await readMrzFromImage(await blanked(fill), { now });
    expect(MrzReadingSchema.parse(reading)).toBeTruthy();
    expect(reading.lines).toHaveLength(3);
    // Before: a grey patch scored in the thousands against the templates — 'IIIIIIIII' read with
    // confidence 0.99998 and a font score of 433.
    const cells = reading.lines.length * reading.lines[0]!.length;
    const blank = LAST - FIRST - 1;
    expect(reading.confidence).toBeGreaterThanOrEqual(0);
    expect(reading.confidence).toBeLessThan(1 - (0.8 * blank) / cells);
    expect(reading.geometry!.fontScore).toBeGreaterThanOrEqual(0);
    expect(reading.geometry!.fontScore).toBeLessThanOrEqual(genuine.geometry!.fontScore);
    expect(reading.lines[0]!.slice(FIRST + 1, LAST)).not.toMatch(/^I+$/);
  });
});
