// BER-TLV decoding (ISO/IEC 7816-4 §5.2 and ITU-T X.690 §8.1), as used by every file of the LDS
// (ICAO 9303-10 §4) and by the ASN.1 structures of the PKI. Parsing is lazy: a TLV's children are
// read when asked for, and every step is bounded (length against what remains and against a
// maximum, nesting depth, number of elements per decoding), so hostile input gives a TlvError.
import { TlvError } from './tlv-error';

export interface TlvLimits {
  /** Deepest nesting accepted (the outermost element is depth 0). */
  readonly maxDepth: number;
  /** Most elements decoded from one input (shared by every child walk of that input). */
  readonly maxNodes: number;
  /** Largest value length accepted. */
  readonly maxValueLength: number;
}

export const DEFAULT_TLV_LIMITS: TlvLimits = { maxDepth: 40, maxNodes: 200_000, maxValueLength: 16 * 1024 * 1024 };

interface Budget {
  nodes: number;
  readonly limits: TlvLimits;
}

export interface Tlv {
  /** The tag bytes as one number (e.g. 0x5F1F, 0x7F61, 0x30). */
  readonly tag: number;
  readonly constructed: boolean;
  /** Offset of the tag in the input given to the decoder. */
  readonly offset: number;
  readonly headerLength: number;
  /** The value (for an indefinite length: the content before the end-of-contents octets). */
  readonly value: Uint8Array;
  /** The whole element: tag, length, value (and end-of-contents for an indefinite length). */
  readonly encoded: Uint8Array;
  readonly indefinite: boolean;
  readonly depth: number;
  /** @internal shared element budget of the decoding this element came from */
  readonly budget: Budget;
  /** @internal offset of the input buffer within the original input (for error positions) */
  readonly base: number;
}

export interface TlvDecodeOptions {
  readonly limits?: TlvLimits;
  /** Skip '00' and 'FF' bytes between elements (ISO/IEC 7816-4 §5.2: padding before and after). */
  readonly skipPadding?: boolean;
}

/** Reads the tag at `at`: up to three bytes (ISO/IEC 7816-4 §5.2). Returns tag and byte count. */
function readTag(bytes: Uint8Array, at: number, base: number): [number, number] {
  const first = bytes[at];
  if (first === undefined) throw new TlvError('truncated', base + at, 'tag');
  if ((first & 0x1f) !== 0x1f) return [first, 1];
  let tag = first;
  let i = at + 1;
  for (;;) {
    const b = bytes[i];
    if (b === undefined) throw new TlvError('truncated', base + i, 'tag');
    if (i - at >= 3) throw new TlvError('bad-tag', base + at, 'more than three tag bytes');
    tag = tag * 256 + b;
    i++;
    if ((b & 0x80) === 0) break;
  }
  return [tag, i - at];
}

/** Reads the length at `at`: short form, long form of 1–4 bytes, or indefinite (-1). */
function readLength(bytes: Uint8Array, at: number, base: number): [number, number] {
  const first = bytes[at];
  if (first === undefined) throw new TlvError('truncated', base + at, 'length');
  if (first < 0x80) return [first, 1];
  if (first === 0x80) return [-1, 1];
  const count = first & 0x7f;
  if (count > 4) throw new TlvError('bad-length', base + at, `${count} length bytes`);
  if (at + 1 + count > bytes.length) throw new TlvError('truncated', base + at, 'length');
  let length = 0;
  for (let i = 1; i <= count; i++) length = length * 256 + bytes[at + i]!;
  return [length, 1 + count];
}

function decodeAt(bytes: Uint8Array, at: number, depth: number, budget: Budget, base: number): Tlv {
  if (depth > budget.limits.maxDepth) throw new TlvError('too-deep', base + at);
  if (++budget.nodes > budget.limits.maxNodes) throw new TlvError('too-many-nodes', base + at);
  const [tag, tagLength] = readTag(bytes, at, base);
  const constructed = ((tag >= 0x10000 ? tag >> 16 : tag >= 0x100 ? tag >> 8 : tag) & 0x20) !== 0;
  const [length, lengthLength] = readLength(bytes, at + tagLength, base);
  const headerLength = tagLength + lengthLength;
  const valueStart = at + headerLength;
  if (length === -1) {
    if (!constructed) throw new TlvError('bad-length', base + at, 'indefinite length on a simple element');
    // X.690 §8.1.3.6: the content is a series of elements ended by '00 00'.
    let i = valueStart;
    for (;;) {
      if (i + 2 > bytes.length) throw new TlvError('truncated', base + i, 'end-of-contents');
      if (bytes[i] === 0 && bytes[i + 1] === 0) break;
      const child = decodeAt(bytes, i, depth + 1, budget, base);
      i += child.encoded.length;
      if (i - valueStart > budget.limits.maxValueLength) throw new TlvError('too-long', base + at);
    }
    return {
      tag, constructed, offset: base + at, headerLength, indefinite: true, depth, budget, base: base + valueStart,
      value: bytes.subarray(valueStart, i),
      encoded: bytes.subarray(at, i + 2),
    };
  }
  if (length > budget.limits.maxValueLength) throw new TlvError('too-long', base + at, `${length} bytes`);
  if (valueStart + length > bytes.length) {
    throw new TlvError('truncated', base + at, `needs ${length} bytes, ${bytes.length - valueStart} left`);
  }
  return {
    tag, constructed, offset: base + at, headerLength, indefinite: false, depth, budget, base: base + valueStart,
    value: bytes.subarray(valueStart, valueStart + length),
    encoded: bytes.subarray(at, valueStart + length),
  };
}

