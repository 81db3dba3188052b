// BER-TLV encoding with definite, minimal lengths (DER, X.690 §10.1), so what the encoder writes is
// exactly what the decoder reads back (ISO/IEC 7816-4 §5.2).
import { concat } from '../bytes';

/** The tag number's bytes (0x5F1F → 5F 1F). */
export function encodeTag(tag: number): Uint8Array {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xffffff) throw new RangeError(`bad tag ${tag}`);
  if (tag > 0xffff) return new Uint8Array([tag >> 16, (tag >> 8) & 0xff, tag & 0xff]);
  if (tag > 0xff) return new Uint8Array([tag >> 8, tag & 0xff]);
  return new Uint8Array([tag]);
}

export function encodeLength(length: number): Uint8Array {
  if (!Number.isInteger(length) || length < 0 || length > 0xffffffff) throw new RangeError(`bad length ${length}`);
  if (length < 0x80) return new Uint8Array([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return new Uint8Array([0x80 | bytes.length, ...bytes]);
}

/** One element whose value is the concatenation of `parts` (children or raw bytes). */
export function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const value = parts.length === 1 ? parts[0]! : concat(...parts);
  return concat(encodeTag(tag), encodeLength(value.length), value);
}
