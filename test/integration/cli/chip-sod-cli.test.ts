// `loupe chip sod FILE [--dg N=FILE ...]`: passive authentication of an EF.SOD sent to an expert,
// against the station's CSCA trust store. The BSI 2008 test chip's real files: signature and hashes
// valid, issuer unknown (its CSCA is in no master list), a data group without a hash in the SOD or
// altered is named. A test PKI made here for the other outcomes: trusted once its CSCA is imported,
// CSCA expired, document signer expired at signing, revoked by a CRL imported, signature invalid.
// Bad input exits 2 with one plain line.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SodCheck } from '../../../electron/cli/commands/chip.command';
import { csca, crlOf, pem, put, signerUnder, sodOver } from '../../helpers/chip/csca-fixtures';
import { CHIP_SAMPLES } from '../../helpers/chip/chip-samples';
import { utc } from '../../helpers/chip/test-pki';
import { loupeInProcess } from '../../helpers/loupe-in-process';
import { useTempDir } from '../../helpers/temp-dir';

const dir = useTempDir('loupe-chip-sod-');
const bsi = (name: string) => join(CHIP_SAMPLES, 'bsi2008', `${name}.bin`);

async function sod(data: string, ...args: string[]): Promise<SodCheck> {
  const run = await loupeInProcess('chip', 'sod', ...args, '--data', data, '--json');
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { check: SodCheck }).check;
}

describe('loupe chip sod, the BSI 2008 test chip', () => {
  const data = join(dir, 'empty-store');

  it('finds the signature and every hash valid and the issuer unknown with an empty store', async () => {
    const check = await sod(data, bsi('EF_SOD'), '--dg', `1=${bsi('Datagroup1')}`, '--dg', `DG2=${bsi('Datagroup2')}`, '--dg', `3=${bsi('Datagroup3')}`, '--dg', `14=${bsi('Datagroup14')}`);
    expect(check.report).toMatchObject({
      outcome: 'issuer-unknown',
      signature: { valid: true, algorithm: 'ECDSA with SHA1' },
      hashAlgorithm: 'SHA-1',
      signingTime: null,
      csca: null,
      chain: { status: 'issuer-unknown', detail: "No trusted CSCA matches the document signer's issuer (CN=CSCA BDR TEST 19.09.07)." },
      documentSigner: { subject: 'C=DE, O=BundesDruckerei GmbH, CN=DS, serialNumber=1.2.276.0.80.1.12.0.20.10.1.2', issuer: 'CN=CSCA BDR TEST 19.09.07', serial: '1267', notBefore: '2008-01-28T23:00:00.000Z' },
    });
    expect(check.report.dataGroups.map((g) => [g.dataGroup, g.status])).toEqual([[1, 'match'], [2, 'match'], [3, 'match'], [14, 'match']]);
    const dg1Hash = createHash('sha1').update((await import('node:fs')).readFileSync(bsi('Datagroup1'))).digest('hex').toUpperCase();
    expect(check.report.dataGroups[0]!.signedHash).toBe(dg1Hash);
    expect(check.trustStore).toEqual({ certificates: 0, crls: 0 });

    const human = await loupeInProcess('chip', 'sod', bsi('EF_SOD'), '--dg', `1=${bsi('Datagroup1')}`, '--data', data);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('outcome: issuer-unknown — No trusted CSCA matches the document signer\'s issuer (CN=CSCA BDR TEST 19.09.07).');
    expect(human.stdout).toContain('signature: valid (ECDSA with SHA1)');
    expect(human.stdout).toMatch(new RegExp(`^ {2}DG1 {3}${dg1Hash} +matches \\(.*Datagroup1\\.bin\\)$`, 'm'));
    expect(human.stdout).toMatch(/^ {2}DG2 {3}[0-9A-F]{40} +not given$/m);
    expect(human.stdout).toMatch(/^ {2}valid: {3}2008-01-28 → 2009-01-27$/m);
  });

  it('names a data group that EF.SOD has no hash for, and one that was altered', async () => {
    const extra = await sod(data, bsi('EF_SOD'), '--dg', `15=${bsi('Datagroup15')}`);
    expect(extra.report).toMatchObject({ outcome: 'hash-mismatch', signature: { valid: true }, chain: { status: 'issuer-unknown' } });
    expect(extra.report.dataGroups.find((g) => g.dataGroup === 15)).toEqual({ dataGroup: 15, signedHash: null, status: 'not-in-sod' });
    // DG14's bytes given as DG1: the hash signed for DG1 does not match them.
    const swapped = await sod(data, bsi('EF_SOD'), '--dg', `1=${bsi('Datagroup14')}`);
    expect(swapped.report).toMatchObject({ outcome: 'hash-mismatch', detail: "The chip's DG1 does not match the hash signed in EF.SOD." });
    expect(swapped.report.dataGroups[0]).toMatchObject({ dataGroup: 1, status: 'mismatch' });
  });
});

