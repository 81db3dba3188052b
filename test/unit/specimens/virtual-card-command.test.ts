// `loupe virtual-card` refuses bad options with exit code 2 and a plain reason, before it writes
// anything (no PKI folder appears).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { profileFromArgs } from '../../../electron/specimens/virtual-card/virtual-card.command';
import { loupeInProcess } from '../../helpers/loupe-in-process';

const dir = mkdtempSync(join(tmpdir(), 'loupe-virtual-card-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loupe virtual-card options', () => {
  it('builds a profile from its name and the options that override it', () => {
    expect(profileFromArgs({ values: { profile: 'pace', signer: 'revoked', 'delay-ms': '40', 'eof-6282': true }, positionals: [] })).toEqual({
      access: 'pace', signer: 'revoked', alteredDg1: false, clone: false, endOfFileWarning: true, extendedLength: false, delayMs: 40, dg2Bytes: 20_000,
    });
    expect(profileFromArgs({ values: {}, positionals: [] }).access).toBe('bac+pace');
  });

  it.each([
    [['--profile', 'nope'], /--profile must be one of standard, bac, pace/],
    [['--access', 'telepathy'], /--access must be one of bac, pace, pace-cam, bac\+pace/],
    [['--delay-ms', 'soon'], /--delay-ms must be a whole number/],
    [['--dg2-bytes', '10'], /--dg2-bytes must be a whole number from 2000/],
    [['--slot', '2'], /--slot must be a whole number from 0 to 1/],
    [['--slot', '1', '--port', '4000'], /give --port or --slot, not both/],
    [['--frobnicate'], /Unknown option/],
  ])('%j → exit 2', async (args, message) => {
    const pki = join(dir, 'pki');
    const run = await loupeInProcess('virtual-card', '--pki', pki, ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(existsSync(pki)).toBe(false);
  });
});
