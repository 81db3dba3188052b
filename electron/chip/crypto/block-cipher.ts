// The block ciphers of secure messaging, without padding (callers pad with ISO/IEC 9797-1 method 2):
// two-key 3DES in CBC mode (ICAO 9303-11 §9.8.6.1, IV zero) and AES in CBC and ECB mode (§9.8.6.2).
// Node 20's OpenSSL 3 has no single DES (ERR_OSSL_EVP_UNSUPPORTED), so only des-ede-cbc is used,
// single DES being 3DES with K1‖K1 where the retail MAC needs it.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { concat } from '../bytes';

function run(decrypt: boolean, algorithm: string, key: Uint8Array, iv: Uint8Array | null, data: Uint8Array): Uint8Array {
  const c = decrypt ? createDecipheriv(algorithm, key, iv) : createCipheriv(algorithm, key, iv);
  c.setAutoPadding(false);
  return new Uint8Array(concat(c.update(data), c.final()));
}

function aesName(key: Uint8Array, mode: 'cbc' | 'ecb'): string {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) throw new RangeError(`AES key of ${key.length} bytes`);
  return `aes-${key.length * 8}-${mode}`;
}

function tdesKey(key: Uint8Array): Uint8Array {
  if (key.length === 16) return key;
  if (key.length === 24) return key.subarray(0, 16); // K3 = K1 in ICAO's two-key 3DES
  throw new RangeError(`3DES key of ${key.length} bytes`);
}

const ZERO8 = new Uint8Array(8);
const ZERO16 = new Uint8Array(16);

export function tdesCbcEncrypt(key: Uint8Array, data: Uint8Array, iv: Uint8Array = ZERO8): Uint8Array {
  return run(false, 'des-ede-cbc', tdesKey(key), iv, data);
}

export function tdesCbcDecrypt(key: Uint8Array, data: Uint8Array, iv: Uint8Array = ZERO8): Uint8Array {
  return run(true, 'des-ede-cbc', tdesKey(key), iv, data);
}

/** Single DES (CBC) with key K, computed as 3DES with K‖K (E_K ∘ D_K ∘ E_K = E_K). */
export function desCbcEncrypt(key8: Uint8Array, data: Uint8Array, iv: Uint8Array = ZERO8): Uint8Array {
  return run(false, 'des-ede-cbc', concat(key8, key8), iv, data);
}

export function aesCbcEncrypt(key: Uint8Array, data: Uint8Array, iv: Uint8Array = ZERO16): Uint8Array {
  return run(false, aesName(key, 'cbc'), key, iv, data);
}

export function aesCbcDecrypt(key: Uint8Array, data: Uint8Array, iv: Uint8Array = ZERO16): Uint8Array {
  return run(true, aesName(key, 'cbc'), key, iv, data);
}

export function aesEcbEncrypt(key: Uint8Array, block: Uint8Array): Uint8Array {
  return run(false, aesName(key, 'ecb'), key, null, block);
}
