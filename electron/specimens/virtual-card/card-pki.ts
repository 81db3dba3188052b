// The PKI the virtual card signs its chips with: one CSCA ("Utopia") with its CRL, and document
// signers for every outcome of passive authentication a drill needs — valid, expired when it
// signed, revoked (on the CSCA's CRL), and one under a CSCA nobody trusts. Kept in a folder so the
// card process and the station (or a test) share it: `csca.der` / `csca.pem`, `crl.der` and a
// master list `masterlist.der` are what a trust store imports; `card-pki.json` holds the keys.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCertificate, type Certificate } from '../../chip/pki/x509-certificate';
import type { DocumentSigner } from './specimen-passport';
import { issueCertificate, makeCrl, makeKey, makeMasterList, name, selfSigned, utc, type TestKey } from './specimen-pki';

export const SIGNER_KINDS = ['valid', 'expired', 'revoked', 'unknown'] as const;
export type SignerKind = (typeof SIGNER_KINDS)[number];

export interface CardPki {
  readonly csca: Certificate;
  readonly cscaKey: TestKey;
  readonly signers: Readonly<Record<SignerKind, DocumentSigner>>;
  /** The CSCA's CRL: lists the revoked signer. */
  readonly crl: Uint8Array;
  /** The CSCA of the unknown signer (in no trust store). */
  readonly foreignCsca: Certificate;
}

const PKI_FILE = 'card-pki.json';

/**
 * `country`: the country attribute (ISO 3166-1 alpha-2) of the CSCA and its signers — "UT" for
 * ICAO's Utopia by default; a drill with a printed specimen of another state gives that state's.
 */
export function createCardPki(options: { country?: string } = {}): CardPki {
  const country = options.country ?? 'UT';
  const cscaKey = makeKey('p256');
  const csca = selfSigned(name({ C: country, O: 'Utopia', CN: 'CSCA Utopia (specimen)' }), cscaKey, 1n, utc(2020, 1, 1), utc(2040, 1, 1));
  const signer = (serial: bigint, cn: string, from: Date, to: Date, issuer = csca, issuerKey = cscaKey): DocumentSigner => {
    const key = makeKey('p256');
    const certificate = issueCertificate({ subject: name({ C: issuer === csca ? country : 'AT', CN: cn }), issuer: issuer.subject.encoded, subjectKey: key, issuerKey, serial, notBefore: from, notAfter: to, ca: false });
    return { certificate, key };
  };
  const foreignKey = makeKey('p256');
  const foreignCsca = selfSigned(name({ C: 'AT', O: 'Atlantis', CN: 'CSCA Atlantis (specimen)' }), foreignKey, 1n, utc(2020, 1, 1), utc(2040, 1, 1));
  const signers = {
    valid: signer(42n, 'DS Utopia (specimen)', utc(2024, 1, 1), utc(2036, 1, 1)),
    // Ended before the specimen SODs are signed (2024-03-01).
    expired: signer(43n, 'DS Utopia expired (specimen)', utc(2020, 1, 1), utc(2023, 12, 31)),
    revoked: signer(44n, 'DS Utopia revoked (specimen)', utc(2024, 1, 1), utc(2036, 1, 1)),
    unknown: signer(45n, 'DS Atlantis (specimen)', utc(2024, 1, 1), utc(2036, 1, 1), foreignCsca, foreignKey),
  };
  const crl = makeCrl(csca, cscaKey, [{ serial: signers.revoked.certificate.serialNumber, date: utc(2024, 6, 1) }], utc(2024, 6, 1), utc(2040, 1, 1));
  return { csca, cscaKey, signers, crl, foreignCsca };
}

interface StoredKey {
  readonly pkcs8: string;
}

function storeKey(key: TestKey): StoredKey {
  return { pkcs8: key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}

function loadKey(stored: StoredKey): TestKey {
  const privateKey = createPrivateKey(stored.pkcs8);
  return { kind: 'p256', privateKey, spki: new Uint8Array(createPublicKey(privateKey).export({ format: 'der', type: 'spki' })) };
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const unb64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

/** Writes the PKI into `dir` (keys readable by the owner only). */
export function saveCardPki(dir: string, pki: CardPki): void {
  mkdirSync(dir, { recursive: true });
  const stored = {
    csca: b64(pki.csca.encoded),
    cscaKey: storeKey(pki.cscaKey),
    foreignCsca: b64(pki.foreignCsca.encoded),
    crl: b64(pki.crl),
    signers: Object.fromEntries(SIGNER_KINDS.map((k) => [k, { certificate: b64(pki.signers[k].certificate.encoded), key: storeKey(pki.signers[k].key) }])),
  };
  const file = join(dir, PKI_FILE);
  writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  writeFileSync(join(dir, 'csca.der'), pki.csca.encoded);
  writeFileSync(join(dir, 'csca.pem'), `-----BEGIN CERTIFICATE-----\n${b64(pki.csca.encoded).replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`);
  writeFileSync(join(dir, 'crl.der'), pki.crl);
  writeFileSync(join(dir, 'masterlist.der'), makeMasterList(pki.csca, pki.cscaKey, [pki.csca]));
}

export function loadCardPki(dir: string): CardPki {
  const stored = JSON.parse(readFileSync(join(dir, PKI_FILE), 'utf8')) as {
    csca: string;
    cscaKey: StoredKey;
    foreignCsca: string;
    crl: string;
    signers: Record<SignerKind, { certificate: string; key: StoredKey }>;
  };
  const signers = Object.fromEntries(
    SIGNER_KINDS.map((k) => [k, { certificate: decodeCertificate(unb64(stored.signers[k].certificate)), key: loadKey(stored.signers[k].key) }]),
  ) as Record<SignerKind, DocumentSigner>;
  return { csca: decodeCertificate(unb64(stored.csca)), cscaKey: loadKey(stored.cscaKey), foreignCsca: decodeCertificate(unb64(stored.foreignCsca)), crl: unb64(stored.crl), signers };
}

/** The PKI kept in `dir`, made there first when the folder holds none. */
export function cardPkiIn(dir: string): CardPki {
  if (existsSync(join(dir, PKI_FILE))) return loadCardPki(dir);
  const pki = createCardPki();
  saveCardPki(dir, pki);
  return pki;
}
