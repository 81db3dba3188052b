// Command APDUs (ISO/IEC 7816-3 §12.1, ISO/IEC 7816-4 §5.1): the four cases in short and extended
// length. Extended length is used when the data or the expected length does not fit the short
// form, or when asked for (the caller knows whether the chip supports it).
import { concat } from '../bytes';

export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  /** Command data (Nc = its length, 1–65535). */
  readonly data?: Uint8Array;
  /** Maximum number of response bytes expected (Ne, 1–65536); absent: no response data expected. */
  readonly ne?: number;
  /** Encode with extended length fields even when the short form would do. */
  readonly extended?: boolean;
}

/** Whether the command needs (or asks for) extended length fields. */
export function isExtended(c: CommandApdu): boolean {
  return c.extended === true || (c.data?.length ?? 0) > 255 || (c.ne ?? 0) > 256;
}

export function encodeCommandApdu(c: CommandApdu): Uint8Array {
  for (const [name, v] of [['CLA', c.cla], ['INS', c.ins], ['P1', c.p1], ['P2', c.p2]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new RangeError(`${name} out of range: ${v}`);
  }
  const nc = c.data?.length ?? 0;
  const ne = c.ne ?? 0;
  if (nc > 65535) throw new RangeError(`command data too long: ${nc}`);
  if (!Number.isInteger(ne) || ne < 0 || ne > 65536) throw new RangeError(`Ne out of range: ${ne}`);
  const header = new Uint8Array([c.cla, c.ins, c.p1, c.p2]);
  const parts: Uint8Array[] = [header];
  if (isExtended(c)) {
    if (nc > 0) parts.push(new Uint8Array([0, nc >> 8, nc & 0xff]), c.data!);
    // Case 2E: '00' then Le on two bytes; Case 4E: Le on two bytes after the data. '0000' = 65536.
    if (ne > 0) parts.push(nc > 0 ? new Uint8Array([(ne >> 8) & 0xff, ne & 0xff]) : new Uint8Array([0, (ne >> 8) & 0xff, ne & 0xff]));
  } else {
    if (nc > 0) parts.push(new Uint8Array([nc]), c.data!);
    if (ne > 0) parts.push(new Uint8Array([ne & 0xff])); // '00' = 256
  }
  return concat(...parts);
}
