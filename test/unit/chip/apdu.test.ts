// Command APDUs in the four cases of ISO/IEC 7816-3 §12.1, short and extended, and response parsing.
import { describe, expect, it } from 'vitest';
import { encodeCommandApdu } from '../../../electron/chip/apdu/command-apdu';
import { parseResponseApdu } from '../../../electron/chip/apdu/response-apdu';
import { isWrongLe, SW, triesLeft } from '../../../electron/chip/apdu/status-words';
import { ChipError } from '../../../electron/chip/chip-error';
import { fromHex, hex } from '../../../electron/chip/bytes';

describe('command APDU', () => {
  it('encodes the short cases as in ICAO 9303-11 Appendix D.4', () => {
    expect(hex(encodeCommandApdu({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('011E') }))).toBe('00A4020C02011E');
    expect(hex(encodeCommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 }))).toBe('00B0000004');
    expect(hex(encodeCommandApdu({ cla: 0, ins: 0x84, p1: 0, p2: 0, ne: 8 }))).toBe('0084000008');
    expect(hex(encodeCommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 256 }))).toBe('00B0000000');
    expect(hex(encodeCommandApdu({ cla: 0, ins: 0x82, p1: 0, p2: 0, data: new Uint8Array(40), ne: 40 }))).toMatch(/^0082000028(00){40}28$/);
    expect(hex(encodeCommandApdu({ cla: 0x80, ins: 0xca, p1: 0, p2: 0 }))).toBe('80CA0000');
  });

  it('encodes the extended cases when needed or asked', () => {
    expect(hex(encodeCommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 1000 }))).toBe('00B000000003E8');
    expect(hex(encodeCommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 65536 }))).toBe('00B00000000000');
    expect(hex(encodeCommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4, extended: true }))).toBe('00B00000000004');
    const big = encodeCommandApdu({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(300), ne: 65536 });
    expect(hex(big.subarray(0, 7))).toBe('00D6000000012C');
    expect(hex(big.subarray(big.length - 2))).toBe('0000');
    expect(big.length).toBe(4 + 3 + 300 + 2);
  });

  it('refuses out-of-range fields', () => {
    expect(() => encodeCommandApdu({ cla: 0, ins: 0x100, p1: 0, p2: 0 })).toThrow(RangeError);
    expect(() => encodeCommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 65537 })).toThrow(RangeError);
  });
});

describe('response APDU', () => {
  it('splits data and status word', () => {
    const r = parseResponseApdu(fromHex('60145F019000'));
    expect(hex(r.data)).toBe('60145F01');
    expect(r.sw).toBe(SW.OK);
    expect(triesLeft(0x63c2)).toBe(2);
    expect(triesLeft(0x6300)).toBeNull();
    expect(isWrongLe(0x6c10)).toBe(true);
  });

  it('gives typed errors for empty and one-byte answers', () => {
    expect(() => parseResponseApdu(new Uint8Array())).toThrow(ChipError);
    try {
      parseResponseApdu(new Uint8Array());
    } catch (e) {
      expect((e as ChipError).kind).toBe('NoChipAnswer');
    }
    try {
      parseResponseApdu(new Uint8Array([0x90]));
    } catch (e) {
      expect((e as ChipError).kind).toBe('MalformedData');
    }
  });
});
