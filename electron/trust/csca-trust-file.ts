// A file offered to the CSCA trust store, read for what it is: a CSCA master list (CMS SignedData
// of id-icao-cscaMasterList, ICAO 9303-12 §8), certificates (one DER certificate, or PEM with one
// or more), or a CRL (DER or PEM). Hostile input is expected — a file from a USB stick, a mail, a
// download: the size is bounded before reading, DER is decoded by the chip domain's bounded reader,
// PEM's base64 is read strictly, and anything else is refused in plain words naming the file as
// the user gave it. Nothing is stored here: the store imports what this returns, all or nothing.
import { LoupeError } from '../common/loupe-error';
import { decodeCanonicalBase64 } from '../common/strict-base64';
import { ChipError } from '../chip/chip-error';
import { decodeRevocationList, type RevocationList } from '../chip/pki/certificate-revocation-list';
import { decodeMasterList, type MasterList } from '../chip/pki/master-list';
import { OID } from '../chip/pki/object-identifiers';
import { pkiObject } from '../chip/pki/pki-object-kind';
import { decodeCertificate, type Certificate } from '../chip/pki/x509-certificate';

/**
 * The largest file read: the largest master lists published are about 1 MB (Germany's: 902 KB,
 * 588 CSCAs) and the chip domain's DER reader takes no element over 16 MB.
 */
export const MAX_TRUST_FILE_BYTES = 16 * 1024 * 1024;

export type TrustFileContent =
  | { readonly kind: 'master-list'; readonly list: MasterList }
  | { readonly kind: 'certificate'; readonly certificates: readonly Certificate[] }
  | { readonly kind: 'crl'; readonly crls: readonly RevocationList[] };

function refuse(file: string, why: string): LoupeError {
  return new LoupeError('trust', 'TrustFileRefused', `'${file}' ${why}`);
}

/** The chip reader's message without its framing, for a sentence about a file. */
function problem(error: unknown): string {
  if (!(error instanceof ChipError)) throw error;
  return error.message.replace(/^Malformed chip data: /, '').replace(/\.$/, '');
}

type Block = { label: string; der: Uint8Array };

const BEGIN = '-----BEGIN ';
const DASHES = '-----';
const PEM_LABEL = /^[A-Z0-9 ]{1,64}$/;
const PEM_LABELS: Readonly<Record<string, 'certificate' | 'crl' | 'cms'>> = {
  CERTIFICATE: 'certificate',
  'X509 CERTIFICATE': 'certificate',
  'X509 CRL': 'crl',
  CMS: 'cms',
  PKCS7: 'cms',
};

/**
 * PEM blocks (RFC 7468) of the text, each body strict base64; null when the file is not PEM. Read
 * in one pass with plain searches: every block that begins must end (with its own label) before the
 * next is looked for. (A lazy regular expression over the text took time quadratic in the number
 * of openings that never close: 26 s for 1 MB of them.)
 */
function pemBlocks(file: string, bytes: Uint8Array): Block[] | null {
  // PEM is ASCII; a DER file starts with a tag byte and is never mistaken for text starting a block.
  const text = Buffer.from(bytes).toString('latin1');
  if (!text.includes(BEGIN)) return null;
  const blocks: Block[] = [];
  for (let at = text.indexOf(BEGIN); at >= 0; at = text.indexOf(BEGIN, at)) {
    const labelStart = at + BEGIN.length;
    const labelEnd = text.indexOf(DASHES, labelStart);
    const label = labelEnd < 0 ? '' : text.slice(labelStart, labelEnd);
    if (!PEM_LABEL.test(label)) throw refuse(file, 'starts a PEM block but holds no complete one (-----BEGIN … -----END …)');
    if (!PEM_LABELS[label]) throw refuse(file, `holds a PEM block of type '${label}', not a certificate, a CRL or a master list`);
    const bodyStart = labelEnd + DASHES.length;
    const end = text.indexOf(`-----END ${label}-----`, bodyStart);
    if (end < 0) throw refuse(file, `starts a PEM block '${label}' that does not end (-----END ${label}-----)`);
    const der = decodeCanonicalBase64(text.slice(bodyStart, end).replace(/[\r\n\t ]/g, ''));
    if (der === null || der.length === 0) throw refuse(file, `holds a PEM block '${label}' whose base64 is damaged`);
    blocks.push({ label, der: new Uint8Array(der) });
    at = end + `-----END ${label}-----`.length;
  }
  return blocks;
}

type Item = { kind: 'certificate'; certificate: Certificate } | { kind: 'crl'; crl: RevocationList } | { kind: 'master-list'; list: MasterList };

function readObject(file: string, der: Uint8Array): Item {
  const object = pkiObject(der);
  try {
    switch (object.kind) {
      case 'certificate':
        return { kind: 'certificate', certificate: decodeCertificate(object.der) };
      case 'crl':
        return { kind: 'crl', crl: decodeRevocationList(object.der) };
      case 'signed-data':
        if (object.contentType === OID.cscaMasterList) return { kind: 'master-list', list: decodeMasterList(object.der) };
        if (object.contentType === OID.ldsSecurityObject) throw refuse(file, 'is a document security object (EF.SOD), not trust material: check it with loupe chip sod');
        throw refuse(file, `is CMS signed data of type ${object.contentType || 'unknown'}, not a CSCA master list (${OID.cscaMasterList})`);
      case 'sod':
        throw refuse(file, 'is a document security object (EF.SOD), not trust material: check it with loupe chip sod');
      case 'unknown':
        throw refuse(file, `is not a CSCA master list, a certificate or a CRL: ${object.reason.replace(/^Malformed chip data: /, '').replace(/\.$/, '')}`);
    }
  } catch (error) {
    if (error instanceof LoupeError) throw error;
    throw refuse(file, `is a ${object.kind === 'signed-data' ? 'master list' : object.kind === 'crl' ? 'CRL' : 'certificate'} that cannot be read: ${problem(error)}`);
  }
}

/** Reads one file's bytes (size already bounded by the caller) as trust material, or refuses it. */
export function readTrustFile(file: string, bytes: Uint8Array): TrustFileContent {
  if (bytes.length === 0) throw refuse(file, 'is empty');
  if (bytes.length > MAX_TRUST_FILE_BYTES) throw refuse(file, `is too large (${bytes.length} bytes; at most ${MAX_TRUST_FILE_BYTES})`);
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  if (/^(version: *1|dn:)/m.test(head)) throw refuse(file, 'is an LDIF file (an ICAO PKD download): give the master list, certificate or CRL files it holds');
  const blocks = pemBlocks(file, bytes) ?? [{ label: 'DER', der: bytes }];
  const items = blocks.map((b) => readObject(file, b.der));
  const lists = items.filter((i): i is Extract<Item, { kind: 'master-list' }> => i.kind === 'master-list');
  const certificates = items.flatMap((i) => (i.kind === 'certificate' ? [i.certificate] : []));
  const crls = items.flatMap((i) => (i.kind === 'crl' ? [i.crl] : []));
  if (lists.length > 0) {
    if (items.length > 1) throw refuse(file, 'holds a master list together with other objects: give the master list in a file of its own');
    return { kind: 'master-list', list: lists[0]!.list };
  }
  if (certificates.length > 0 && crls.length > 0) throw refuse(file, 'holds certificates and CRLs together: give them in separate files');
  return certificates.length > 0 ? { kind: 'certificate', certificates } : { kind: 'crl', crls };
}
