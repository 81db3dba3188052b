// DG14, security options (ICAO 9303-10 §4.7.14, 9303-11 §9.2): '6E' { SecurityInfos } — chip
// authentication keys and protocols, PACE, terminal authentication, the AA signature algorithm.
// Encoding keeps the order given (chips do not always sort their SET in DER order, and a
// decoded-then-encoded DG14 must hash as before).
import { ChipError } from '../chip-error';
import { der } from '../tlv/der-values';
import { decodeTlv, expectTag, tlvChildren } from '../tlv/ber-tlv-reader';
import { tlv } from '../tlv/ber-tlv-writer';
import { ASN1 } from '../tlv/asn1-tags';
import { LDS_TAG } from './lds-files';
import { encodeSecurityInfo, readSecurityInfo, type SecurityInfo } from './security-infos.codec';

export function decodeDg14(bytes: Uint8Array): SecurityInfo[] {
  const dg = expectTag(decodeTlv(bytes, { skipPadding: true }), LDS_TAG.DG14, 'DG14');
  const [set] = tlvChildren(dg);
  return tlvChildren(expectTag(set ?? dg, ASN1.SET, 'SecurityInfos')).map(readSecurityInfo);
}

export function encodeDg14(infos: readonly SecurityInfo[]): Uint8Array {
  return tlv(LDS_TAG.DG14, der.set(...infos.map((i) => encodeSecurityInfo(i))));
}

/** DG14's security infos, or null when DG14 was not read or does not decode (the clone checks then say why). */
export function securityInfosOrNull(bytes: Uint8Array | undefined): SecurityInfo[] | null {
  if (!bytes) return null;
  try {
    return decodeDg14(bytes);
  } catch (e) {
    if (e instanceof ChipError) return null;
    throw e;
  }
}
