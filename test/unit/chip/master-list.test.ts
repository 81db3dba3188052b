// CSCA master lists (ICAO 9303-12 §8): a synthetic list of 520 CSCAs made here, its own signature
// checked against the issuing root, and a SOD verified against a trust store of all of them. The
// time that takes is measured and printed (no timing assertion: the machine is shared).
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { encodeSod } from '../../../electron/chip/lds/sod.codec';
import { decodeMasterList, verifyMasterList } from '../../../electron/chip/pki/master-list';
import { verifyPassiveAuthentication } from '../../../electron/chip/pki/passive-authentication';
import { indexTrustAnchors } from '../../../electron/chip/pki/trust-anchors';
import type { Certificate } from '../../../electron/chip/pki/x509-certificate';
import { tlv } from '../../../electron/chip/tlv/ber-tlv-writer';
import { cmsSigner, issueCertificate, makeKey, makeMasterList, name, selfSigned, utc, type KeyKind, type TestKey } from '../../helpers/chip/test-pki';

const COUNT = 520;

describe('CSCA master list', () => {
  const pool: TestKey[] = (['p256', 'p256', 'p256', 'rsa2048', 'rsa2048', 'brainpoolP256r1', 'brainpoolP256r1', 'p256'] as KeyKind[]).map(makeKey);
  const cscas: Certificate[] = Array.from({ length: COUNT }, (_, i) =>
    selfSigned(name({ C: `C${(i % 190).toString(36).toUpperCase().padStart(2, 'X')}`, O: `State ${i}`, CN: `CSCA ${i}` }), pool[i % pool.length]!, BigInt(i + 1), utc(2018, 1, 1), utc(2038, 1, 1)),
  );
  const rootKey = makeKey('p256');
  const root = selfSigned(name({ C: 'UT', CN: 'CSCA Utopia' }), rootKey, 1n, utc(2020, 1, 1), utc(2035, 1, 1));
  const signerKey = makeKey('p256');
  const signer = issueCertificate({ subject: name({ C: 'UT', CN: 'Master List Signer' }), issuer: root.subject.encoded, subjectKey: signerKey, issuerKey: rootKey, serial: 5n, notBefore: utc(2024, 1, 1), notAfter: utc(2034, 1, 1), ca: false });
  const bytes = makeMasterList(signer, signerKey, [...cscas, root]);

  it(`decodes a list of ${COUNT + 1} certificates and verifies its signature against the root`, () => {
    const t0 = performance.now();
    const list = decodeMasterList(bytes);
    const decodeMs = performance.now() - t0;
    expect(list.certificates).toHaveLength(COUNT + 1);
    expect(list.rejected).toBe(0);
    expect(verifyMasterList(list, [root], utc(2026, 1, 1))).toMatchObject({ valid: true });
    expect(verifyMasterList(list, [cscas[0]!], utc(2026, 1, 1)).valid).toBe(false);
    console.log(`master list: ${bytes.length} bytes, ${list.certificates.length} certificates decoded in ${decodeMs.toFixed(1)} ms`);
  });

  it('refuses a list whose content was changed after signing', () => {
    const altered = new Uint8Array(bytes);
    const at = Buffer.from(altered).indexOf(Buffer.from('CSCA 17'));
    altered[at + 5] = 0x39;
    const list = decodeMasterList(altered);
    expect(verifyMasterList(list, [root], utc(2026, 1, 1))).toMatchObject({ valid: false, detail: 'The master list signature does not verify.' });
  });

  it('verifies a SOD against the store of all its CSCAs (time measured)', () => {
    const list = decodeMasterList(bytes);
    const t0 = performance.now();
    const anchors = indexTrustAnchors(list.certificates);
    const indexMs = performance.now() - t0;
    const groups = new Map([[1, tlv(0x61, new Uint8Array(90).fill(0x3c))], [2, tlv(0x75, new Uint8Array(15_000).fill(9))], [14, tlv(0x6e, new Uint8Array(300))]]);
    const timings: Record<string, number> = {};
    for (const [label, index] of [['RSA-2048 CSCA, P-256 DS', 3], ['brainpoolP256r1 CSCA and DS', 5], ['P-256 CSCA and DS', 0]] as const) {
      const csca = list.certificates[index]!;
      const cscaKey = pool[index % pool.length]!;
      const dsKey = index === 5 ? pool[6]! : pool[1]!;
      const ds = issueCertificate({ subject: name({ C: 'XX', CN: 'DS' }), issuer: csca.subject.encoded, subjectKey: dsKey, issuerKey: cscaKey, serial: 99n, notBefore: utc(2024, 1, 1), notAfter: utc(2034, 1, 1), ca: false });
      const sod = encodeSod({
        hash: 'sha256',
        hashes: new Map([...groups].map(([n, b]) => [n, new Uint8Array(createHash('sha256').update(b).digest())])),
        signer: cmsSigner(ds, dsKey),
        signingTime: utc(2024, 3, 1),
      });
      const runs: number[] = [];
      for (let i = 0; i < 15; i++) {
        const s = performance.now();
        const result = verifyPassiveAuthentication({ sod, dataGroups: groups, anchors, at: utc(2026, 1, 1) });
        runs.push(performance.now() - s);
        expect(result.outcome).toBe('trusted');
      }
      runs.sort((a, b) => a - b);
      timings[label] = runs[Math.floor(runs.length / 2)]!;
    }
    console.log(`trust store of ${anchors.certificates.length} CSCAs indexed in ${indexMs.toFixed(1)} ms; median SOD verification: ${Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join('; ')}`);
  });
});