describe('loupe chip sod, a test PKI', () => {
  const groups = new Map([[1, new Uint8Array([0x61, 0x03, 0x5f, 0x1f, 0x00])], [2, new Uint8Array([0x75, 0x02, 0x01, 0x02])]]);
  const dgArgs = (folder: string) => [...groups].flatMap(([n, b]) => ['--dg', `${n}=${put(folder, `dg${n}.bin`, b)}`]);

  it('is trusted once the CSCA is imported, and says so for each other outcome', async () => {
    const data = join(dir, 'test-pki');
    const state = csca({ country: 'RS', cn: 'CSCA Serbia' });
    const ds = signerUnder(state, { serial: 0x51n, notBefore: utc(2024, 1, 1), notAfter: utc(2035, 1, 1), privateKeyUsage: { notBefore: utc(2024, 1, 1), notAfter: utc(2025, 1, 1) } });
    const good = put(dir, 'good.sod', sodOver(ds, groups, utc(2024, 6, 1)));
    const dgs = dgArgs(dir);
    expect((await sod(data, good, ...dgs)).report.outcome).toBe('issuer-unknown');
    expect((await loupeInProcess('trust', 'import', put(dir, 'serbia.pem', pem('CERTIFICATE', state.certificate.encoded)), '--data', data)).code).toBe(0);

    const trusted = await sod(data, good, ...dgs);
    expect(trusted.report).toMatchObject({
      outcome: 'trusted', signature: { valid: true, algorithm: 'ECDSA with SHA256' }, signingTime: '2024-06-01T00:00:00.000Z',
      csca: { subject: 'C=RS, O=State RS, CN=CSCA Serbia', serial: '01' },
      documentSigner: { serial: '51', privateKeyUsage: { notBefore: '2024-01-01T00:00:00.000Z', notAfter: '2025-01-01T00:00:00.000Z' } },
    });
    expect(trusted.trustStore).toEqual({ certificates: 1, crls: 0 });
    expect((await loupeInProcess('chip', 'sod', good, '--data', data)).stdout).toMatch(/^CSCA:\n {2}subject: C=RS, O=State RS, CN=CSCA Serbia$/m);

    // Signed after the document signer's private key usage period ended.
    const late = put(dir, 'late.sod', sodOver(ds, groups, utc(2025, 6, 1)));
    expect((await sod(data, late, ...dgs)).report).toMatchObject({ outcome: 'ds-expired-at-signing', detail: 'The document signer could sign from 2024-01-01 to 2025-01-01; the document was signed on 2025-06-01.' });

    // The CSCA is valid until 2040: checked at a later date (--at), it has expired.
    expect((await sod(data, good, ...dgs, '--at', '2041-01-01')).report).toMatchObject({ outcome: 'csca-expired', chain: { status: 'csca-expired' } });

    // The signature changed: invalid, and the chain is still reported for the expert.
    const tampered = sodOver(ds, groups, utc(2024, 6, 1));
    tampered[tampered.length - 3] = tampered[tampered.length - 3]! ^ 0x01;
    expect((await sod(data, put(dir, 'tampered.sod', tampered), ...dgs)).report).toMatchObject({ outcome: 'signature-invalid', signature: { valid: false } });

    // Revoked by a CRL of its CSCA, once imported.
    const crl = put(dir, 'serbia.crl', crlOf(state, [{ serial: 0x51n, date: utc(2024, 9, 1) }], utc(2024, 9, 1), utc(2099, 1, 1)));
    expect((await loupeInProcess('trust', 'import', crl, '--data', data)).code).toBe(0);
    expect((await sod(data, good, ...dgs)).report).toMatchObject({ outcome: 'revoked', detail: 'The document signer certificate was revoked by its CSCA on 2024-09-01.' });
    expect((await sod(data, good, ...dgs)).trustStore).toEqual({ certificates: 1, crls: 1 });
  });

  it('refuses bad input with exit code 2 and one plain line', async () => {
    const data = join(dir, 'bad-input');
    const real = bsi('EF_SOD');
    const cases: [string[], RegExp][] = [
      [[], /usage: loupe chip sod FILE/],
      [['sod'], /usage: loupe chip sod FILE/],
      [['scan', real], /unknown action 'scan' \(sod, verify\)/],
      [['sod', join(dir, 'missing.sod')], /no such file: the EF\.SOD file '.*missing\.sod' does not exist/],
      [['sod', bsi('Datagroup2')], /is not an EF\.SOD \(document security object\)/],
      [['sod', put(dir, 'empty.sod', '')], /the EF\.SOD file '.*empty\.sod' is empty/],
      [['sod', put(dir, 'truncated.sod', new Uint8Array(600).fill(0x77))], /is not an EF\.SOD/],
      [['sod', real, '--dg', 'x'], /--dg takes N=FILE with N the data group number, 1 to 16 \(not 'x'\)/],
      [['sod', real, '--dg', `17=${real}`], /--dg takes N=FILE/],
      [['sod', real, '--dg', `1=${real}`, '--dg', `1=${real}`], /--dg 1 is given twice/],
      [['sod', real, '--dg', `1=${join(dir, 'nope')}`], /no such file: the DG1 file/],
      [['sod', real, '--at', 'yesterday'], /--at takes a date such as 2026-03-01/],
      [['verify', real, '--dg', `1=${real}`], /--dg is an option of loupe chip sod/],
    ];
    for (const [args, message] of cases) {
      const run = await loupeInProcess('chip', ...args, '--data', data);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
