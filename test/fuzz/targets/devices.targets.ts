// The device bridge's outside bytes: the byte stream of a serial MRZ reader (framed by
// MrzLineFramer, then read as source 'serial' as the examination does), and the messages that cross
// the bridge's process boundary (JSON over the child-process channel, validated with zod on arrival
// in both directions: native/protocol.ts), and the PNM files a SANE scanner writes.
import fc from 'fast-check';
import { MrzReadingSchema } from '../../../electron/contract/mrz.contract';
import { readMrzText } from '../../../electron/mrz';
import { MrzLineFramer } from '../../../native/drivers/mrz-line-framer';
import { decodePnm, type RawImage } from '../../../native/drivers/pnm-decode';
import { MAX_INPUT_PIXELS } from '../../../electron/imaging/load-image';
import { HostMessageSchema, RequestSchema, ResultSchemas, type RequestType } from '../../../native/protocol';
import { anyTarget, loupeErrorOf, mutatedBytes, mutatedText, utf8, type FuzzTarget } from '../fuzz-kit';
import { validMrzTexts } from './mrz.targets';

const STX = '\u0002';
const ETX = '\u0003';

/** What readers send: lines ended by CR and/or LF, often wrapped in STX ... ETX. */
function serialSamples(): Uint8Array[] {
  return validMrzTexts().flatMap((text) => {
    const lines = text.split('\n');
    return [`${lines.join('\r\n')}\r\n`, `${STX}${lines.join('\r')}${ETX}`, `${lines.join('\n')}\n${STX}${lines.join('\r\n')}\r\n${ETX}`].map((s) => new Uint8Array(Buffer.from(s, 'latin1')));
  });
}

export interface SerialInput {
  stream: Uint8Array;
  /** Where the stream is cut into the chunks the port delivers. */
  cuts: number[];
}

export const serialMrzFrames: FuzzTarget<SerialInput> = {
  name: 'serial-mrz',
  area: 'devices',
  input: () =>
    fc.record({
      stream: fc.oneof({ arbitrary: fc.uint8Array({ maxLength: 9000 }), weight: 1 }, { arbitrary: mutatedBytes(serialSamples()), weight: 5 }),
      cuts: fc.array(fc.nat({ max: 10000 }), { maxLength: 8 }),
    }),
  run: ({ stream, cuts }) => {
    const framer = new MrzLineFramer();
    const points = [...new Set([0, ...cuts.map((c) => c % (stream.length + 1)), stream.length])].sort((a, b) => a - b);
    const frames: string[][] = [];
    for (let i = 1; i < points.length; i++) frames.push(...framer.push(stream.subarray(points[i - 1], points[i])));
    // What the examination makes of each MRZ a reader delivered (examination.service.ts).
    return frames.map((lines) => ({ lines, reading: readMrzText(lines, { source: 'serial', now: new Date('2026-01-01T00:00:00Z') }) }));
  },
  isOwnError: () => false,
  check: (result) => {
    for (const { lines, reading } of result as { lines: string[]; reading: unknown }[]) {
      const widths = new Set(lines.map((l) => l.length));
      if (widths.size !== 1 || !lines.every((l) => /^[A-Z0-9<]+$/.test(l))) throw new Error(`framed lines are not one MRZ: ${JSON.stringify(lines)}`);
      const expected = { 30: 3, 36: 2, 44: 2 }[lines[0]!.length];
      if (expected !== lines.length) throw new Error(`framed ${lines.length} lines of ${lines[0]!.length}`);
      MrzReadingSchema.parse(reading);
    }
  },
  bytes: ({ stream }) => stream,
};

const VALID_MESSAGES: unknown[] = [
  { type: 'response', id: 3, ok: true, result: [{ id: 'virtual-scanner', kind: 'scanner', name: 'Virtual scanner', state: 'connected' }] },
  { type: 'response', id: 4, ok: false, error: { kind: 'Timeout', message: 'the device did not answer' } },
  { type: 'response', id: 5, ok: true, result: { session: 's-1', atr: '3b8880010000000000000000' } },
  { type: 'response', id: 6, ok: true, result: { response: '9000' } },
  { type: 'capture', capture: { deviceId: 'serial-mrz', images: [{ light: 'white', path: '/tmp/a.png', mime: 'image/png' }], mrzText: ['P<UTO'], capturedAt: '2026-01-01T00:00:00.000Z' } },
  { type: 'log', level: 'warn', message: 'serial /dev/ttyS0: framing error' },
  { type: 'chip-reader', reader: { deviceId: 'pcsc', event: 'card-present', reader: 'Virtual PCD 00 00', atr: '3b80' } },
  { type: 'status', devices: [] },
  { type: 'init', id: 0, specimensDir: '/x', captureDir: '/y' },
  { type: 'configure', id: 1, deviceId: 'serial-mrz', settings: { path: '/dev/ttyS0', baudRate: 9600 } },
  { type: 'transmit', id: 2, deviceId: 'pcsc', session: 's-1', apdu: '00a4040c07a0000002471001', timeoutMs: 5000 },
  { type: 'connect', id: 7, deviceId: 'pcsc', reader: 'Virtual PCD 00 00' },
];

