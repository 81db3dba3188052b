// The virtual card's PKI kept in a folder: what one process writes, another reads back and signs
// with; what a trust store imports is there too.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeRevocationList } from '../../../electron/chip/pki/certificate-revocation-list';
import { decodeMasterList } from '../../../electron/chip/pki/master-list';
import { verifyPassiveAuthentication } from '../../../electron/chip/pki/passive-authentication';
import { indexTrustAnchors } from '../../../electron/chip/pki/trust-anchors';
import { cardPkiIn, loadCardPki, SIGNER_KINDS } from '../../../electron/specimens/virtual-card/card-pki';
import { specimenPassport } from '../../../electron/specimens/virtual-card/specimen-passport';
import { syntheticDg2 } from '../../../electron/specimens/virtual-card/synthetic-portrait';

const dir = mkdtempSync(join(tmpdir(), 'loupe-card-pki-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('virtual card PKI', () => {
  it('is made once in its folder and read back the same, keys private to the owner', () => {
    const made = cardPkiIn(dir);
    const again = cardPkiIn(dir);
    expect(Buffer.from(again.csca.encoded)).toEqual(Buffer.from(made.csca.encoded));
    for (const f of ['csca.der', 'csca.pem', 'crl.der', 'masterlist.der']) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(statSync(join(dir, 'card-pki.json')).mode & 0o077).toBe(0);
    expect(decodeMasterList(new Uint8Array(readFileSync(join(dir, 'masterlist.der')))).certificates.map((c) => c.serialNumber)).toEqual([made.csca.serialNumber]);
  });

  it('signs with keys read back, each signer giving its outcome', async () => {
    const pki = loadCardPki(dir);
    const dg2 = await syntheticDg2(5000);
    const outcomes = SIGNER_KINDS.map((kind) => {
      const { config } = specimenPassport({ signer: pki.signers[kind], dg2 });
      const files = config.files;
      return verifyPassiveAuthentication({
        sod: files.SOD!,
        dataGroups: new Map([[1, files.DG1!], [2, files.DG2!]]),
        anchors: indexTrustAnchors([pki.csca]),
        crls: [decodeRevocationList(pki.crl)],
        at: new Date(),
      }).outcome;
    });
    expect(outcomes).toEqual(['trusted', 'ds-expired-at-signing', 'revoked', 'issuer-unknown']);
  });
});
