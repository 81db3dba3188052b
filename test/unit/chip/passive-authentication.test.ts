// Passive authentication (ICAO 9303-11 §5.1) on the real BSI 2008 SOD and on SODs built here under a
// test-time PKI: every named outcome, RSA PKCS #1 v1.5 and PSS, ECDSA on P-256 and on Brainpool
// with explicit parameters, SHA-1 to SHA-512, link certificates and CRLs.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeDg1 } from '../../../electron/chip/lds/dg1-mrz.codec';
import { encodeSod } from '../../../electron/chip/lds/sod.codec';
import { decodeRevocationList } from '../../../electron/chip/pki/certificate-revocation-list';
import { dataGroupAuthenticated, dataGroupIntact, verifyPassiveAuthentication } from '../../../electron/chip/pki/passive-authentication';
import type { HashName, SignatureScheme } from '../../../electron/chip/pki/signature-algorithm';
import { indexTrustAnchors } from '../../../electron/chip/pki/trust-anchors';
import type { Certificate } from '../../../electron/chip/pki/x509-certificate';
import { tlv } from '../../../electron/chip/tlv/ber-tlv-writer';
import { bsi2008 } from '../../helpers/chip/chip-samples';
import { cmsSigner, issueCertificate, makeCrl, makeKey, name, selfSigned, utc, type KeyKind, type TestKey } from '../../helpers/chip/test-pki';

describe('the BSI 2008 test chip', () => {
  it('has a valid SOD signature and valid hashes, and an issuer no trust store knows', () => {
    const dataGroups = new Map([[1, bsi2008('Datagroup1')], [2, bsi2008('Datagroup2')], [3, bsi2008('Datagroup3')], [14, bsi2008('Datagroup14')]]);
    const result = verifyPassiveAuthentication({ sod: bsi2008('EF_SOD'), dataGroups, anchors: indexTrustAnchors([]), at: new Date() });
    expect(result.outcome).toBe('issuer-unknown');
    expect(result.signatureValid).toBe(true);
    expect(result.hashes).toEqual([1, 2, 3, 14].map((dataGroup) => ({ dataGroup, status: 'match' })));
    expect(result.hashAlgorithm).toBe('SHA-1');
    expect(result.signatureAlgorithm).toBe('ECDSA with SHA1');
    expect(result.documentSigner).toContain('CN=DS');
    expect(result.detail).toContain('CSCA BDR TEST');
    expect(dataGroupIntact(result, 14)).toBe(true);
    expect(dataGroupAuthenticated(result, 14)).toBe(false);
  });

  it('names the data group whose hash does not match', () => {
    const dg2 = new Uint8Array(bsi2008('Datagroup2'));
    dg2[500] = dg2[500]! ^ 1;
    const result = verifyPassiveAuthentication({ sod: bsi2008('EF_SOD'), dataGroups: new Map([[1, bsi2008('Datagroup1')], [2, dg2]]), anchors: indexTrustAnchors([]), at: new Date() });
    expect(result.outcome).toBe('hash-mismatch');
    expect(result.hashes.find((h) => h.dataGroup === 2)?.status).toBe('mismatch');
    expect(result.hashes.find((h) => h.dataGroup === 3)?.status).toBe('not-read');
    expect(result.detail).toContain('DG2');
  });
});

interface Pki {
  cscaKey: TestKey;
  csca: Certificate;
  dsKey: TestKey;
  ds: Certificate;
}

const keys = new Map<KeyKind, TestKey[]>();
function key(kind: KeyKind, index = 0): TestKey {
  const list = keys.get(kind) ?? [];
  while (list.length <= index) list.push(makeKey(kind));
  keys.set(kind, list);
  return list[index]!;
}

const CSCA_NAME = name({ C: 'UT', O: 'Utopia', CN: 'CSCA Utopia' });

function pki(cscaKind: KeyKind, dsKind: KeyKind, cscaScheme?: SignatureScheme, index = 0): Pki {
  const cscaKey = key(cscaKind, index);
  const csca = selfSigned(CSCA_NAME, cscaKey, 1n, utc(2020, 1, 1), utc(2035, 1, 1), cscaScheme);
  const dsKey = key(dsKind, index + 1);
  const ds = issueCertificate({
    subject: name({ C: 'UT', O: 'Utopia', CN: 'Document Signer 7' }), issuer: CSCA_NAME, subjectKey: dsKey, issuerKey: cscaKey, serial: 0x1234n,
    notBefore: utc(2024, 1, 1), notAfter: utc(2034, 1, 1), ca: false, scheme: cscaScheme, privateKeyUsage: { notBefore: utc(2024, 1, 1), notAfter: utc(2024, 4, 1) },
  });
  return { cscaKey, csca, dsKey, ds };
}

const DG1 = encodeDg1(['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10']);
const DATA_GROUPS = new Map([[1, DG1], [2, tlv(0x75, new Uint8Array(3000).fill(7))], [14, tlv(0x6e, new Uint8Array(200).fill(1))], [15, tlv(0x6f, new Uint8Array(160).fill(2))]]);

