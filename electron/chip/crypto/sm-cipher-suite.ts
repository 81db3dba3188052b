// The cryptographic primitives of secure messaging for one set of session keys (ICAO 9303-11
// §9.8.6): 3DES-CBC with a zero IV and the retail MAC, or AES-CBC with IV = E(KSenc, SSC) and
// AES-CMAC truncated to 8 bytes. In both, the MAC input is the SSC followed by the message, padded
// with method 2. Reader and card share this: the ICAO worked examples pin it down.
import { concat } from '../bytes';
import { aesCbcDecrypt, aesCbcEncrypt, aesEcbEncrypt, tdesCbcDecrypt, tdesCbcEncrypt } from './block-cipher';
import { aesCmac } from './aes-cmac';
import { pad } from './iso9797-padding';
import type { SessionKeys } from './key-derivation';
import { retailMac } from './retail-mac';
import { blockSize, type SymmetricCipher } from './symmetric-cipher';

export interface SmCipherSuite {
  readonly cipher: SymmetricCipher;
  readonly blockSize: 8 | 16;
  /** Encrypts data already padded to the block size. */
  encrypt(ssc: Uint8Array, padded: Uint8Array): Uint8Array;
  decrypt(ssc: Uint8Array, data: Uint8Array): Uint8Array;
  /** The 8-byte MAC of pad(SSC ‖ message). */
  mac(ssc: Uint8Array, message: Uint8Array): Uint8Array;
}

export function smCipherSuite(keys: SessionKeys): SmCipherSuite {
  const size = blockSize(keys.cipher);
  if (keys.cipher === 'TDES') {
    return {
      cipher: keys.cipher,
      blockSize: size,
      encrypt: (_ssc, padded) => tdesCbcEncrypt(keys.encKey, padded),
      decrypt: (_ssc, data) => tdesCbcDecrypt(keys.encKey, data),
      mac: (ssc, message) => retailMac(keys.macKey, pad(concat(ssc, message), 8)),
    };
  }
  return {
    cipher: keys.cipher,
    blockSize: size,
    encrypt: (ssc, padded) => aesCbcEncrypt(keys.encKey, padded, aesEcbEncrypt(keys.encKey, ssc)),
    decrypt: (ssc, data) => aesCbcDecrypt(keys.encKey, data, aesEcbEncrypt(keys.encKey, ssc)),
    mac: (ssc, message) => aesCmac(keys.macKey, pad(concat(ssc, message), 16)).subarray(0, 8),
  };
}
