// The message protocol between the main side (bridge-client) and the bridge process (bridge-host).
// Every message is validated with zod on arrival, in both directions: the bridge runs the most
// fragile code of the station, so nothing it says is trusted blindly, and vice versa.
import { z } from 'zod';
import { LoupeError, type LoupeErrorOptions } from '../electron/common/loupe-error';
import { DeviceStatusSchema } from '../electron/contract/device.contract';
import { DEVICES_ERROR_KINDS } from '../electron/contract/devices.errors';
import { COMMON_ERROR_KINDS, type ErrorKindOf } from '../electron/contract/errors';

export const LIGHTS = ['white', 'ir', 'uv'] as const;
export const LightSchema = z.enum(LIGHTS);
export type Light = z.infer<typeof LightSchema>;

export const CaptureImageSchema = z.object({
  light: LightSchema,
  /** Absolute path. Copied into captureDir, except the virtual scanner's read-only bundled files. */
  path: z.string().min(1),
  mime: z.string().min(1),
  /** The file's name as the device delivered it (a hot folder's vendor file), for messages to the officer. */
  sourceName: z.string().max(255).optional(),
});
export type CaptureImage = z.infer<typeof CaptureImageSchema>;

export const CaptureSchema = z.object({
  deviceId: z.string().min(1),
  images: z.array(CaptureImageSchema),
  /** MRZ lines as delivered by a reader (no OCR involved). */
  mrzText: z.array(z.string()).optional(),
  capturedAt: z.string(),
});
export type Capture = z.infer<typeof CaptureSchema>;

export const DeviceSettingsSchema = z.record(z.string().max(60), z.union([z.string().max(1000), z.number(), z.boolean()]));
export type DeviceSettings = z.infer<typeof DeviceSettingsSchema>;

/** Closed set of error kinds that cross the bridge boundary: the devices domain's, and the generic ones. */
export const DeviceErrorKindSchema = z.enum([...DEVICES_ERROR_KINDS, ...COMMON_ERROR_KINDS]);
export type DeviceErrorKind = ErrorKindOf<'devices'>;

const RequestId = z.number().int().nonnegative();
const DeviceId = z.string().min(1).max(100);

/**
 * APDUs and ATRs cross the bridge as hex text: the child-process channel serializes to JSON, where
 * a Uint8Array would not survive. The longest extended-length command or response (ISO/IEC 7816-4
 * §5.1: 65 535 data bytes, plus header and Le, or status) fits.
 */
export const MAX_APDU_BYTES = 65_544;
export const HexBytesSchema = z.string().max(MAX_APDU_BYTES * 2).regex(/^(?:[0-9a-f]{2})*$/i, 'hex bytes');
/** A connection to the card on one reader, named by the driver (unguessable, never reused). */
const ChipSessionId = z.string().min(1).max(100);
const ReaderName = z.string().min(1).max(200);
/** Longest wait for one answer of a card that a caller may ask for. */
export const MAX_TRANSMIT_TIMEOUT_MS = 120_000;

export const RequestSchema = z.discriminatedUnion('type', [
  /** First message after spawn: where things are. The bridge starts its drivers on it. */
  z.object({ type: z.literal('init'), id: RequestId, specimensDir: z.string().min(1), captureDir: z.string().min(1) }).strict(),
  z.object({ type: z.literal('list'), id: RequestId }).strict(),
  z.object({ type: z.literal('configure'), id: RequestId, deviceId: z.string().min(1).max(100), settings: DeviceSettingsSchema }).strict(),
  z.object({ type: z.literal('capture'), id: RequestId, deviceId: z.string().min(1).max(100) }).strict(),
  z.object({ type: z.literal('shutdown'), id: RequestId }).strict(),
  /** The readers of a chip-reader driver (PC/SC), each with whether a card is on it. */
  z.object({ type: z.literal('readers'), id: RequestId, deviceId: DeviceId }).strict(),
  /** Connects to the card on a reader; answers with a session and the card's ATR. */
  z.object({ type: z.literal('connect'), id: RequestId, deviceId: DeviceId, reader: ReaderName }).strict(),
  /** One command APDU to the card of a session; answers with the response APDU (data, SW1 SW2). */
  z.object({ type: z.literal('transmit'), id: RequestId, deviceId: DeviceId, session: ChipSessionId, apdu: HexBytesSchema.min(8), timeoutMs: z.number().int().min(1).max(MAX_TRANSMIT_TIMEOUT_MS) }).strict(),
  /** Ends a session (the card is reset, so no protected session outlives it). */
  z.object({ type: z.literal('disconnect'), id: RequestId, deviceId: DeviceId, session: ChipSessionId }).strict(),
]);
export type BridgeRequest = z.infer<typeof RequestSchema>;
export type RequestType = BridgeRequest['type'];

