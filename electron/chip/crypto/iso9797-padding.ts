// ISO/IEC 9797-1 padding method 2 (ICAO 9303-11 §9.8.6.1, "mandatory padding"): '80' then zeros up
// to a whole block, always at least one byte.
import { ChipError } from '../chip-error';

export function pad(data: Uint8Array, blockSize: number): Uint8Array {
  const length = (Math.floor(data.length / blockSize) + 1) * blockSize;
  const out = new Uint8Array(length);
  out.set(data, 0);
  out[data.length] = 0x80;
  return out;
}

/** Removes method-2 padding; refuses data that does not end in '80 00…' (within the last block). */
export function unpad(data: Uint8Array, blockSize = 16): Uint8Array {
  let i = data.length - 1;
  while (i >= 0 && data[i] === 0 && data.length - i <= blockSize) i--;
  if (i < 0 || data[i] !== 0x80 || data.length - i > blockSize) {
    throw new ChipError('SecureMessagingFailure', 'The chip sent encrypted data with broken padding.');
  }
  return data.subarray(0, i);
}