const REQUEST_TYPES = Object.keys(ResultSchemas) as RequestType[];

export interface BridgeInput {
  message: unknown;
  /** The request a response answers (the client narrows its result by that request's type). */
  pending: RequestType;
}

export const bridgeMessages: FuzzTarget<BridgeInput> = {
  name: 'bridge-message',
  area: 'devices',
  input: () =>
    fc.record({
      message: fc.oneof(
        fc.jsonValue({ maxDepth: 4 }),
        mutatedText(VALID_MESSAGES.map((m) => JSON.stringify(m))).map((t) => {
          try {
            return JSON.parse(t) as unknown;
          } catch {
            return t;
          }
        }),
      ),
      pending: fc.constantFrom(...REQUEST_TYPES),
    }),
  run: ({ message, pending }) => {
    // Both ends of native/bridge-client.ts and bridge-host.ts: safeParse on arrival, then the result.
    const host = HostMessageSchema.safeParse(message);
    const request = RequestSchema.safeParse(message);
    const result = host.success && host.data.type === 'response' && host.data.ok ? ResultSchemas[pending].safeParse(host.data.result) : null;
    return { host: host.success ? host.data : null, request: request.success ? request.data : null, result: result?.success ? result.data : null };
  },
  isOwnError: () => false,
  check: (value) => {
    const { host, request } = value as { host: unknown; request: unknown };
    if (host !== null) HostMessageSchema.parse(JSON.parse(JSON.stringify(host)));
    if (request !== null) RequestSchema.parse(JSON.parse(JSON.stringify(request)));
  },
  bytes: (input) => utf8(JSON.stringify(input) ?? 'undefined'),
};

const pnm = (header: string, raster: number[] | Uint8Array): Uint8Array => new Uint8Array(Buffer.concat([Buffer.from(header, 'latin1'), Buffer.from(raster)]));

/** What scanimage writes when a backend ignores --format=png: P4, P5 and P6, 8 and 16 bits, with its comment line. */
function pnmSamples(): Uint8Array[] {
  const grey = Array.from({ length: 12 * 8 }, (_, i) => (i * 7) & 0xff);
  return [
    pnm('P6\n# SANE data follows\n4 3\n255\n', Array.from({ length: 36 }, (_, i) => (i * 13) & 0xff)),
    pnm('P5\n12 8\n255\n', grey),
    pnm('P5\n# SANE data follows\n3 2\n65535\n', [0xff, 0xff, 0, 0, 0x80, 0, 0x12, 0x34, 0, 1, 0xff, 0]),
    pnm('P4\n10 3\n', [0b10100000, 0b11000000, 0xff, 0, 0x55, 0x40]),
  ];
}

/** Headers claiming gigapixels (or maxval 0) over a few bytes of raster: refused before any allocation. */
function claimingPnmExamples(): Uint8Array[] {
  return [
    pnm('P5\n65535 65535\n255\n', [1, 2, 3]),
    pnm('P6\n# SANE data follows\n99999999 99999999\n65535\n', [1, 2, 3]),
    pnm('P4\n4294967295 1\n', [0xff]),
    pnm('P5\n40000 40000\n255\n', []),
    pnm('P5\n2 1\n0\n', [1, 2]),
    pnm('P5\n4 4\n255\n', [1, 2]),
  ];
}

/** A scanner's PNM file (sane.driver.ts): a raster of the size its header claims, or the devices domain's InvalidInput. */
export const pnmScan: FuzzTarget<Uint8Array> = {
  name: 'pnm-scan',
  area: 'devices',
  input: () => fc.oneof(fc.uint8Array({ maxLength: 200 }), mutatedBytes(pnmSamples()), mutatedText(pnmSamples().map((b) => Buffer.from(b).toString('latin1'))).map((t) => new Uint8Array(Buffer.from(t, 'latin1')))),
  examples: claimingPnmExamples,
  run: (bytes) => decodePnm(Buffer.from(bytes)),
  isOwnError: loupeErrorOf('devices', ['InvalidInput']),
  check: (result) => {
    const { data, width, height, channels } = result as RawImage;
    if (!(width >= 1 && height >= 1 && width * height <= MAX_INPUT_PIXELS && data.length === width * height * channels)) throw new Error(`a raster of ${width} × ${height} × ${channels} in ${data.length} bytes`);
  },
  bytes: (b) => b,
};

export const DEVICES_TARGETS = [anyTarget(serialMrzFrames), anyTarget(bridgeMessages), anyTarget(pnmScan)];