export const ErrorPayloadSchema = z.object({ kind: DeviceErrorKindSchema, message: z.string() }).strict();

export const ResponseSchema = z.union([
  z.object({ type: z.literal('response'), id: RequestId, ok: z.literal(true), result: z.unknown() }).strict(),
  z.object({ type: z.literal('response'), id: RequestId, ok: z.literal(false), error: ErrorPayloadSchema }).strict(),
]);
export type BridgeResponse = z.infer<typeof ResponseSchema>;

export const ChipReaderInfoSchema = z.object({ name: ReaderName, cardPresent: z.boolean(), atr: HexBytesSchema.nullable() }).strict();
export type ChipReaderInfo = z.infer<typeof ChipReaderInfoSchema>;

/** What a chip-reader driver tells on its own: readers plugged and unplugged, cards put on and lifted. */
export const CHIP_READER_EVENTS = ['reader-added', 'reader-removed', 'card-present', 'card-absent'] as const;
export const ChipReaderEventSchema = z
  .object({ deviceId: DeviceId, event: z.enum(CHIP_READER_EVENTS), reader: ReaderName, atr: HexBytesSchema.optional() })
  .strict();
export type ChipReaderEvent = z.infer<typeof ChipReaderEventSchema>;

export const LogLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);
export type LogLevel = z.infer<typeof LogLevelSchema>;

export const EventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status'), devices: z.array(DeviceStatusSchema) }).strict(),
  /** A device delivered a capture on its own (hot folder, serial MRZ reader). */
  z.object({ type: z.literal('capture'), capture: CaptureSchema }).strict(),
  z.object({ type: z.literal('log'), level: LogLevelSchema, message: z.string() }).strict(),
  z.object({ type: z.literal('chip-reader'), reader: ChipReaderEventSchema }).strict(),
]);
export type BridgeEvent = z.infer<typeof EventSchema>;

export const HostMessageSchema = z.union([ResponseSchema, EventSchema]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

/** Per-request result schemas: the envelope carries `unknown`, the client narrows it here. */
export const ResultSchemas = {
  init: z.array(DeviceStatusSchema),
  list: z.array(DeviceStatusSchema),
  configure: DeviceStatusSchema,
  capture: CaptureSchema,
  shutdown: z.object({ ok: z.literal(true) }),
  readers: z.array(ChipReaderInfoSchema),
  connect: z.object({ session: ChipSessionId, atr: HexBytesSchema }).strict(),
  transmit: z.object({ response: HexBytesSchema }).strict(),
  disconnect: z.object({ ok: z.literal(true) }),
} as const satisfies Record<RequestType, z.ZodType>;
export type ResultOf<T extends RequestType> = z.infer<(typeof ResultSchemas)[T]>;

/** A typed error from the devices domain; crosses the bridge, then the contract, as { kind, message }. */
export class DeviceError extends LoupeError<'devices'> {
  constructor(kind: DeviceErrorKind, message: string, options: LoupeErrorOptions = {}) {
    super('devices', kind, message, options);
    this.name = 'DeviceError';
  }
}

/** Anything a driver throws that is not a DeviceError is the driver's own failure, told the officer as such. */
export function toErrorPayload(error: unknown): z.infer<typeof ErrorPayloadSchema> {
  if (error instanceof DeviceError) return { kind: error.kind, message: error.message };
  return { kind: 'DriverFailed', message: error instanceof Error ? error.message : String(error) };
}