function sodFor(p: Pki, hash: HashName, scheme: SignatureScheme, signingTime = utc(2024, 2, 1), groups = DATA_GROUPS): Uint8Array {
  const hashes = new Map([...groups].map(([n, b]) => [n, new Uint8Array(createHash(hash).update(b).digest())]));
  return encodeSod({ hash, hashes, signer: cmsSigner(p.ds, p.dsKey, scheme, hash), signingTime });
}

const AT = utc(2026, 1, 1);

describe('passive authentication under a test PKI', () => {
  const cases: [string, KeyKind, KeyKind, HashName, SignatureScheme, SignatureScheme | undefined][] = [
    ['RSA PKCS#1 v1.5, SHA-256', 'rsa2048', 'rsa2048', 'sha256', { kind: 'rsa-pkcs1', hash: 'sha256' }, undefined],
    ['RSA PKCS#1 v1.5, SHA-1 and SHA-512', 'rsa2048', 'rsa2048', 'sha512', { kind: 'rsa-pkcs1', hash: 'sha1' }, { kind: 'rsa-pkcs1', hash: 'sha512' }],
    ['RSA-PSS, SHA-256', 'rsa2048', 'rsa2048', 'sha256', { kind: 'rsa-pss', hash: 'sha256', mgfHash: 'sha256', saltLength: 32 }, { kind: 'rsa-pss', hash: 'sha384', mgfHash: 'sha384', saltLength: 48 }],
    ['ECDSA P-256, SHA-256 and SHA-384', 'p256', 'p256', 'sha384', { kind: 'ecdsa', hash: 'sha384', encoding: 'der' }, { kind: 'ecdsa', hash: 'sha256', encoding: 'der' }],
    ['ECDSA brainpoolP256r1 (explicit parameters), SHA-256', 'brainpoolP256r1', 'brainpoolP256r1', 'sha256', { kind: 'ecdsa', hash: 'sha256', encoding: 'der' }, undefined],
    ['ECDSA brainpoolP224r1 (explicit), SHA-224, under an RSA CSCA', 'rsa2048', 'brainpoolP224r1', 'sha224', { kind: 'ecdsa', hash: 'sha224', encoding: 'der' }, { kind: 'rsa-pkcs1', hash: 'sha256' }],
  ];
  it.each(cases)('%s: trusted', (_label, cscaKind, dsKind, hash, scheme, cscaScheme) => {
    const p = pki(cscaKind, dsKind, cscaScheme);
    const result = verifyPassiveAuthentication({ sod: sodFor(p, hash, scheme), dataGroups: DATA_GROUPS, anchors: indexTrustAnchors([p.csca]), at: AT });
    expect(result.detail).toMatch(/CSCA Utopia/);
    expect(result.outcome).toBe('trusted');
    expect(result.signatureValid).toBe(true);
    expect(result.hashes.every((h) => h.status === 'match')).toBe(true);
    expect(dataGroupAuthenticated(result, 15)).toBe(true);
    expect(result.signingTime).toBe('2024-02-01T00:00:00.000Z');
  });

  it('signature invalid: a signature from another key, or content changed under the signature', () => {
    const p = pki('p256', 'p256');
    const other = { ...p, dsKey: key('p256', 5) };
    const forged = verifyPassiveAuthentication({ sod: sodFor(other, 'sha256', { kind: 'ecdsa', hash: 'sha256', encoding: 'der' }), dataGroups: DATA_GROUPS, anchors: indexTrustAnchors([p.csca]), at: AT });
    expect(forged.outcome).toBe('signature-invalid');
    expect(forged.signatureValid).toBe(false);
    // A hash changed inside the signed content: the message digest no longer matches.
    const sod = sodFor(p, 'sha256', { kind: 'ecdsa', hash: 'sha256', encoding: 'der' });
    const i = Buffer.from(sod).indexOf(Buffer.from(createHash('sha256').update(DG1).digest()));
    const altered = new Uint8Array(sod);
    altered[i] = altered[i]! ^ 0xff;
    const result = verifyPassiveAuthentication({ sod: altered, dataGroups: DATA_GROUPS, anchors: indexTrustAnchors([p.csca]), at: AT });
    expect(result.outcome).toBe('signature-invalid');
  });

  it('issuer unknown, and a CSCA of the same name whose key did not sign: chain invalid', () => {
    const p = pki('p256', 'p256');
    const sod = sodFor(p, 'sha256', { kind: 'ecdsa', hash: 'sha256', encoding: 'der' });
    expect(verifyPassiveAuthentication({ sod, dataGroups: DATA_GROUPS, anchors: indexTrustAnchors([]), at: AT }).outcome).toBe('issuer-unknown');
    const impostor = selfSigned(CSCA_NAME, key('p256', 7), 9n, utc(2020, 1, 1), utc(2035, 1, 1));
    expect(verifyPassiveAuthentication({ sod, dataGroups: DATA_GROUPS, anchors: indexTrustAnchors([impostor]), at: AT }).outcome).toBe('chain-invalid');
  });

  it('CSCA expired at the time of checking; document signer used outside its key usage period', () => {
    const p = pki('p256', 'p256');
    const sod = sodFor(p, 'sha256', { kind: 'ecdsa', hash: 'sha256', encoding: 'der' });
    const late = verifyPassiveAuthentication({ sod, dataGroups: DATA_GROUPS, anchors: indexTrustAnchors([p.csca]), at: utc(2036, 1, 1) });
    expect(late.outcome).toBe('csca-expired');
    const lateSigning = sodFor(p, 'sha256', { kind: 'ecdsa', hash: 'sha256', encoding: 'der' }, utc(2024, 6, 1));
    const r = verifyPassiveAuthentication({ sod: lateSigning, dataGroups: DATA_GROUPS, anchors: indexTrustAnchors([p.csca]), at: AT });
    expect(r.outcome).toBe('ds-expired-at-signing');
    expect(r.detail).toMatch(/2024-01-01 to 2024-04-01/);
  });

  it('revoked by a CRL its CSCA signed; a CRL signed by someone else does not count', () => {
    const p = pki('p256', 'p256');
    const sod = sodFor(p, 'sha256', { kind: 'ecdsa', hash: 'sha256', encoding: 'der' });
    const crl = decodeRevocationList(makeCrl(p.csca, p.cscaKey, [{ serial: p.ds.serialNumber, date: utc(2025, 3, 1) }], utc(2025, 3, 1), utc(2025, 6, 1)));
    const r = verifyPassiveAuthentication({ sod, dataGroups: DATA_GROUPS, anchors: indexTrustAnchors([p.csca]), crls: [crl], at: AT });
    expect(r.outcome).toBe('revoked');
    expect(r.detail).toContain('2025-03-01');
    const fake = decodeRevocationList(makeCrl(p.csca, key('p256', 8), [{ serial: p.ds.serialNumber, date: utc(2025, 3, 1) }], utc(2025, 3, 1), utc(2025, 6, 1)));
    expect(verifyPassiveAuthentication({ sod, dataGroups: DATA_GROUPS, anchors: indexTrustAnchors([p.csca]), crls: [fake], at: AT }).outcome).toBe('trusted');
  });

  it('a document signer under a renewed CSCA key chains through the link certificate', () => {
    const oldKey = key('rsa2048', 3);
    const oldRoot = selfSigned(CSCA_NAME, oldKey, 1n, utc(2015, 1, 1), utc(2030, 1, 1));
    const newKey = key('brainpoolP256r1', 3);
    const link = issueCertificate({ subject: CSCA_NAME, issuer: CSCA_NAME, subjectKey: newKey, issuerKey: oldKey, serial: 2n, notBefore: utc(2022, 1, 1), notAfter: utc(2035, 1, 1), ca: true });
    const dsKey = key('p256', 9);
    const ds = issueCertificate({ subject: name({ C: 'UT', CN: 'DS 2024' }), issuer: CSCA_NAME, subjectKey: dsKey, issuerKey: newKey, serial: 77n, notBefore: utc(2024, 1, 1), notAfter: utc(2034, 1, 1), ca: false });
    const sod = sodFor({ cscaKey: newKey, csca: link, dsKey, ds }, 'sha256', { kind: 'ecdsa', hash: 'sha256', encoding: 'der' });
    const r = verifyPassiveAuthentication({ sod, dataGroups: DATA_GROUPS, anchors: indexTrustAnchors([oldRoot, link]), at: AT });
    expect(r.outcome).toBe('trusted');
    expect(r.chain?.csca?.serialNumber).toBe('02');
    // Without the link certificate the old root alone does not verify the document signer.
    expect(verifyPassiveAuthentication({ sod, dataGroups: DATA_GROUPS, anchors: indexTrustAnchors([oldRoot]), at: AT }).outcome).toBe('chain-invalid');
  });

  it('a data group read from the chip without a hash in EF.SOD is a mismatch; a malformed SOD is named so', () => {
    const p = pki('p256', 'p256');
    const sod = sodFor(p, 'sha256', { kind: 'ecdsa', hash: 'sha256', encoding: 'der' });
    const extra = new Map([...DATA_GROUPS, [11, tlv(0x6b, new Uint8Array(5))]]);
    const r = verifyPassiveAuthentication({ sod, dataGroups: extra, anchors: indexTrustAnchors([p.csca]), at: AT });
    expect(r.outcome).toBe('hash-mismatch');
    expect(r.hashes.find((h) => h.dataGroup === 11)?.status).toBe('not-in-sod');
    expect(verifyPassiveAuthentication({ sod: sod.subarray(0, 300), dataGroups: DATA_GROUPS, anchors: indexTrustAnchors([p.csca]), at: AT }).outcome).toBe('malformed');
  });
});
