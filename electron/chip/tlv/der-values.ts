// DER values the chip domain reads and writes (X.690 §8): integers, bit strings, times, strings,
// and builders for SEQUENCE, SET, OID and the rest. Readers check the tag and refuse what is not
// well formed with a TlvError.
import { bigIntToMinimalBytes, bytesToBigInt, concat, fromAscii } from '../bytes';
import { ASN1 } from './asn1-tags';
import { expectTag, type Tlv } from './ber-tlv-reader';
import { tlv } from './ber-tlv-writer';
import { decodeOid, encodeOid } from './object-identifier';
import { TlvError } from './tlv-error';

// ── reading ────────────────────────────────────────────────────────────────────────────────────

/** A DER INTEGER as a bigint (two's complement). */
export function readInteger(t: Tlv, what = 'integer'): bigint {
  expectTag(t, ASN1.INTEGER, what);
  const v = t.value;
  if (v.length === 0) throw new TlvError('bad-length', t.offset, what);
  const unsigned = bytesToBigInt(v);
  return (v[0]! & 0x80) !== 0 ? unsigned - (1n << BigInt(v.length * 8)) : unsigned;
}

/** A small non-negative INTEGER (versions, counts, key ids). */
export function readSmallInteger(t: Tlv, what = 'integer'): number {
  const value = readInteger(t, what);
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw new TlvError('bad-length', t.offset, `${what} out of range`);
  return Number(value);
}

/** The magnitude bytes of a non-negative INTEGER (leading zero removed). */
export function readUnsignedIntegerBytes(t: Tlv, what = 'integer'): Uint8Array {
  expectTag(t, ASN1.INTEGER, what);
  let v = t.value;
  while (v.length > 1 && v[0] === 0) v = v.subarray(1);
  return v;
}

export function readOid(t: Tlv, what = 'object identifier'): string {
  expectTag(t, ASN1.OID, what);
  return decodeOid(t.value, t.offset);
}

export function readOctetString(t: Tlv, what = 'octet string'): Uint8Array {
  return expectTag(t, ASN1.OCTET_STRING, what).value;
}

/** BIT STRING content without its unused-bits byte (only whole bytes are used by keys and signatures). */
export function readBitString(t: Tlv, what = 'bit string'): Uint8Array {
  expectTag(t, ASN1.BIT_STRING, what);
  if (t.value.length === 0) throw new TlvError('bad-length', t.offset, what);
  return t.value.subarray(1);
}

export function readBoolean(t: Tlv, what = 'boolean'): boolean {
  expectTag(t, ASN1.BOOLEAN, what);
  if (t.value.length !== 1) throw new TlvError('bad-length', t.offset, what);
  return t.value[0] !== 0;
}

/** UTCTime (YYMMDDHHMMSSZ, X.509: years 50–99 are 19xx) or GeneralizedTime (YYYYMMDDHHMMSSZ). */
export function readTime(t: Tlv, what = 'time'): Date {
  const text = Buffer.from(t.value).toString('latin1');
  let m: RegExpMatchArray | null;
  if (t.tag === ASN1.UTC_TIME && (m = text.match(/^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/))) {
    const yy = Number(m[1]);
    return new Date(Date.UTC(yy >= 50 ? 1900 + yy : 2000 + yy, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
  }
  if (t.tag === ASN1.GENERALIZED_TIME && (m = text.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/))) {
    return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
  }
  throw new TlvError('unexpected-tag', t.offset, `${what} is not a UTC or generalized time`);
}

/** Any of the ASN.1 character strings, as text. */
export function readString(t: Tlv): string {
  switch (t.tag) {
    case ASN1.UTF8_STRING:
      return Buffer.from(t.value).toString('utf8');
    case ASN1.BMP_STRING:
      // UCS-2, two bytes a character, big-endian (X.680 §41): an odd length is no BMPString.
      if (t.value.length % 2 !== 0) throw new TlvError('bad-length', t.offset, `a BMPString of ${t.value.length} bytes (two a character)`);
      return Buffer.from(t.value).swap16().toString('utf16le');
    default:
      return Buffer.from(t.value).toString('latin1');
  }
}

// ── writing ────────────────────────────────────────────────────────────────────────────────────

export const der = {
  sequence: (...items: Uint8Array[]) => tlv(ASN1.SEQUENCE, concat(...items)),
  set: (...items: Uint8Array[]) => tlv(ASN1.SET, concat(...items)),
  /** DER SET OF: elements sorted by their encodings (X.690 §11.6). */
  setOf: (...items: Uint8Array[]) => tlv(ASN1.SET, concat(...[...items].sort(compareBytes))),
  oid: (dotted: string) => tlv(ASN1.OID, encodeOid(dotted)),
  integer: (value: bigint | number) => tlv(ASN1.INTEGER, encodeIntegerContent(BigInt(value))),
  /** An INTEGER from unsigned magnitude bytes (keys, serial numbers). */
  unsignedInteger: (magnitude: Uint8Array) => tlv(ASN1.INTEGER, encodeIntegerContent(bytesToBigInt(magnitude))),
  octetString: (value: Uint8Array) => tlv(ASN1.OCTET_STRING, value),
  bitString: (value: Uint8Array) => tlv(ASN1.BIT_STRING, concat(new Uint8Array([0]), value)),
  boolean: (value: boolean) => tlv(ASN1.BOOLEAN, new Uint8Array([value ? 0xff : 0])),
  null: () => new Uint8Array([ASN1.NULL, 0]),
  printable: (text: string) => tlv(ASN1.PRINTABLE_STRING, fromAscii(text)),
  utf8: (text: string) => tlv(ASN1.UTF8_STRING, new Uint8Array(Buffer.from(text, 'utf8'))),
  /** UTCTime for years 1950–2049, GeneralizedTime otherwise (RFC 5280 §4.1.2.5). */
  time: (date: Date) => {
    const y = date.getUTCFullYear();
    const p = (n: number) => String(n).padStart(2, '0');
    const rest = `${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z`;
    return y >= 1950 && y < 2050 ? tlv(ASN1.UTC_TIME, fromAscii(`${p(y % 100)}${rest}`)) : tlv(ASN1.GENERALIZED_TIME, fromAscii(`${y}${rest}`));
  },
  generalizedTime: (date: Date) => {
    const iso = date.toISOString();
    return tlv(ASN1.GENERALIZED_TIME, fromAscii(`${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`));
  },
  /** [n] EXPLICIT (constructed context tag around one element). */
  explicit: (n: number, ...items: Uint8Array[]) => tlv(0xa0 + n, concat(...items)),
  /** [n] IMPLICIT primitive. */
  implicit: (n: number, value: Uint8Array) => tlv(0x80 + n, value),
};

function encodeIntegerContent(value: bigint): Uint8Array {
  if (value >= 0n) {
    const magnitude = bigIntToMinimalBytes(value);
    return magnitude[0]! & 0x80 ? concat(new Uint8Array([0]), magnitude) : magnitude;
  }
  // Two's complement of a negative value, minimal.
  let length = 1;
  while (-(1n << BigInt(length * 8 - 1)) > value) length++;
  const twos = (1n << BigInt(length * 8)) + value;
  const text = twos.toString(16).padStart(length * 2, '0');
  return new Uint8Array(Buffer.from(text, 'hex'));
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
