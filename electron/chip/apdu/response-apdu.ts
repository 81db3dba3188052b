// Response APDUs (ISO/IEC 7816-4 §5.1): response data followed by the two status bytes.
import { ChipError } from '../chip-error';

export interface ResponseApdu {
  readonly data: Uint8Array;
  readonly sw: number;
}

export function parseResponseApdu(bytes: Uint8Array): ResponseApdu {
  if (bytes.length === 0) throw new ChipError('NoChipAnswer', 'The chip did not answer.');
  if (bytes.length < 2) throw new ChipError('MalformedData', 'The chip gave an answer too short to carry a status.');
  return { data: bytes.subarray(0, bytes.length - 2), sw: (bytes[bytes.length - 2]! << 8) | bytes[bytes.length - 1]! };
}

export function encodeResponseApdu(data: Uint8Array, sw: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data, 0);
  out[data.length] = (sw >> 8) & 0xff;
  out[data.length + 1] = sw & 0xff;
  return out;
}