function isPadding(b: number | undefined): boolean {
  return b === 0x00 || b === 0xff;
}

function decodeSeries(bytes: Uint8Array, depth: number, budget: Budget, base: number, skipPadding: boolean): Tlv[] {
  const out: Tlv[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (skipPadding && isPadding(bytes[at])) {
      at++;
      continue;
    }
    const tlv = decodeAt(bytes, at, depth, budget, base);
    out.push(tlv);
    at += tlv.encoded.length;
  }
  return out;
}

/** Exactly one element filling `bytes` (padding after it is allowed with `skipPadding`). */
export function decodeTlv(bytes: Uint8Array, options: TlvDecodeOptions = {}): Tlv {
  const budget: Budget = { nodes: 0, limits: options.limits ?? DEFAULT_TLV_LIMITS };
  let start = 0;
  if (options.skipPadding) while (isPadding(bytes[start])) start++;
  const tlv = decodeAt(bytes, start, 0, budget, 0);
  let end = start + tlv.encoded.length;
  if (options.skipPadding) while (end < bytes.length && isPadding(bytes[end])) end++;
  if (end !== bytes.length) throw new TlvError('trailing-data', end, `${bytes.length - end} bytes`);
  return tlv;
}

/** The first element at the start of `bytes`, ignoring what follows (a file read in part). */
export function decodeTlvPrefix(bytes: Uint8Array, options: TlvDecodeOptions = {}): Tlv {
  return decodeAt(bytes, 0, 0, { nodes: 0, limits: options.limits ?? DEFAULT_TLV_LIMITS }, 0);
}

/** Consecutive elements filling `bytes`. */
export function decodeTlvSeries(bytes: Uint8Array, options: TlvDecodeOptions = {}): Tlv[] {
  return decodeSeries(bytes, 0, { nodes: 0, limits: options.limits ?? DEFAULT_TLV_LIMITS }, 0, options.skipPadding ?? false);
}

/** The elements inside a constructed element. */
export function tlvChildren(tlv: Tlv): Tlv[] {
  if (!tlv.constructed) throw new TlvError('not-constructed', tlv.offset, `tag ${tagName(tlv.tag)}`);
  return decodeSeries(tlv.value, tlv.depth + 1, tlv.budget, tlv.base, false);
}

/** The elements inside a primitive value that holds a series of elements itself (e.g. an OCTET STRING). */
export function decodeNested(tlv: Tlv): Tlv[] {
  return decodeSeries(tlv.value, tlv.depth + 1, tlv.budget, tlv.base, false);
}

export function findChild(tlv: Tlv, tag: number): Tlv | undefined {
  return tlvChildren(tlv).find((c) => c.tag === tag);
}

export function requireChild(tlv: Tlv, tag: number, what: string): Tlv {
  const child = findChild(tlv, tag);
  if (!child) throw new TlvError('missing-element', tlv.offset, `${what} (tag ${tagName(tag)})`);
  return child;
}

export function expectTag(tlv: Tlv, tag: number, what: string): Tlv {
  if (tlv.tag !== tag) throw new TlvError('unexpected-tag', tlv.offset, `${what}: expected ${tagName(tag)}, found ${tagName(tlv.tag)}`);
  return tlv;
}

export function tagName(tag: number): string {
  const text = tag.toString(16).toUpperCase();
  return `'${text.length % 2 ? `0${text}` : text}'`;
}

/**
 * The whole length (header and value) of the element starting `bytes`, from its header alone:
 * null while the header itself is incomplete. Used to size a file from its first bytes.
 */
export function peekTlvLength(bytes: Uint8Array): number | null {
  try {
    const [, tagLength] = readTag(bytes, 0, 0);
    const [length, lengthLength] = readLength(bytes, tagLength, 0);
    if (length === -1) throw new TlvError('bad-length', 0, 'indefinite length for a whole file');
    return tagLength + lengthLength + length;
  } catch (e) {
    if (e instanceof TlvError && e.reason === 'truncated') return null;
    throw e;
  }
}
