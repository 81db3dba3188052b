// BER-TLV decoding of chip data is hostile-input safe: every malformed shape gives the domain's
// TlvError (kind MalformedData) with a reason, never a crash, a hang or a huge allocation; what
// the writer encodes the reader reads back.
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../../electron/chip/bytes';
import { decodeTlv, decodeTlvPrefix, decodeTlvSeries, requireChild, tlvChildren, type TlvLimits } from '../../../electron/chip/tlv/ber-tlv-reader';
import { encodeLength, encodeTag, tlv } from '../../../electron/chip/tlv/ber-tlv-writer';
import { decodeOid, encodeOid } from '../../../electron/chip/tlv/object-identifier';
import { der, readInteger, readTime } from '../../../electron/chip/tlv/der-values';
import { TlvError, type TlvErrorReason } from '../../../electron/chip/tlv/tlv-error';

function reason(fn: () => unknown): TlvErrorReason | 'no error' | 'other error' {
  try {
    fn();
    return 'no error';
  } catch (e) {
    if (e instanceof TlvError) {
      expect(e.kind).toBe('MalformedData');
      return e.reason;
    }
    return 'other error';
  }
}

describe('BER-TLV reader', () => {
  it('reads EF.COM of the ICAO 9303-11 Appendix D.4 example: multi-byte tags and nesting', () => {
    // EF.COM as decrypted in the worked example (60 14 5F01 ... 5C 02 6175).
    const com = fromHex('60145F0104303130365F36063034303030305C026175');
    const top = decodeTlv(com);
    expect(top.tag).toBe(0x60);
    expect(top.constructed).toBe(true);
    const kids = tlvChildren(top);
    expect(kids.map((k) => k.tag)).toEqual([0x5f01, 0x5f36, 0x5c]);
    expect(Buffer.from(requireChild(top, 0x5f01, 'LDS version').value).toString()).toBe('0106');
    expect(hex(requireChild(top, 0x5c, 'tag list').value)).toBe('6175');
  });

  it('reads long-form lengths of one to four bytes', () => {
    for (const n of [0x7f, 0x80, 0xff, 0x100, 0x10000]) {
      const encoded = tlv(0x04, new Uint8Array(n));
      const read = decodeTlv(encoded);
      expect(read.value.length).toBe(n);
      expect(read.encoded.length).toBe(encoded.length);
    }
    expect(hex(encodeLength(0x7f))).toBe('7F');
    expect(hex(encodeLength(0x80))).toBe('8180');
    expect(hex(encodeLength(0x1234))).toBe('821234');
    expect(hex(encodeTag(0x7f61))).toBe('7F61');
  });

  it('reads an indefinite length (BER, as some SODs use) up to its end-of-contents', () => {
    const bytes = fromHex('3080020101040201020000');
    const t = decodeTlv(bytes);
    expect(t.indefinite).toBe(true);
    expect(tlvChildren(t).map((c) => c.tag)).toEqual([0x02, 0x04]);
  });

  it('skips 00/FF padding between and after elements when asked (ISO/IEC 7816-4 §5.2)', () => {
    const bytes = fromHex('0000800101FF81020203FFFF');
    expect(decodeTlvSeries(bytes, { skipPadding: true }).map((t) => t.tag)).toEqual([0x80, 0x81]);
    expect(decodeTlv(fromHex('31030201010000'), { skipPadding: true }).tag).toBe(0x31);
  });

  it('refuses hostile shapes with a reason', () => {
    expect(reason(() => decodeTlv(new Uint8Array()))).toBe('truncated');
    expect(reason(() => decodeTlv(fromHex('5F')))).toBe('truncated');
    expect(reason(() => decodeTlv(fromHex('04')))).toBe('truncated');
    expect(reason(() => decodeTlv(fromHex('0405AABB')))).toBe('truncated');
    expect(reason(() => decodeTlv(fromHex('0482FFFF00')))).toBe('truncated');
    expect(reason(() => decodeTlv(fromHex('0485FFFFFFFFFF')))).toBe('bad-length');
    expect(reason(() => decodeTlv(fromHex('048480000000')))).toBe('too-long');
    expect(reason(() => decodeTlv(fromHex('0480')))).toBe('bad-length');
    expect(reason(() => decodeTlv(fromHex('3080020101')))).toBe('truncated');
    expect(reason(() => decodeTlv(fromHex('1FFFFFFF0100')))).toBe('bad-tag');
    expect(reason(() => decodeTlv(fromHex('020101AA')))).toBe('trailing-data');
    expect(reason(() => tlvChildren(decodeTlv(fromHex('020101'))))).toBe('not-constructed');
    expect(reason(() => requireChild(decodeTlv(fromHex('3003020101')), 0x04, 'octets'))).toBe('missing-element');
    // A child whose length runs past its parent.
    expect(reason(() => tlvChildren(decodeTlv(fromHex('30030205010203'))))).toBe('trailing-data');
    expect(reason(() => tlvChildren(decodeTlv(fromHex('3003020501'))))).toBe('truncated');
  });

  it('bounds nesting depth and element count, for lazy walks and indefinite lengths alike', () => {
    const limits: TlvLimits = { maxDepth: 8, maxNodes: 50, maxValueLength: 1 << 20 };
    let deep = fromHex('0500');
    for (let i = 0; i < 20; i++) deep = tlv(0x30, deep);
    const walk = () => {
      let t = decodeTlv(deep, { limits });
      for (;;) {
        const kids = tlvChildren(t);
        if (!kids[0]!.constructed) return;
        t = kids[0]!;
      }
    };
    expect(reason(walk)).toBe('too-deep');
    // 10 000 nested indefinite lengths: refused by depth, not by the call stack.
    const nested = new Uint8Array(10_000 * 4);
    for (let i = 0; i < 10_000; i++) nested.set([0x30, 0x80], i * 2);
    expect(reason(() => decodeTlvPrefix(nested))).toBe('too-deep');
    const many = tlv(0x30, ...Array.from({ length: 100 }, () => fromHex('0500')));
    expect(reason(() => tlvChildren(decodeTlv(many, { limits })))).toBe('too-many-nodes');
  });

  it('survives random bytes: only TlvErrors, never anything else', () => {
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const walk = (t: ReturnType<typeof decodeTlv>): void => {
      if (t.constructed) for (const c of tlvChildren(t)) walk(c);
    };
    for (let i = 0; i < 3000; i++) {
      const bytes = new Uint8Array(1 + Math.floor(rand() * 40)).map(() => Math.floor(rand() * 256));
      bytes[0] = [0x30, 0x31, 0x60, 0x7f, 0x5f, 0xa0][i % 6]!;
      const r = reason(() => walk(decodeTlv(bytes)));
      expect(r).not.toBe('other error');
    }
  });
});

describe('DER values', () => {
  it('round-trips object identifiers, including large arcs', () => {
    for (const oid of ['0.4.0.127.0.7.2.2.4.2.2', '2.23.136.1.1.1', '1.2.840.113549.1.1.11', '2.999.1234567890123']) {
      expect(decodeOid(encodeOid(oid))).toBe(oid);
    }
    expect(hex(encodeOid('0.4.0.127.0.7.2.2.4.2.2'))).toBe('04007F00070202040202');
  });

  it('round-trips integers in two\'s complement and times', () => {
    for (const v of [0n, 1n, 127n, 128n, 255n, 256n, -1n, -128n, -129n, 2n ** 200n]) {
      expect(readInteger(decodeTlv(der.integer(v)))).toBe(v);
    }
    expect(hex(der.integer(128))).toBe('02020080');
    const d = new Date(Date.UTC(2031, 4, 6, 7, 8, 9));
    expect(readTime(decodeTlv(der.time(d))).getTime()).toBe(d.getTime());
    const far = new Date(Date.UTC(2051, 0, 1));
    expect(decodeTlv(der.time(far)).tag).toBe(0x18);
    expect(readTime(decodeTlv(der.time(far))).getTime()).toBe(far.getTime());
  });
});
