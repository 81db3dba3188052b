// The shared part of the parser properties (test/unit/fuzz/*.property.test.ts) and of the bounded
// fuzz run (test/fuzz/fuzz-main.ts): mutators of valid samples as fast-check arbitraries, and the one
// assertion every parser of outside bytes must pass — it returns a value its own schema accepts, or
// throws its domain's own error kind; never another exception, never a hang, never memory in
// proportion to a length field it was handed.
import fc from 'fast-check';
import { ChipError } from '../../electron/chip/chip-error';
import { LoupeError } from '../../electron/common/loupe-error';
import type { ErrorDomain } from '../../electron/contract/errors';

/** What a parser of outside bytes is fuzzed as: its input, its call, and what it may throw. */
export interface FuzzTarget<I = unknown> {
  /** Unique, kebab-case: `--target NAME` and the counterexample file name use it. */
  readonly name: string;
  /** The property test file that runs it (test/unit/fuzz/<area>.property.test.ts). */
  readonly area: string;
  /** Hostile inputs: arbitrary ones and mutations of valid samples built by the project's own encoders. */
  readonly input: () => fc.Arbitrary<I>;
  /** Hand-made hostile inputs run first, every time (length fields claiming gigabytes, known counterexamples). */
  readonly examples?: () => I[];
  /** Calls the parser. */
  run(input: I): unknown;
  /** Whether an exception is the parser's declared kind (anything else is a finding). */
  isOwnError(error: unknown): boolean;
  /** Throws when a returned value breaks the parser's own schema or invariants. */
  check?(result: unknown, input: I): void;
  /** Each call's time bound, in ms (default 2000). */
  readonly timeBoundMs?: number;
  /** The input as bytes, for the counterexample file. */
  bytes(input: I): Uint8Array;
  /** Expensive set-up (keys, servers, samples), run once before the first call. */
  setUp?(): Promise<void>;
  tearDown?(): Promise<void>;
}

/** A target whatever its input type, for lists of targets. */
export type AnyFuzzTarget = FuzzTarget<unknown>;

export function anyTarget<I>(target: FuzzTarget<I>): AnyFuzzTarget {
  return target as unknown as AnyFuzzTarget;
}

export const DEFAULT_TIME_BOUND_MS = 2000;
/** Memory a single call may still hold when it returns, or have made resident (a claimed gigabyte must never be allocated). */
export const MEMORY_BOUND_BYTES = 384 * 1024 * 1024;

/** A LoupeError of `domain` with one of the given kinds (any of the domain's kinds when none is given), except Internal. */
export function loupeErrorOf(domain: ErrorDomain, kinds?: readonly string[]): (error: unknown) => boolean {
  return (error) => error instanceof LoupeError && error.domain === domain && error.kind !== 'Internal' && (kinds === undefined || kinds.includes(error.kind));
}

/** A ChipError of the given kinds (MalformedData by default): never Internal, which is a defect. */
export function chipErrorOf(kinds: readonly string[] = ['MalformedData']): (error: unknown) => boolean {
  return (error) => error instanceof ChipError && kinds.includes(error.kind);
}

