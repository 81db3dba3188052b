// A specimen eMRTD PKI: CSCA, link and document signer certificates, CRLs and master lists built
// with the chip domain's DER writer and signed by node:crypto — RSA (PKCS #1 v1.5 and PSS) and
// ECDSA on P-256 and brainpoolP256r1 with explicit parameters, as real issuers use them. For
// specimen chips (the virtual card) and the tests; never part of the station.
import { createHash, generateKeyPairSync, sign, constants, type KeyObject } from 'node:crypto';
import { concat } from '../../chip/bytes';
import { curveByName } from '../../chip/crypto/ec-curves';
import { encodeSignatureAlgorithm, encodeSignedData } from '../../chip/pki/cms-signed-data-encoder';
import { OID } from '../../chip/pki/object-identifiers';
import type { HashName, SignatureScheme } from '../../chip/pki/signature-algorithm';
import { encodeEcPublicKeyInfo, readSubjectPublicKeyInfo } from '../../chip/pki/subject-public-key-info';
import { decodeCertificate, type Certificate } from '../../chip/pki/x509-certificate';
import { decodeTlv } from '../../chip/tlv/ber-tlv-reader';
import { tlv } from '../../chip/tlv/ber-tlv-writer';
import { der } from '../../chip/tlv/der-values';
import type { CmsSigner } from '../../chip/pki/cms-signed-data-encoder';

export type KeyKind = 'rsa2048' | 'rsa1024' | 'p256' | 'brainpoolP256r1' | 'brainpoolP224r1';

export interface TestKey {
  readonly kind: KeyKind;
  readonly privateKey: KeyObject;
  /** SubjectPublicKeyInfo as certificates carry it (explicit parameters for Brainpool). */
  readonly spki: Uint8Array;
}

export function makeKey(kind: KeyKind): TestKey {
  if (kind === 'rsa2048' || kind === 'rsa1024') {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: kind === 'rsa2048' ? 2048 : 1024 });
    return { kind, privateKey, spki: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })) };
  }
  const namedCurve = kind === 'p256' ? 'prime256v1' : kind;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
  const named = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
  if (kind === 'p256') return { kind, privateKey, spki: named };
  const info = readSubjectPublicKeyInfo(decodeTlv(named));
  if (info.kind !== 'EC') throw new Error('not EC');
  return { kind, privateKey, spki: encodeEcPublicKeyInfo(curveByName(kind)!, info.point) };
}

export function defaultScheme(key: TestKey, hash: HashName = 'sha256'): SignatureScheme {
  return key.kind.startsWith('rsa') ? { kind: 'rsa-pkcs1', hash } : { kind: 'ecdsa', hash, encoding: 'der' };
}

export function signWith(key: TestKey, scheme: SignatureScheme, data: Uint8Array): Uint8Array {
  switch (scheme.kind) {
    case 'rsa-pkcs1':
      return new Uint8Array(sign(scheme.hash, data, { key: key.privateKey, padding: constants.RSA_PKCS1_PADDING }));
    case 'rsa-pss':
      return new Uint8Array(sign(scheme.hash, data, { key: key.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: scheme.saltLength }));
    case 'ecdsa': {
      const sig = new Uint8Array(sign(scheme.hash, data, { key: key.privateKey, dsaEncoding: scheme.encoding === 'plain' ? 'ieee-p1363' : 'der' }));
      return sig;
    }
  }
}

export function name(parts: { C: string; O?: string; CN: string; serialNumber?: string }): Uint8Array {
  const rdn = (oid: string, value: Uint8Array) => der.set(der.sequence(der.oid(oid), value));
  return der.sequence(
    rdn('2.5.4.6', der.printable(parts.C)),
    ...(parts.O ? [rdn('2.5.4.10', der.utf8(parts.O))] : []),
    rdn('2.5.4.3', der.utf8(parts.CN)),
    ...(parts.serialNumber ? [rdn('2.5.4.5', der.printable(parts.serialNumber))] : []),
  );
}

export function keyId(spki: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha1').update(spki).digest());
}

