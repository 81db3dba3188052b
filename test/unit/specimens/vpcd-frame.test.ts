// vpcd's framing as the card sees it: 2-byte big-endian length, then the payload; one byte is a
// control code. TCP hands the bytes over in any pieces.
import { describe, expect, it } from 'vitest';
import { MAX_VPCD_PAYLOAD, VpcdFrameReader, vpcdFrame } from '../../../electron/specimens/virtual-card/vpcd-frame';

describe('vpcd frames', () => {
  it('reads control codes and APDUs, whole or in pieces', () => {
    const stream = Buffer.concat([Buffer.from([0, 1, 1]), Buffer.from([0, 1, 4]), vpcdFrame(new Uint8Array([0x00, 0xa4, 0x04, 0x0c])), Buffer.from([0, 1, 2, 0, 1, 0, 0, 1, 9])]);
    const whole = new VpcdFrameReader().push(stream);
    expect(whole).toEqual([
      { kind: 'power-on' },
      { kind: 'atr' },
      { kind: 'apdu', apdu: new Uint8Array([0x00, 0xa4, 0x04, 0x0c]) },
      { kind: 'reset' },
      { kind: 'power-off' },
      { kind: 'unknown-control', code: 9 },
    ]);
    // vpcd sends the length and the APDU in two writes; any split must give the same messages.
    for (let cut = 1; cut < stream.length; cut++) {
      const reader = new VpcdFrameReader();
      expect([...reader.push(stream.subarray(0, cut)), ...reader.push(stream.subarray(cut))]).toEqual(whole);
    }
    const reader = new VpcdFrameReader();
    expect([...stream].flatMap((b) => reader.push(new Uint8Array([b])))).toEqual(whole);
  });

  it('writes length and payload in one buffer, and refuses what two bytes cannot say', () => {
    expect([...vpcdFrame(new Uint8Array([0x90, 0x00]))]).toEqual([0, 2, 0x90, 0x00]);
    expect(vpcdFrame(new Uint8Array(300)).readUInt16BE(0)).toBe(300);
    expect(vpcdFrame(new Uint8Array(0))).toEqual(Buffer.from([0, 0]));
    expect(() => vpcdFrame(new Uint8Array(MAX_VPCD_PAYLOAD + 1))).toThrow(RangeError);
  });
});
