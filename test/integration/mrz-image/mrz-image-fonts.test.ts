// The image path on MRZs it was not built around: a generated page turned, skewed and placed
// off-centre on a larger sheet; an MRZ printed in a monospaced face that neither the templates nor the
// classifier's training saw (Hack), at a pitch 20 % wider than ICAO's, on a textured background; and
// a character erased from the print.
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpecimenTruth } from '../../../electron/contract/specimen.contract';
import { readMrzFromImage } from '../../../electron/mrz/mrz-image-reader';
import { shutdownOcr } from '../../../electron/mrz/mrz-ocr-engine';
import { generateSpecimens } from '../../../electron/specimens';
import { useTempDir } from '../../helpers/temp-dir';

const dir = useTempDir();
const now = new Date('2026-01-01T00:00:00Z');
let td1: SpecimenTruth;
beforeAll(async () => {
  td1 = (await generateSpecimens({ outDir: join(dir, 'td1'), count: 1, seed: 31, format: 'TD1', degrade: 'light' }))[0]!;
});
afterAll(() => shutdownOcr());

/** An MRZ drawn in `family` at `pitch` px per character on a 300 dpi-like page with background lines. */
async function drawnMrz(lines: string[], family: string, pitch: number, path: string): Promise<void> {
  const width = Math.round(pitch * (lines[0]!.length + 8));
  const height = Math.round(pitch * (lines.length * 2 + 6));
  const size = pitch * 1.3;
  const waves = Array.from({ length: 14 }, (_, k) => {
    let d = `M0 ${k * 18}`;
    for (let x = 6; x <= width; x += 6) d += ` L${x} ${(k * 18 + 7 * Math.sin(x / 23 + k)).toFixed(1)}`;
    return `<path d="${d}" stroke="#b9c7d8" stroke-width="1.4" fill="none"/>`;
  }).join('');
  const text = lines
    .map((line, i) => [...line].map((c, j) => `<text x="${(pitch * (4 + j + 0.5)).toFixed(1)}" y="${(pitch * (3 + 2 * i + 1.5)).toFixed(1)}">${c === '<' ? '&lt;' : c}</text>`).join(''))
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#eef1e6"/>${waves}<g font-family="${family}" font-size="${size.toFixed(1)}" text-anchor="middle" fill="#1d1d22">${text}</g></svg>`;
  await sharp(Buffer.from(svg)).blur(0.7).jpeg({ quality: 70 }).toFile(path);
}

describe('readMrzFromImage beyond its own generator', () => {
  it('finds a page turned by 97°, skewed, off-centre on a larger sheet', async () => {
    const path = join(dir, 'turned.jpg');
    await sharp(join(dir, 'td1', td1.images.white))
      .rotate(97, { background: '#ffffff' })
      .extend({ top: 40, left: 700, bottom: 400, right: 30, background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toFile(path);
    const r = await readMrzFromImage(path, { now });
    expect(r.lines).toEqual(td1.mrz.lines);
  }, 30_000);

  it('reads an MRZ in an unseen monospaced face at a 20 % wider pitch on a textured background', async () => {
    const lines = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
    const path = join(dir, 'hack.jpg');
    await drawnMrz(lines, 'Hack', 36, path);
    const r = await readMrzFromImage(path, { now });
    expect(r.lines).toEqual(lines);
    expect(r.valid).toBe(true);
    // The pitch is measured from the line, not assumed (36 px drawn).
    expect(r.geometry!.pitchPx).toBeGreaterThan(34);
    expect(r.geometry!.pitchPx).toBeLessThan(38);
  }, 30_000);

  it('does not read an erased character as a filler: the cell is empty, the reading invalid', async () => {
    const lines = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
    const path = join(dir, 'erased.jpg');
    await drawnMrz([lines[0]!, `${lines[1]!.slice(0, 20)} ${lines[1]!.slice(21)}`], 'OCR B', 30, path);
    const r = await readMrzFromImage(path, { now });
    expect(r.valid).toBe(false);
    expect(r.findings).toContainEqual(expect.objectContaining({ code: 'empty-cell', line: 1, start: 20 }));
    expect(r.uncertain).toContainEqual({ line: 1, column: 20, alternatives: [] });
  }, 30_000);
});
