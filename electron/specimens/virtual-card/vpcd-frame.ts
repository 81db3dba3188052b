// vsmartcard's vpcd protocol (the reader driver side listens, the card connects): each message is a
// 2-byte big-endian length and that many bytes. A one-byte message is a control code from the
// reader — 0 power off, 1 power on, 2 reset, 4 send the ATR; anything longer is a command APDU.
// The card answers an APDU and "send the ATR" with a message of its own; the other codes get none.

export const VPCD_CONTROL = { powerOff: 0, powerOn: 1, reset: 2, atr: 4 } as const;

export type VpcdMessage =
  | { readonly kind: 'power-off' }
  | { readonly kind: 'power-on' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'atr' }
  | { readonly kind: 'apdu'; readonly apdu: Uint8Array }
  | { readonly kind: 'unknown-control'; readonly code: number };

/** Largest payload a 2-byte length can carry. */
export const MAX_VPCD_PAYLOAD = 0xffff;

/** Splits the byte stream from vpcd into messages (TCP delivers it in arbitrary pieces). */
export class VpcdFrameReader {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): VpcdMessage[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : Buffer.from(chunk);
    const out: VpcdMessage[] = [];
    while (this.buffer.length >= 2) {
      const length = this.buffer.readUInt16BE(0);
      if (this.buffer.length < 2 + length) break;
      const payload = new Uint8Array(this.buffer.subarray(2, 2 + length));
      this.buffer = this.buffer.subarray(2 + length);
      out.push(decodeMessage(payload));
    }
    return out;
  }
}

function decodeMessage(payload: Uint8Array): VpcdMessage {
  if (payload.length !== 1) return { kind: 'apdu', apdu: payload };
  switch (payload[0]) {
    case VPCD_CONTROL.powerOff:
      return { kind: 'power-off' };
    case VPCD_CONTROL.powerOn:
      return { kind: 'power-on' };
    case VPCD_CONTROL.reset:
      return { kind: 'reset' };
    case VPCD_CONTROL.atr:
      return { kind: 'atr' };
    default:
      return { kind: 'unknown-control', code: payload[0]! };
  }
}

/** One message from the card: length, then the bytes, in one buffer (written in one send). */
export function vpcdFrame(payload: Uint8Array): Buffer {
  if (payload.length > MAX_VPCD_PAYLOAD) throw new RangeError(`a vpcd message carries at most ${MAX_VPCD_PAYLOAD} bytes`);
  const frame = Buffer.alloc(2 + payload.length);
  frame.writeUInt16BE(payload.length, 0);
  frame.set(payload, 2);
  return frame;
}
