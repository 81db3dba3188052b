// EF.SOD, the document security object (ICAO 9303-10 §4.6.2): '77' { CMS SignedData } whose
// content is the LDSSecurityObject
//   SEQUENCE { version, hashAlgorithm, dataGroupHashValues SEQUENCE OF { dataGroupNumber,
//              dataGroupHashValue }, ldsVersionInfo OPTIONAL (version 1: LDS 1.8) }.
import { fromAscii } from '../bytes';
import { malformed } from '../chip-error';
import { readAlgorithmIdentifier } from '../pki/algorithm-identifier';
import { decodeSignedData, type SignedData } from '../pki/cms-signed-data';
import { encodeAlgorithm, encodeSignedData, type CmsSigner } from '../pki/cms-signed-data-encoder';
import { OID } from '../pki/object-identifiers';
import { hashOf, oidOfHash, type HashName } from '../pki/signature-algorithm';
import { ASN1 } from '../tlv/asn1-tags';
import { decodeTlv, expectTag, tlvChildren } from '../tlv/ber-tlv-reader';
import { tlv } from '../tlv/ber-tlv-writer';
import { der, readOctetString, readSmallInteger, readString } from '../tlv/der-values';
import { LDS_TAG } from './lds-files';

export interface LdsSecurityObject {
  readonly version: number;
  readonly hashAlgorithm: HashName;
  /** Data group number → hash. */
  readonly hashes: ReadonlyMap<number, Uint8Array>;
  readonly ldsVersion: string | null;
  readonly unicodeVersion: string | null;
}

export interface Sod {
  readonly signedData: SignedData;
  readonly securityObject: LdsSecurityObject;
}

export function decodeLdsSecurityObject(bytes: Uint8Array): LdsSecurityObject {
  const [version, hashAlg, values, versionInfo] = tlvChildren(expectTag(decodeTlv(bytes), ASN1.SEQUENCE, 'LDS security object'));
  if (!version || !hashAlg || !values) throw malformed('incomplete LDS security object');
  const hashes = new Map<number, Uint8Array>();
  for (const entry of tlvChildren(expectTag(values, ASN1.SEQUENCE, 'data group hashes'))) {
    const [n, h] = tlvChildren(entry);
    if (!n || !h) throw malformed('incomplete data group hash');
    const dg = readSmallInteger(n, 'data group number');
    if (dg < 1 || dg > 16) throw malformed(`hash of data group ${dg}`);
    if (hashes.has(dg)) throw malformed(`two hashes of data group ${dg}`);
    hashes.set(dg, readOctetString(h));
  }
  let ldsVersion: string | null = null;
  let unicodeVersion: string | null = null;
  if (versionInfo) {
    const [l, u] = tlvChildren(versionInfo);
    ldsVersion = l ? readString(l) : null;
    unicodeVersion = u ? readString(u) : null;
  }
  return { version: readSmallInteger(version), hashAlgorithm: hashOf(readAlgorithmIdentifier(hashAlg)), hashes, ldsVersion, unicodeVersion };
}

export function decodeSod(bytes: Uint8Array): Sod {
  const outer = expectTag(decodeTlv(bytes, { skipPadding: true }), LDS_TAG.SOD, 'EF.SOD');
  const signedData = decodeSignedData(outer.value, {});
  if (signedData.contentType !== OID.ldsSecurityObject) throw malformed(`EF.SOD holds content ${signedData.contentType}, not an LDS security object`);
  return { signedData, securityObject: decodeLdsSecurityObject(signedData.content) };
}

export function encodeLdsSecurityObject(hash: HashName, hashes: ReadonlyMap<number, Uint8Array>, versionInfo?: { lds: string; unicode: string }): Uint8Array {
  const entries = [...hashes.entries()].sort(([a], [b]) => a - b).map(([n, h]) => der.sequence(der.integer(n), der.octetString(h)));
  return der.sequence(
    der.integer(versionInfo ? 1 : 0),
    encodeAlgorithm(oidOfHash(hash)),
    der.sequence(...entries),
    ...(versionInfo ? [der.sequence(tlv(ASN1.PRINTABLE_STRING, fromAscii(versionInfo.lds)), tlv(ASN1.PRINTABLE_STRING, fromAscii(versionInfo.unicode)))] : []),
  );
}

export function encodeSod(input: { hash: HashName; hashes: ReadonlyMap<number, Uint8Array>; signer: CmsSigner; signingTime?: Date; versionInfo?: { lds: string; unicode: string } }): Uint8Array {
  const content = encodeLdsSecurityObject(input.hash, input.hashes, input.versionInfo);
  return tlv(LDS_TAG.SOD, encodeSignedData({ contentType: OID.ldsSecurityObject, content, signer: input.signer, signingTime: input.signingTime }));
}
