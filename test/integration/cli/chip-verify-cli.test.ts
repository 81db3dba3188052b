// `loupe chip verify PACKAGE`: a chip evidence package, signed with a station's key, verified again
// at an expert's desk against the desk's own trust store: the signer (and whether the desk trusts
// it), passive authentication and every clone check repeated from the record. The package is made
// here from the software passport read end to end in memory, as the examination will make it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EvidenceCheck } from '../../../electron/cli/commands/chip.command';
import { encodeEvidencePackage } from '../../../electron/chip/evidence/evidence-package.codec';
import { loadOrCreateStationKey } from '../../../electron/trust/station-key';
import { csca, crlOf, pem, put, signerUnder } from '../../helpers/chip/csca-fixtures';
import { pkiOf, readEvidence } from '../../helpers/chip/evidence-fixtures';
import { utc } from '../../helpers/chip/test-pki';
import { loupeInProcess } from '../../helpers/loupe-in-process';
import { useTempDir } from '../../helpers/temp-dir';

const dir = useTempDir('loupe-chip-verify-');

async function verify(desk: string, ...args: string[]): Promise<EvidenceCheck> {
  const run = await loupeInProcess('chip', 'verify', ...args, '--data', desk, '--json');
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { check: EvidenceCheck }).check;
}

describe('loupe chip verify', () => {
  const state = csca({ country: 'RS', cn: 'CSCA Serbia' });
  const ds = signerUnder(state, { serial: 0x77n });
  const border = loadOrCreateStationKey(join(dir, 'border-station'), 'Batrovci gate 4');

  it("verifies a reading again at an expert's desk, against the desk's trust store", async () => {
    const evidence = await readEvidence({ pki: pkiOf(state, ds), aa: 'rsa1024', ca: { agreement: 'ECDH', curve: 'brainpoolP256r1', cipher: 'AES-128' } });
    const file = put(dir, 'reading.loupe-chip', encodeEvidencePackage(evidence, border, border.name));
    const desk = join(dir, 'desk');

    // A desk that knows neither the CSCA nor the station: the signature holds, the issuer is unknown.
    const first = await verify(desk, file);
    expect(first.signer).toEqual({ station: border.station, publicKey: border.publicKey, name: 'Batrovci gate 4', trustedAs: null });
    expect(first.verification.passiveAuthentication).toMatchObject({ outcome: 'issuer-unknown', signature: { valid: true } });
    expect(first.verification.access).toMatchObject({ protocol: 'BAC', reason: 'no-card-access' });
    expect(first.verification.cloneChecks.map((c) => [c.method, c.recheck, c.counts])).toEqual([['active-authentication', 'succeeded', false], ['chip-authentication', 'succeeded', false]]);

    // The desk imports the CSCA and trusts the station's key: trusted, and the proofs count.
    expect((await loupeInProcess('trust', 'import', put(dir, 'serbia.pem', pem('CERTIFICATE', state.certificate.encoded)), '--data', desk)).code).toBe(0);
    expect((await loupeInProcess('trust', 'add', 'Batrovci', border.publicKey, '--for', 'trends', '--data', desk)).code).toBe(0);
    const second = await verify(desk, file);
    expect(second.signer.trustedAs).toBe("'Batrovci' (for trends)");
    expect(second.verification.passiveAuthentication).toMatchObject({ outcome: 'trusted', checkedAt: '2026-03-02T09:30:00.000Z', documentSigner: { serial: '77' } });
    expect(second.verification.cloneChecks.map((c) => [c.method, c.recorded, c.recheck, c.counts])).toEqual([['active-authentication', 'succeeded', 'succeeded', true], ['chip-authentication', 'succeeded', 'succeeded', true]]);
    expect(second.trustStore).toEqual({ certificates: 1, crls: 0 });

    const human = await loupeInProcess('chip', 'verify', file, '--data', desk);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`signed by station ${border.station} ("Batrovci gate 4"): signature valid; on this desk's trust list as 'Batrovci' (for trends)`);
    expect(human.stdout).toContain('access: BAC (no-card-access)');
    expect(human.stdout).toMatch(/^outcome: trusted — Signed by C=RS, CN=Document Signer under the trusted CSCA C=RS, O=State RS, CN=CSCA Serbia\.$/m);
    expect(human.stdout).toMatch(/^ {2}active-authentication \(RSA 1024 ISO\/IEC 9796-2 with SHA1\): checked here succeeded — The chip signed the challenge with the key of DG15\.$/m);
    expect(human.stdout).toMatch(/^ {4}note: the answer is a MAC under keys the recording station also knew/m);

    // Checked later than the CSCA's validity: expired. Revoked since: a CRL the desk imports.
    expect((await verify(desk, file, '--at', '2041-01-02')).verification.passiveAuthentication.outcome).toBe('csca-expired');
    expect((await loupeInProcess('trust', 'import', put(dir, 'serbia.crl', crlOf(state, [{ serial: 0x77n, date: utc(2026, 5, 1) }], utc(2026, 5, 1), utc(2099, 1, 1))), '--data', desk)).code).toBe(0);
    const revoked = await verify(desk, file);
    expect(revoked.verification.passiveAuthentication.outcome).toBe('revoked');
    expect(revoked.verification.cloneChecks.map((c) => c.counts)).toEqual([false, false]);
  });

  it('refuses a package altered after signing, truncated, or not a package, with exit code 2', async () => {
    const evidence = await readEvidence({ pki: pkiOf(state, ds), aa: 'p256' });
    const bytes = encodeEvidencePackage(evidence, border, border.name);
    const altered = Buffer.from(bytes);
    const at = bytes.indexOf('"data":"') + 30;
    altered[at] = altered[at]! ^ 0x01;
    const desk = join(dir, 'desk-refusals');
    const cases: [string, RegExp][] = [
      [put(dir, 'altered.loupe-chip', altered), /'.*altered\.loupe-chip' is refused: bad signature: the package was altered after it was signed/],
      [put(dir, 'truncated.loupe-chip', bytes.subarray(0, bytes.length - 100)), /is refused: the last line is incomplete \(a truncated file\?\)/],
      [join('/work/shared/chip-samples/bsi2008/EF_SOD.bin'), /is refused: the last line is incomplete/],
      [put(dir, 'notes.txt', 'hello\nworld\n'), /is refused: the signature line is not valid JSON/],
      [join(dir, 'missing.loupe-chip'), /no such file: the evidence package/],
    ];
    for (const [file, message] of cases) {
      const run = await loupeInProcess('chip', 'verify', file, '--data', desk);
      expect({ file, code: run.code, stdout: run.stdout }).toEqual({ file, code: 2, stdout: '' });
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    // Nothing was refused for the good package itself.
    expect(readFileSync(put(dir, 'good.loupe-chip', bytes)).length).toBe(bytes.length);
    expect((await verify(desk, join(dir, 'good.loupe-chip'))).verification.cloneChecks[0]).toMatchObject({ method: 'active-authentication', recheck: 'succeeded' });
  });
});
