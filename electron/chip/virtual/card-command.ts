// The software chip's view of a command APDU (ISO/IEC 7816-3 §12.1): it parses the four cases in
// short and extended form itself, independently of the reader's encoder, so a bug in one does not
// hide in the other.
export interface CardCommand {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data: Uint8Array;
  /** Ne: 0 when absent, 1–65536 otherwise. */
  readonly ne: number;
  readonly extended: boolean;
}

/** Null when the bytes are no valid command APDU (the card answers 6700). */
export function parseCardCommand(apdu: Uint8Array): CardCommand | null {
  if (apdu.length < 4) return null;
  const [cla, ins, p1, p2] = [apdu[0]!, apdu[1]!, apdu[2]!, apdu[3]!];
  const body = apdu.subarray(4);
  const base = { cla, ins, p1, p2 };
  if (body.length === 0) return { ...base, data: new Uint8Array(), ne: 0, extended: false };
  if (body.length === 1) return { ...base, data: new Uint8Array(), ne: body[0] === 0 ? 256 : body[0]!, extended: false };
  if (body[0] !== 0) {
    // Short: Lc data [Le]
    const lc = body[0]!;
    if (body.length === 1 + lc) return { ...base, data: body.subarray(1), ne: 0, extended: false };
    if (body.length === 2 + lc) return { ...base, data: body.subarray(1, 1 + lc), ne: body[1 + lc] === 0 ? 256 : body[1 + lc]!, extended: false };
    return null;
  }
  // Extended: 00 then Le (2 bytes) or Lc (2 bytes) data [Le (2 bytes)]
  if (body.length === 3) {
    const le = (body[1]! << 8) | body[2]!;
    return { ...base, data: new Uint8Array(), ne: le === 0 ? 65536 : le, extended: true };
  }
  const lc = (body[1]! << 8) | body[2]!;
  if (lc === 0) return null;
  if (body.length === 3 + lc) return { ...base, data: body.subarray(3), ne: 0, extended: true };
  if (body.length === 5 + lc) {
    const le = (body[3 + lc]! << 8) | body[4 + lc]!;
    return { ...base, data: body.subarray(3, 3 + lc), ne: le === 0 ? 65536 : le, extended: true };
  }
  return null;
}

export function cardResponse(data: Uint8Array, sw: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}
