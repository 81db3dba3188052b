import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loupeInProcess } from '../../helpers/loupe-in-process';
import { SpecimenTruthSchema } from '../../../electron/contract/specimen.contract';

const temp = mkdtempSync(join(tmpdir(), 'loupe-specimen-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Runs `loupe specimen` in this process, through the real entry point (test/helpers/loupe-in-process.ts). */
function loupe(...args: string[]) {
  return loupeInProcess('specimen', ...args);
}

describe('loupe specimen', () => {
  it('writes the documents and prints a JSON summary', async () => {
    const out = join(temp, 'set');
    const r = await loupe('--out', out, '--count', '2', '--seed', '11', '--format', 'td2', '--degrade', 'light', '--json');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { count: number; specimens: { id: string; format: string; truth: string; images: Record<string, string> }[] };
    expect(summary.count).toBe(2);
    expect(summary.specimens.map((s) => s.format)).toEqual(['TD2', 'TD2']);
    for (const s of summary.specimens) {
      const truth = SpecimenTruthSchema.parse(JSON.parse(readFileSync(s.truth, 'utf8')));
      expect(truth.degradation.level).toBe('light');
      for (const path of Object.values(s.images)) expect(existsSync(path)).toBe(true);
    }
  });

  it('--forgery writes forged documents whose truth names the kind and the checks', async () => {
    const out = join(temp, 'forged');
    const r = await loupe('--out', out, '--count', '2', '--seed', '5', '--format', 'TD1', '--forgery', 'mrz-non-b900', '--degrade', 'light', '--json');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { specimens: { id: string; forgery?: string; truth: string }[] };
    expect(summary.specimens.map((s) => s.id)).toEqual(['spf-5-0000', 'spf-5-0001']);
    for (const s of summary.specimens) {
      expect(s.forgery).toBe('mrz-non-b900');
      const truth = SpecimenTruthSchema.parse(JSON.parse(readFileSync(s.truth, 'utf8')));
      expect(truth.forgery?.expectedChecks).toEqual(['mrz.b900']);
      expect(truth.degradation.level).toBe('light');
    }
    const human = await loupe('--out', join(temp, 'mixed'), '--count', '3', '--seed', '5', '--forgery', 'any');
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/wrote 3 specimens \(.*3 forged\)/);
  });

  it.each([
    [['--out', join(temp, 'x'), '--count', '0'], /--count must be a positive integer/],
    [['--out', join(temp, 'x'), '--count', 'many'], /--count must be an integer/],
    [['--out', join(temp, 'x'), '--format', 'TD4'], /unknown format 'TD4'/],
    [['--out', join(temp, 'x'), '--degrade', 'extreme'], /unknown degradation 'extreme'/],
    [['--out', join(temp, 'x'), '--dpi', '150'], /--dpi must be between 300 and 600/],
    [['--out', '/proc/loupe-nope/out'], /cannot write to output directory/],
    [['--count', '1'], /--out DIR is required/],
    [['--out', join(temp, 'x'), '--forgery', 'bogus'], /unknown forgery 'bogus'/],
    [['--out', join(temp, 'x'), '--forgery', 'other-series', '--format', 'TD1'], /other-series.*TD1 has only harbor-td1/],
  ])('rejects %j with one line on stderr', async (args, message) => {
    const r = await loupe(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});
