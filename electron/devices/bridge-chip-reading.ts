// Reading a document's chip through the device bridge, as the station does it: wait for a document
// on a reader, connect, read with ChipReader, and when the reading is interrupted — the document
// lifted, the chip silent or too slow, the protected session broken, the reader's driver restarted
// — wait for the document again and resume where the reading stopped (ChipReader keeps every
// file's bytes and starts over by itself if another document comes back).
//
// Entry point for the examination: `readChipThroughBridge(bridge, { key, … })` gives the reading
// and the still open transport (chip and active authentication run over `reading.channel`); close
// the transport when done. Passive authentication is then a pure call with the trust store:
// `verifyPassiveAuthentication({ sod, dataGroups, anchors, crls, at })`.
import type { ChipErrorKind } from '../contract/chip.contract';
import { ChipError } from '../chip/chip-error';
import { ChipReader, type ChipReaderOptions, type ChipReading } from '../chip/reader/chip-reader';
import { BridgeApduTransport, chipErrorFromBridge, type BridgeTransportOptions, type ChipBridge } from './bridge-apdu-transport';

/** Interruptions after which reading resumes once the document is back (ICAO 9303 leaves the reader to cope). */
const RESUMABLE: readonly ChipErrorKind[] = ['CardRemoved', 'NoChipAnswer', 'Timeout', 'SecureMessagingFailure'];

export interface WaitForCardOptions {
  /** A reader by name; any reader with a document when omitted. */
  readonly reader?: string;
  readonly deviceId?: string;
  /** How long to wait for a document (default 30 s). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** Resolves with the reader (and ATR) once a document is on it; checks at once, then on every reader event. */
export function waitForCard(bridge: ChipBridge, options: WaitForCardOptions = {}): Promise<{ reader: string; atr: Uint8Array | null }> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    let done = false;
    let checking = false;
    let again = false;
    const finish = (error: Error | null, value?: { reader: string; atr: Uint8Array | null }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(tick);
      offReader();
      offStatus();
      options.signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(value!);
    };
    const check = async (): Promise<void> => {
      if (done) return;
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        if (!bridge.isReady) return;
        const readers = await bridge.chipReaders(options.deviceId).catch(() => null);
        const found = readers?.find((r) => r.cardPresent && (options.reader === undefined || r.name === options.reader));
        if (found) finish(null, { reader: found.name, atr: found.atr ? new Uint8Array(Buffer.from(found.atr, 'hex')) : null });
      } finally {
        checking = false;
        if (again && !done) {
          again = false;
          void check();
        }
      }
    };
    const onAbort = () => finish(new ChipError('NoChipAnswer', 'Waiting for the document was cancelled.'));
    const timer = setTimeout(() => finish(new ChipError('NoChipAnswer', `No document was put on ${options.reader ? `the reader ${options.reader}` : 'a chip reader'} within ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
    // Events wake the check; the slow tick covers a bridge that came back without telling.
    const tick = setInterval(() => void check(), 500);
    const offReader = bridge.on('chip-reader', () => void check());
    const offStatus = bridge.on('status', () => void check());
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);
    void check();
  });
}

export interface BridgeChipReadingOptions extends Omit<ChipReaderOptions, 'atr'>, BridgeTransportOptions {
  /** A reader by name; the first reader with a document when omitted. */
  readonly reader?: string;
  /** How long to wait for the document, at the start and after each interruption (default 30 s). */
  readonly waitMs?: number;
  /** Interruptions survived before giving up (default 5). */
  readonly maxResumptions?: number;
  /** Told on each interruption before waiting for the document again. */
  readonly onInterrupted?: (error: ChipError, resumption: number) => void;
  readonly signal?: AbortSignal;
}

export interface BridgeChipReading {
  readonly reading: ChipReading;
  /** Still open: chip and active authentication run over `reading.channel`. Close it when done. */
  readonly transport: BridgeApduTransport;
  readonly reader: string;
  readonly atr: Uint8Array;
}

export async function readChipThroughBridge(bridge: ChipBridge, options: BridgeChipReadingOptions): Promise<BridgeChipReading> {
  const maxResumptions = options.maxResumptions ?? 5;
  let chipReader: ChipReader | undefined;
  let interruptions = 0;
  for (;;) {
    const { reader } = await waitForCard(bridge, { reader: options.reader, deviceId: options.deviceId, timeoutMs: options.waitMs, signal: options.signal });
    let transport: BridgeApduTransport | undefined;
    try {
      transport = await BridgeApduTransport.open(bridge, reader, { deviceId: options.deviceId, timeoutMs: options.timeoutMs });
      // The ATR of the first connection decides extended length for the whole reading.
      chipReader ??= new ChipReader({ ...options, atr: transport.atr });
      const reading = await chipReader.read(transport);
      return { reading, transport, reader, atr: transport.atr };
    } catch (caught) {
      await transport?.close();
      const error = chipErrorFromBridge(caught);
      if (!RESUMABLE.includes(error.kind) || interruptions >= maxResumptions || options.signal?.aborted) throw error;
      interruptions++;
      options.onInterrupted?.(error, interruptions);
    }
  }
}
