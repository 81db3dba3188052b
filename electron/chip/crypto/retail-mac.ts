// ISO/IEC 9797-1 MAC algorithm 3 ("retail MAC") with DES and output length 64 bits, as ICAO
// 9303-11 §9.8.6.1 uses for BAC and 3DES secure messaging: CBC-MAC with single DES under K1 over
// every block, then the last result decrypted under K2 and encrypted under K1 again. The last
// block's three steps are exactly two-key 3DES on (h_{n-1} XOR x_n), so this needs no single DES.
import { desCbcEncrypt, tdesCbcEncrypt } from './block-cipher';

/** `data` must already be padded (method 2) to a multiple of 8 bytes; `key` is K1‖K2. */
export function retailMac(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (key.length !== 16) throw new RangeError(`retail MAC key of ${key.length} bytes`);
  if (data.length === 0 || data.length % 8 !== 0) throw new RangeError('retail MAC input is not padded');
  const k1 = key.subarray(0, 8);
  let chain: Uint8Array = new Uint8Array(8);
  if (data.length > 8) {
    const head = desCbcEncrypt(k1, data.subarray(0, data.length - 8));
    chain = head.subarray(head.length - 8);
  }
  return tdesCbcEncrypt(key, data.subarray(data.length - 8), chain);
}