export class FuzzFinding extends Error {
  constructor(
    readonly target: string,
    readonly reason: 'foreign-exception' | 'too-slow' | 'too-much-memory' | 'bad-result',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${target}: ${reason}: ${message}`, options);
    this.name = 'FuzzFinding';
  }
}

function describeError(error: unknown): string {
  if (error instanceof LoupeError) return `${error.name}(${error.domain}/${error.kind}): ${error.message}`;
  if (error instanceof ChipError) return `${error.name}(${error.kind}): ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}\n${error.stack?.split('\n').slice(1, 6).join('\n') ?? ''}`;
  return `non-error thrown: ${String(error)}`;
}

/** The JavaScript heap with its buffers, and the process's resident memory (native decoders allocate there). */
function heldBytes(): { js: number; rss: number } {
  const m = process.memoryUsage();
  return { js: m.heapUsed + m.arrayBuffers, rss: m.rss };
}

/**
 * One call of a target's parser, judged: resolves when it returned a valid value or threw its own
 * kind in time, throws a FuzzFinding otherwise.
 */
export async function judge<I>(target: FuzzTarget<I>, input: I): Promise<void> {
  // In the test suite the machine may be shared and busy: the bound there only catches a call that
  // never ends (five times the fuzzer's); `npm run fuzz` holds each call to the target's own bound.
  const bound = (target.timeBoundMs ?? DEFAULT_TIME_BOUND_MS) * (process.env.VITEST ? 5 : 1);
  const heldBefore = heldBytes();
  const t0 = performance.now();
  let result: unknown;
  let threw: { error: unknown } | undefined;
  try {
    result = await target.run(input);
  } catch (error) {
    threw = { error };
  }
  const elapsed = performance.now() - t0;
  if (threw && !target.isOwnError(threw.error)) {
    throw new FuzzFinding(target.name, 'foreign-exception', describeError(threw.error), { cause: threw.error });
  }
  if (elapsed > bound) throw new FuzzFinding(target.name, 'too-slow', `one call took ${Math.round(elapsed)} ms (bound ${bound} ms)`);
  const after = heldBytes();
  const held = Math.max(after.js - heldBefore.js, after.rss - heldBefore.rss);
  if (held > MEMORY_BOUND_BYTES) throw new FuzzFinding(target.name, 'too-much-memory', `one call left ${Math.round(held / 1048576)} MB held`);
  if (!threw && target.check) {
    try {
      target.check(result, input);
    } catch (error) {
      throw new FuzzFinding(target.name, 'bad-result', describeError(error), { cause: error });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Byte mutators

/** Length encodings that claim far more than any input holds: BER-TLV long forms, 32-bit fields. */
export const HUGE_LENGTH_FIELDS: readonly Uint8Array[] = [
  Uint8Array.of(0x84, 0xff, 0xff, 0xff, 0xff),
  Uint8Array.of(0x84, 0x7f, 0xff, 0xff, 0xff),
  Uint8Array.of(0x83, 0xff, 0xff, 0xff),
  Uint8Array.of(0x82, 0xff, 0xff),
  Uint8Array.of(0x81, 0xff),
  Uint8Array.of(0x80),
  Uint8Array.of(0xff, 0xff, 0xff, 0xff),
  Uint8Array.of(0x7f, 0xff, 0xff, 0xff),
  Uint8Array.of(0x00, 0x00, 0x00, 0x00),
];

const BOUNDARY_BYTES = [0x00, 0x01, 0x02, 0x03, 0x0a, 0x0d, 0x1f, 0x20, 0x30, 0x3c, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0xa0, 0xff];

export type ByteMutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'set'; at: number; value: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number; to: number }
  | { op: 'length'; at: number; field: number; replace: boolean };

const position = fc.nat({ max: 0x7fffffff });

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('flip' as const), at: position, bit: fc.nat({ max: 7 }) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('set' as const), at: position, value: fc.oneof(fc.constantFrom(...BOUNDARY_BYTES), fc.nat({ max: 255 })) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 64 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 256 }), to: position }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('length' as const), at: position, field: fc.nat({ max: HUGE_LENGTH_FIELDS.length - 1 }), replace: fc.boolean() }), weight: 2 },
);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function applyByteMutation(bytes: Uint8Array, m: ByteMutation): Uint8Array {
  const n = bytes.length;
  const at = n === 0 ? 0 : m.at % (n + 1);
  switch (m.op) {
    case 'flip': {
      if (n === 0) return bytes;
      const out = new Uint8Array(bytes);
      out[m.at % n] = out[m.at % n]! ^ (1 << m.bit);
      return out;
    }
    case 'set': {
      if (n === 0) return Uint8Array.of(m.value);
      const out = new Uint8Array(bytes);
      out[m.at % n] = m.value;
      return out;
    }
    case 'truncate':
      return bytes.subarray(0, at);
    case 'insert':
      return concat(bytes.subarray(0, at), m.bytes, bytes.subarray(at));
    case 'delete':
      return concat(bytes.subarray(0, at), bytes.subarray(Math.min(n, at + m.length)));
    case 'duplicate': {
      const piece = bytes.subarray(at, Math.min(n, at + m.length));
      const to = m.to % (n + 1);
      return concat(bytes.subarray(0, to), piece, bytes.subarray(to));
    }
    case 'length': {
      const field = HUGE_LENGTH_FIELDS[m.field]!;
      // A length field is a tag's next byte in TLV; replacing in place keeps the rest aligned.
      return m.replace ? concat(bytes.subarray(0, at), field, bytes.subarray(Math.min(n, at + field.length))) : concat(bytes.subarray(0, at), field, bytes.subarray(at));
    }
  }
}

/** One of the samples with 1 to 6 mutations applied. */
export function mutatedBytes(samples: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.nat({ max: samples.length - 1 }), fc.array(byteMutation, { minLength: 1, maxLength: 6 }))
    .map(([i, ms]) => ms.reduce((b, m) => applyByteMutation(b, m), samples[i]!));
}

/** Arbitrary bytes (mostly short), and mutations of the samples (mostly). */
export function hostileBytes(samples: readonly Uint8Array[], maxArbitraryLength = 512): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { arbitrary: fc.uint8Array({ maxLength: maxArbitraryLength }), weight: 1 },
    { arbitrary: fc.constantFrom(...samples), weight: 1 },
    { arbitrary: mutatedBytes(samples), weight: 6 },
  );
}

// ---------------------------------------------------------------------------------------------
// Text mutators (JSON lines, MRZ text, headers)

/** Values that break assumptions: huge and negative numbers, odd characters. */
const HOSTILE_NUMBERS = ['99999999999999999999', '4294967296', '2147483648', '-1', '1e308', '0', 'NaN', '1.5', '-0', '9007199254740993'];
const HOSTILE_PIECES = ['"', '\\', '\\u0000', '\u0000', '\n', '\r\n', '{', '}', '[', ']', ',', ':', 'null', 'true', '"__proto__"', '\u2028', '\ud800', '«', '‹', ' ', '<'];

export type TextMutation =
  | { op: 'char'; at: number; text: string }
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'truncate'; at: number }
  | { op: 'duplicate'; at: number; length: number; to: number }
  | { op: 'number'; which: number; value: string };

export function textMutation(alphabet: fc.Arbitrary<string> = fc.string({ unit: 'binary', minLength: 1, maxLength: 4 })): fc.Arbitrary<TextMutation> {
  const piece = fc.oneof(alphabet, fc.constantFrom(...HOSTILE_PIECES));
  return fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('char' as const), at: position, text: piece }), weight: 3 },
    { arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, text: piece }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 200 }), to: position }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('number' as const), which: position, value: fc.constantFrom(...HOSTILE_NUMBERS) }), weight: 2 },
  );
}

export function applyTextMutation(text: string, m: TextMutation): string {
  const n = text.length;
  const at = 'at' in m ? m.at % (n + 1) : 0;
  switch (m.op) {
    case 'char':
      return text.slice(0, at) + m.text + text.slice(at + 1);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'truncate':
      return text.slice(0, at);
    case 'duplicate': {
      const to = m.to % (n + 1);
      return text.slice(0, to) + text.slice(at, at + m.length) + text.slice(to);
    }
    case 'number': {
      // A size, count or length field claims something else: the n-th number of the text.
      const numbers = [...text.matchAll(/-?\d+(\.\d+)?/g)];
      if (numbers.length === 0) return text;
      const hit = numbers[m.which % numbers.length]!;
      return text.slice(0, hit.index) + m.value + text.slice(hit.index + hit[0].length);
    }
  }
}

export function mutatedText(samples: readonly string[], alphabet?: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat({ max: samples.length - 1 }), fc.array(textMutation(alphabet), { minLength: 1, maxLength: 6 }))
    .map(([i, ms]) => ms.reduce((t, m) => applyTextMutation(t, m), samples[i]!));
}

export const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
