import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loupeInProcess } from '../../helpers/loupe-in-process';
import sharp from 'sharp';
import { MrzReadingSchema } from '../../../electron/contract/mrz.contract';
import { ensureSpecimenFonts } from '../../../electron/imaging/font-setup';
import { renderReading } from '../../../electron/cli/commands/mrz.command';
import { readMrzText } from '../../../electron/mrz';
import { TD3 } from './mrz-specimens';
import { DEV_SET, devSetMissing } from '../../helpers/dev-set';


/** Runs `loupe mrz` in this process, through the real entry point (test/helpers/loupe-in-process.ts). */
function loupe(...args: string[]) {
  return loupeInProcess('mrz', ...args);
}

describe('loupe mrz', () => {
  it('--text with a literal \\n prints the reading as JSON and exits 0', async () => {
    const r = await loupe('--text', `${TD3[0]}\\n${TD3[1]}`, '--json');
    expect(r.code).toBe(0);
    const reading = MrzReadingSchema.parse(JSON.parse(r.stdout));
    expect(reading).toMatchObject({ format: 'TD3', source: 'text', fields: { documentNumber: 'L898902C3', surname: 'ERIKSSON' } });
    expect(reading.findings.some((f) => f.code === 'check-digit')).toBe(false);
  });

  it('exits 0 for an invalid reading, repairs only with --repair', async () => {
    const bad = `${TD3[0]}\n${TD3[1]!.replace('740812', '74O812')}`;
    const plain = await loupe('--text', bad, '--json');
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout)).toMatchObject({ valid: false, repaired: false });
    const repaired = await loupe('--text', bad, '--repair', '--json');
    expect(JSON.parse(repaired.stdout)).toMatchObject({ valid: true, repaired: true, corrections: [{ line: 1, column: 15, read: 'O', corrected: '0' }] });
  });

  it('prints a readable block with carets under bad characters', async () => {
    const r = await loupe('--text', `${TD3[0]}\\n${TD3[1]!.replace('C36UTO', 'C31UTO')}`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✗ invalid');
    expect(r.stdout).toContain(`  ${' '.repeat(9)}^`);
    expect(r.stdout).toMatch(/check-digit: Document number check digit is '1'/);
  });

  it('reports an unknown layout as a reading, not an error', async () => {
    const r = await loupe('--text', 'HELLO', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: null, valid: false, findings: [{ code: 'unknown-layout' }] });
  });

  it('fails with one line on stderr for a missing file or no input', async () => {
    const missing = await loupe(join(mkdtempSync(join(tmpdir(), 'loupe-mrz-')), 'absent.png'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim().split('\n').filter((l) => l.startsWith('loupe'))).toEqual([expect.stringMatching(/no such file/)]);
    const none = await loupe();
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/no input/);
    const dir = mkdtempSync(join(tmpdir(), 'loupe-mrz-'));
    writeFileSync(join(dir, 'page.png'), 'x');
    const both = await loupe(join(dir, 'page.png'), '--text', TD3.join('\\n'));
    expect(both.code).not.toBe(0);
  });
});


describe.skipIf(devSetMissing)('loupe mrz on many images', () => {
  it('reads a folder in one process: one JSON object per line, a summary on stderr, exit 2 for an unreadable file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-mrz-batch-'));
    copyFileSync(join(DEV_SET, 'GBR', '00.jpg'), join(dir, 'a.jpg'));
    copyFileSync(join(DEV_SET, 'DOM', '03.jpg'), join(dir, 'b.jpg'));
    writeFileSync(join(dir, 'c.png'), 'not an image');
    const r = await loupe(dir, '--json');
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; error?: string; lines?: string[]; valid?: boolean });
    expect(rows.map((x) => x.file)).toEqual([join(dir, 'a.jpg'), join(dir, 'b.jpg'), join(dir, 'c.png')]);
    expect(rows[0]!.lines).toEqual(readFileSync(join(DEV_SET, 'GBR', '00.txt'), 'utf8').trim().split(/\r?\n/));
    expect(rows[1]!.lines).toEqual(readFileSync(join(DEV_SET, 'DOM', '03.txt'), 'utf8').trim().split(/\r?\n/));
    MrzReadingSchema.parse(rows[0]);
    expect(rows[2]!.error).toMatch(/not a supported image/);
    expect(r.stderr).toMatch(/3 images in .* 2 valid, 0 invalid, 0 without an MRZ, 1 unreadable/);
    expect(r.code).toBe(2);
  });
});

describe('loupe mrz marks uncertain characters', () => {
  it('marks an erased character as failing and lists it as uncertain with nothing legible', async () => {
    // An ICAO specimen MRZ drawn in OCR-B with one character of line 2 erased (column 20, the sex).
    const lines = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122 1204159ZE184226B<<<<<10'];
    const pitch = 30;
    const text = lines.map((line, i) => [...line].map((c, j) => `<text x="${pitch * (4 + j + 0.5)}" y="${pitch * (3 + 2 * i + 1.5)}">${c === '<' ? '&lt;' : c}</text>`).join('')).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${pitch * 52}" height="${pitch * 10}"><rect width="100%" height="100%" fill="#f4f4ee"/><g font-family="OCR B" font-size="${pitch * 1.3}" text-anchor="middle" fill="#222">${text}</g></svg>`;
    const dir = mkdtempSync(join(tmpdir(), 'loupe-mrz-erased-'));
    const path = join(dir, 'erased.png');
    ensureSpecimenFonts();
    await sharp(Buffer.from(svg)).png().toFile(path);
    const r = await loupe(path);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✗ invalid');
    const rows = r.stdout.split('\n');
    const line2 = rows.findIndex((l) => l.startsWith('  L898902C36UTO'));
    expect(rows[line2 + 1]![2 + 20]).toBe('^'); // a failure outranks a doubt
    expect(r.stdout).toMatch(/empty-cell: No character is printed at line 2, position 21/);
    expect(r.stdout).toMatch(/uncertain \(\?\)\n {2}line 2, position 21: '.', nothing legible/);
  }, 30_000);
});

describe('renderReading', () => {
  it("puts '?' under uncertain characters of a valid reading and lists their alternatives", () => {
    // ERIKSSON: the OCR saw the I at line 1, column 8 with a close T.
    const candidates = TD3.map((l, line) => [...l].map((char, col) => (line === 0 && col === 7 ? { char, conf: 0.7, alternatives: [{ char: 'T', conf: 0.3 }] } : { char, conf: 0.99 })));
    const reading = readMrzText(TD3, { source: 'ocr', candidates, now: new Date('2010-01-01T00:00:00Z') });
    const out = renderReading(reading);
    const rows = out.split('\n');
    const line1 = rows.findIndex((l) => l === `  ${TD3[0]}`);
    expect(rows[line1 + 1]).toBe(`  ${' '.repeat(7)}?`);
    expect(out).toContain("uncertain (?)\n  line 1, position 8: 'I', or 'T'");
  });
});
