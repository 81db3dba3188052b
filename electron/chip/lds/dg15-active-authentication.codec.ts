// DG15, the active authentication public key (ICAO 9303-10 §4.7.15, 9303-11 §6.1):
// '6F' { SubjectPublicKeyInfo } — RSA, or EC for ECDSA.
import { malformed } from '../chip-error';
import { readSubjectPublicKeyInfo, type PublicKeyInfo } from '../pki/subject-public-key-info';
import { decodeTlv, expectTag, tlvChildren } from '../tlv/ber-tlv-reader';
import { tlv } from '../tlv/ber-tlv-writer';
import { LDS_TAG } from './lds-files';

export function decodeDg15(bytes: Uint8Array): PublicKeyInfo {
  const dg = expectTag(decodeTlv(bytes, { skipPadding: true }), LDS_TAG.DG15, 'DG15');
  const [spki] = tlvChildren(dg);
  if (!spki) throw malformed('DG15 holds no public key');
  const key = readSubjectPublicKeyInfo(spki);
  if (key.kind === 'DH') throw malformed('DG15 holds a Diffie-Hellman key, which cannot sign');
  return key;
}

export function encodeDg15(spki: Uint8Array): Uint8Array {
  return tlv(LDS_TAG.DG15, spki);
}
