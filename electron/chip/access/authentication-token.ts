// The PACE authentication tokens (ICAO 9303-11 §4.4.3.4, BSI TR-03110-3 §A.2.4 and §D.3): a MAC
// under KSmac over the other side's ephemeral public key data object
//   7F49 { 06 <protocol OID>, 86 <EC point> | 84 <DH value> }.
// AES: CMAC truncated to 8 bytes, over the object unpadded; 3DES: the retail MAC over it padded.
import { aesCmac } from '../crypto/aes-cmac';
import { pad } from '../crypto/iso9797-padding';
import { retailMac } from '../crypto/retail-mac';
import type { SymmetricCipher } from '../crypto/symmetric-cipher';
import { tlv } from '../tlv/ber-tlv-writer';
import { encodeOid } from '../tlv/object-identifier';

export function publicKeyDataObject(oid: string, kind: 'EC' | 'DH', encodedPublicKey: Uint8Array): Uint8Array {
  return tlv(0x7f49, tlv(0x06, encodeOid(oid)), tlv(kind === 'EC' ? 0x86 : 0x84, encodedPublicKey));
}

export function authenticationToken(cipher: SymmetricCipher, macKey: Uint8Array, oid: string, kind: 'EC' | 'DH', encodedPublicKey: Uint8Array): Uint8Array {
  const input = publicKeyDataObject(oid, kind, encodedPublicKey);
  return cipher === 'TDES' ? retailMac(macKey, pad(input, 8)) : aesCmac(macKey, input).subarray(0, 8);
}
