// AES-CMAC (NIST SP 800-38B, RFC 4493), as ICAO 9303-11 §9.8.6.2 uses for AES secure messaging and
// PACE authentication tokens (truncated to 8 bytes by the callers). @noble/ciphers takes (msg, key).
import { cmac } from '@noble/ciphers/aes.js';

export function aesCmac(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) throw new RangeError(`AES key of ${key.length} bytes`);
  return cmac(data, key);
}
