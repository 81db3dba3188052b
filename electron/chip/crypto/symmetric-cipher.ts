// The symmetric algorithms of ICAO 9303-11 (§9.7 key derivation, §9.8 secure messaging): two-key
// 3DES and AES with 128, 192 or 256-bit keys.
export type SymmetricCipher = 'TDES' | 'AES-128' | 'AES-192' | 'AES-256';

export function keyLength(cipher: SymmetricCipher): number {
  switch (cipher) {
    case 'TDES':
      return 16;
    case 'AES-128':
      return 16;
    case 'AES-192':
      return 24;
    case 'AES-256':
      return 32;
  }
}

export function blockSize(cipher: SymmetricCipher): 8 | 16 {
  return cipher === 'TDES' ? 8 : 16;
}
