// Certificate revocation lists of CSCAs (RFC 5280 §5, ICAO 9303-12 §7.1.4): the issuer, the
// update times and the serial numbers revoked.
import { hex } from '../bytes';
import { malformed } from '../chip-error';
import { ASN1 } from '../tlv/asn1-tags';
import { decodeTlv, expectTag, tlvChildren } from '../tlv/ber-tlv-reader';
import { readBitString, readTime, readUnsignedIntegerBytes } from '../tlv/der-values';
import { readAlgorithmIdentifier, type AlgorithmIdentifier } from './algorithm-identifier';
import { readName, type X509Name } from './x509-name';

export interface RevocationList {
  readonly encoded: Uint8Array;
  readonly tbs: Uint8Array;
  readonly issuer: X509Name;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | null;
  /** Revoked serial numbers (hex, as Certificate.serialNumber) with their revocation dates. */
  readonly revoked: ReadonlyMap<string, Date>;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signature: Uint8Array;
}

export function decodeRevocationList(bytes: Uint8Array): RevocationList {
  const top = decodeTlv(bytes);
  const [tbsTlv, sigAlg, sigValue] = tlvChildren(expectTag(top, ASN1.SEQUENCE, 'CRL'));
  if (!tbsTlv || !sigAlg || !sigValue) throw malformed('incomplete CRL');
  const fields = tlvChildren(expectTag(tbsTlv, ASN1.SEQUENCE, 'TBS CRL'));
  let i = fields[0]?.tag === ASN1.INTEGER ? 1 : 0;
  const [, issuer, thisUpdate] = fields.slice(i, i + 3);
  if (!issuer || !thisUpdate) throw malformed('incomplete CRL');
  i += 3;
  let nextUpdate: Date | null = null;
  if (fields[i] && (fields[i]!.tag === ASN1.UTC_TIME || fields[i]!.tag === ASN1.GENERALIZED_TIME)) nextUpdate = readTime(fields[i++]!);
  const revoked = new Map<string, Date>();
  if (fields[i]?.tag === ASN1.SEQUENCE) {
    for (const entry of tlvChildren(fields[i]!)) {
      const [serial, date] = tlvChildren(entry);
      if (serial && date) revoked.set(hex(readUnsignedIntegerBytes(serial)), readTime(date));
    }
  }
  return {
    encoded: top.encoded, tbs: tbsTlv.encoded, issuer: readName(issuer), thisUpdate: readTime(thisUpdate), nextUpdate, revoked,
    signatureAlgorithm: readAlgorithmIdentifier(sigAlg), signature: readBitString(sigValue),
  };
}
