// The chip domain's ApduTransport over the device bridge: each command APDU goes to the PC/SC
// driver (its own process) and back. What the driver reports about the card becomes the chip
// domain's error kinds, so ChipReader knows to stop and resume: the card lifted → CardRemoved, no
// answer (mute card, reader or service gone, bridge restarting, session lost) → NoChipAnswer, too
// slow → Timeout.
import type { DeviceBridge } from '../../native/bridge-client';
import { DeviceError } from '../../native/protocol';
import type { ApduTransport } from '../chip/apdu/apdu-transport';
import { ChipError } from '../chip/chip-error';

/** What the transport needs of the bridge (DeviceBridge, or a stand-in). */
export type ChipBridge = Pick<DeviceBridge, 'chipReaders' | 'connectChip' | 'transmitApdu' | 'disconnectChip' | 'on' | 'isReady'>;

export interface BridgeTransportOptions {
  /** The chip-reader driver (default: PC/SC). */
  readonly deviceId?: string;
  /** Longest wait for one answer of the chip, enforced by the driver (default 5 s, as ChipReader's). */
  readonly timeoutMs?: number;
}

export interface TransportCounters {
  apdus: number;
  commandBytes: number;
  responseBytes: number;
}

const DEFAULT_TIMEOUT_MS = 5000;

/** A device-bridge failure in the chip domain's words (the DeviceError stays the cause). */
export function chipErrorFromBridge(error: unknown): ChipError {
  if (error instanceof ChipError) return error;
  if (!(error instanceof DeviceError)) return new ChipError('Internal', `The chip reader gave an unexpected failure: ${error instanceof Error ? error.message : String(error)}`, undefined, { cause: error });
  const cause = { cause: error };
  switch (error.kind) {
    case 'CardRemoved':
      return new ChipError('CardRemoved', 'The document was taken off the reader.', undefined, cause);
    case 'Timeout':
      return new ChipError('Timeout', 'The chip did not answer in time.', undefined, cause);
    case 'NoCardAnswer':
      return new ChipError('NoChipAnswer', 'The chip did not answer.', undefined, cause);
    case 'NotFound':
    case 'DeviceUnavailable':
    case 'BridgeStopped':
    case 'DriverFailed':
      // The document is not reachable now (no document, reader unplugged, driver restarting):
      // the reader's own words say which.
      return new ChipError('NoChipAnswer', `No chip answered: ${error.message}`, undefined, cause);
    case 'DeviceBusy':
    case 'Busy':
      return new ChipError('NoChipAnswer', `The chip reader is busy: ${error.message}`, undefined, cause);
    case 'InvalidInput':
    case 'Internal':
      return new ChipError('Internal', `The chip reader refused a request: ${error.message}`, undefined, cause);
  }
}

export class BridgeApduTransport implements ApduTransport {
  private closed = false;
  readonly counters: TransportCounters = { apdus: 0, commandBytes: 0, responseBytes: 0 };

  private constructor(
    private readonly bridge: ChipBridge,
    readonly reader: string,
    /** The card's answer to reset, as the reader reported it (ChipReader's extended-length hint). */
    readonly atr: Uint8Array,
    private readonly session: string,
    private readonly deviceId: string | undefined,
    private readonly timeoutMs: number,
  ) {}

  /** Connects to the card on `reader`. */
  static async open(bridge: ChipBridge, reader: string, options: BridgeTransportOptions = {}): Promise<BridgeApduTransport> {
    try {
      const { session, atr } = await bridge.connectChip(reader, options.deviceId);
      return new BridgeApduTransport(bridge, reader, atr, session, options.deviceId, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    } catch (error) {
      throw chipErrorFromBridge(error);
    }
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    if (this.closed) throw new ChipError('Internal', 'The connection to the chip was closed.');
    try {
      const response = await this.bridge.transmitApdu(this.session, command, this.timeoutMs, this.deviceId);
      this.counters.apdus++;
      this.counters.commandBytes += command.length;
      this.counters.responseBytes += response.length;
      return response;
    } catch (error) {
      throw chipErrorFromBridge(error);
    }
  }

  /** Ends the session (the driver resets the card). Never fails: a lost card or bridge ended it already. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.bridge.disconnectChip(this.session, this.deviceId).catch(() => undefined);
  }
}