function extension(oid: string, value: Uint8Array, critical = false): Uint8Array {
  return der.sequence(der.oid(oid), ...(critical ? [der.boolean(true)] : []), der.octetString(value));
}

export interface IssueOptions {
  readonly subject: Uint8Array;
  readonly issuer: Uint8Array;
  readonly subjectKey: TestKey;
  readonly issuerKey: TestKey;
  readonly serial: bigint;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly ca: boolean;
  readonly scheme?: SignatureScheme;
  readonly privateKeyUsage?: { notBefore: Date; notAfter: Date };
}

export function issueCertificate(o: IssueOptions): Certificate {
  const scheme = o.scheme ?? defaultScheme(o.issuerKey);
  const sigAlg = encodeSignatureAlgorithm(scheme);
  const extensions = [
    extension(OID.subjectKeyIdentifier, der.octetString(keyId(o.subjectKey.spki))),
    extension(OID.authorityKeyIdentifier, der.sequence(der.implicit(0, keyId(o.issuerKey.spki)))),
    extension(OID.keyUsage, tlv(0x03, o.ca ? new Uint8Array([1, 0x06]) : new Uint8Array([7, 0x80])), true),
    ...(o.ca ? [extension(OID.basicConstraints, der.sequence(der.boolean(true), der.integer(0)), true)] : []),
    ...(o.privateKeyUsage
      ? [extension(OID.privateKeyUsagePeriod, der.sequence(generalized(0x80, o.privateKeyUsage.notBefore), generalized(0x81, o.privateKeyUsage.notAfter)))]
      : []),
  ];
  const tbs = der.sequence(
    der.explicit(0, der.integer(2)),
    der.integer(o.serial),
    sigAlg,
    o.issuer,
    der.sequence(der.time(o.notBefore), der.time(o.notAfter)),
    o.subject,
    o.subjectKey.spki,
    der.explicit(3, der.sequence(...extensions)),
  );
  return decodeCertificate(der.sequence(tbs, sigAlg, der.bitString(signWith(o.issuerKey, scheme, tbs))));
}

function generalized(tag: number, date: Date): Uint8Array {
  const g = der.generalizedTime(date);
  return concat(new Uint8Array([tag]), g.subarray(1));
}

export function selfSigned(subject: Uint8Array, key: TestKey, serial: bigint, notBefore: Date, notAfter: Date, scheme?: SignatureScheme): Certificate {
  return issueCertificate({ subject, issuer: subject, subjectKey: key, issuerKey: key, serial, notBefore, notAfter, ca: true, scheme });
}

export function cmsSigner(certificate: Certificate, key: TestKey, scheme: SignatureScheme = defaultScheme(key), digest: HashName = scheme.hash): CmsSigner {
  return { certificate, digest, scheme, sign: (data) => signWith(key, scheme, data) };
}

export function makeCrl(issuer: Certificate, issuerKey: TestKey, revoked: readonly { serial: string; date: Date }[], thisUpdate: Date, nextUpdate: Date): Uint8Array {
  const scheme = defaultScheme(issuerKey);
  const sigAlg = encodeSignatureAlgorithm(scheme);
  const entries = revoked.map((r) => der.sequence(der.unsignedInteger(Uint8Array.from(Buffer.from(r.serial, 'hex'))), der.time(r.date)));
  const tbs = der.sequence(der.integer(1), sigAlg, issuer.subject.encoded, der.time(thisUpdate), der.time(nextUpdate), ...(entries.length ? [der.sequence(...entries)] : []));
  return der.sequence(tbs, sigAlg, der.bitString(signWith(issuerKey, scheme, tbs)));
}

export function makeMasterList(signer: Certificate, signerKey: TestKey, certificates: readonly Certificate[]): Uint8Array {
  const content = der.sequence(der.integer(0), der.setOf(...certificates.map((c) => c.encoded)));
  return encodeSignedData({ contentType: OID.cscaMasterList, content, signer: cmsSigner(signer, signerKey), signingTime: new Date() });
}

export const DAY = 86_400_000;
export const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
