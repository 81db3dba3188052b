// Trust material made at test time for the CSCA trust store and the chip commands: CSCAs of real
// issuing states (the store maps their country to ICAO codes), master lists signed under a root,
// document signers, CRLs, SODs over given data groups, and the PEM and file forms they travel in.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeSod } from '../../../electron/chip/lds/sod.codec';
import type { Certificate } from '../../../electron/chip/pki/x509-certificate';
import { cmsSigner, issueCertificate, makeCrl, makeKey, makeMasterList, name, selfSigned, utc, type KeyKind, type TestKey } from './test-pki';

export interface Issued {
  readonly key: TestKey;
  readonly certificate: Certificate;
}

export interface CscaOptions {
  readonly country: string;
  readonly cn?: string;
  readonly serial?: bigint;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly key?: TestKey;
  readonly keyKind?: KeyKind;
}

export function csca(o: CscaOptions): Issued {
  const key = o.key ?? makeKey(o.keyKind ?? 'p256');
  const certificate = selfSigned(name({ C: o.country, O: `State ${o.country}`, CN: o.cn ?? `CSCA ${o.country}` }), key, o.serial ?? 1n, o.notBefore ?? utc(2020, 1, 1), o.notAfter ?? utc(2040, 1, 1));
  return { key, certificate };
}

export interface SignerOptions {
  readonly serial?: bigint;
  readonly cn?: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly privateKeyUsage?: { notBefore: Date; notAfter: Date };
  readonly keyKind?: KeyKind;
}

/** A document signer (or master list signer) certificate issued by `issuer`. */
export function signerUnder(issuer: Issued, o: SignerOptions = {}): Issued {
  const key = makeKey(o.keyKind ?? 'p256');
  const certificate = issueCertificate({
    subject: name({ C: issuer.certificate.subject.country ?? 'XX', CN: o.cn ?? 'Document Signer' }),
    issuer: issuer.certificate.subject.encoded,
    subjectKey: key,
    issuerKey: issuer.key,
    serial: o.serial ?? 42n,
    notBefore: o.notBefore ?? utc(2024, 1, 1),
    notAfter: o.notAfter ?? utc(2036, 1, 1),
    ca: false,
    privateKeyUsage: o.privateKeyUsage,
  });
  return { key, certificate };
}

/** A link certificate: `next`'s key certified by `previous` (ICAO 9303-12 §5.5.2). */
export function linkCertificate(previous: Issued, next: Issued, serial = 2n): Certificate {
  return issueCertificate({
    subject: next.certificate.subject.encoded, issuer: previous.certificate.subject.encoded, subjectKey: next.key, issuerKey: previous.key, serial,
    notBefore: next.certificate.notBefore, notAfter: next.certificate.notAfter, ca: true,
  });
}

export function masterList(signer: Issued, certificates: readonly Certificate[]): Uint8Array {
  return makeMasterList(signer.certificate, signer.key, certificates);
}

export function crlOf(issuer: Issued, revoked: readonly { serial: bigint; date: Date }[], thisUpdate: Date, nextUpdate: Date): Uint8Array {
  return makeCrl(issuer.certificate, issuer.key, revoked.map((r) => ({ serial: r.serial.toString(16).padStart(2, '0'), date: r.date })), thisUpdate, nextUpdate);
}

/** An EF.SOD over `groups` signed by `signer`, with its hash per data group. */
export function sodOver(signer: Issued, groups: ReadonlyMap<number, Uint8Array>, signingTime: Date = utc(2024, 3, 1)): Uint8Array {
  return encodeSod({
    hash: 'sha256',
    hashes: new Map([...groups].map(([n, b]) => [n, new Uint8Array(createHash('sha256').update(b).digest())])),
    signer: cmsSigner(signer.certificate, signer.key),
    signingTime,
  });
}

export function pem(label: string, der: Uint8Array): string {
  const body = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** Writes `data` to `dir/name` and returns the path. */
export function put(dir: string, fileName: string, data: Uint8Array | string): string {
  const path = join(dir, fileName);
  writeFileSync(path, data);
  return path;
}
