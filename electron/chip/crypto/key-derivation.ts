// The key derivation function of ICAO 9303-11 §9.7.1: keydata = H(K ‖ c) with a 32-bit counter c,
// SHA-1 for 3DES and AES-128, SHA-256 for AES-192 and AES-256; 3DES keys get their parity adjusted.
import { createHash } from 'node:crypto';
import { concat } from '../bytes';
import { adjustParity } from './des-parity';
import type { SymmetricCipher } from './symmetric-cipher';

/** Counter 1: encryption key; 2: MAC key; 3: the PACE password key Kπ (§9.7.1, §9.7.3). */
export const KDF_COUNTER = { ENC: 1, MAC: 2, PACE: 3 } as const;
export type KdfCounter = (typeof KDF_COUNTER)[keyof typeof KDF_COUNTER];

export function deriveKey(secret: Uint8Array, counter: KdfCounter, cipher: SymmetricCipher): Uint8Array {
  const input = concat(secret, new Uint8Array([0, 0, 0, counter]));
  switch (cipher) {
    case 'TDES': {
      const h = createHash('sha1').update(input).digest();
      return adjustParity(new Uint8Array(h.subarray(0, 16)));
    }
    case 'AES-128':
      return new Uint8Array(createHash('sha1').update(input).digest().subarray(0, 16));
    case 'AES-192':
      return new Uint8Array(createHash('sha256').update(input).digest().subarray(0, 24));
    case 'AES-256':
      return new Uint8Array(createHash('sha256').update(input).digest());
  }
}

export interface SessionKeys {
  readonly cipher: SymmetricCipher;
  readonly encKey: Uint8Array;
  readonly macKey: Uint8Array;
}

export function deriveSessionKeys(secret: Uint8Array, cipher: SymmetricCipher): SessionKeys {
  return { cipher, encKey: deriveKey(secret, KDF_COUNTER.ENC, cipher), macKey: deriveKey(secret, KDF_COUNTER.MAC, cipher) };
}
