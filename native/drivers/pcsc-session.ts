// One connection to the card on one reader. Each session has a PC/SC context of its own: pcsc-lite's
// client library holds a context's lock for the whole of an SCardTransmit, so a command that never
// comes back must not stall the reader list, the event monitor or the next session. PC/SC cannot
// cancel a transmission: a command past its time is abandoned (the session is over) and the
// connection is released once the late answer arrives.
import type { Card, ContextInterface, PcscLibrary } from './pcsc-library';
import { DeviceError } from '../protocol';
import { classifyPcscError, pcscDeviceError } from './pcsc-errors';

/** Room for the longest extended-length answer (65 536 data bytes + SW1 SW2): without it pcsc-lite refuses answers over 258 bytes ("Insufficient buffer"). */
export const MAX_RECV_LENGTH = 65_538;
/** How long a mute card is watched for its removal before it is called mute. */
const REMOVAL_WATCH_MS = 1000;
const REMOVAL_POLL_MS = 50;

const SCARD_ABSENT = 0x0002;

type SessionState = 'open' | 'removed' | 'reader-gone' | 'abandoned' | 'closed';

export interface SessionReaderView {
  /** Whether the event monitor believes the card is still on the reader. */
  cardPresent(reader: string): boolean;
}

export class PcscSession {
  private state: SessionState = 'open';
  private inFlight: Promise<unknown> | null = null;
  private released = false;

  constructor(
    readonly id: string,
    readonly reader: string,
    private readonly lib: PcscLibrary,
    private readonly context: ContextInterface,
    private readonly card: Card,
    private readonly view: SessionReaderView,
  ) {}

  get atr(): Uint8Array {
    // The status's, not the one kept at connection: a reset may have changed it.
    return new Uint8Array(this.card.getStatus().atr);
  }

  /** The monitor saw the card leave: the next command fails at once. */
  markRemoved(): void {
    if (this.state === 'open') this.state = 'removed';
  }

  /** The reader was unplugged (or the service stopped). */
  markReaderGone(): void {
    if (this.state === 'open' || this.state === 'removed') this.state = 'reader-gone';
  }

  async transmit(apdu: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    switch (this.state) {
      case 'open':
        break;
      case 'removed':
        throw new DeviceError('CardRemoved', `The document was taken off the reader ${this.reader}.`);
      case 'reader-gone':
        throw new DeviceError('DeviceUnavailable', `The chip reader ${this.reader} is no longer available (unplugged?).`);
      case 'abandoned':
        throw new DeviceError('NoCardAnswer', `The chip on the reader ${this.reader} did not answer an earlier command in time; connect to it again.`);
      case 'closed':
        throw new DeviceError('NotFound', 'This connection to the chip has ended; connect again.');
    }
    if (this.inFlight) throw new DeviceError('DeviceBusy', `A command to the chip on the reader ${this.reader} is still under way.`);
    const sent = this.card.transmit(Buffer.from(apdu), { maxRecvLength: MAX_RECV_LENGTH });
    this.inFlight = sent;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    let answer: Buffer | 'timeout';
    try {
      answer = await Promise.race([sent, timeout]);
    } catch (error) {
      clearTimeout(timer);
      this.settled();
      throw await this.explain(error);
    }
    clearTimeout(timer);
    if (answer === 'timeout') {
      // The late answer (or failure) is dropped; the session is over, its handle released after it.
      if (this.state === 'open' || this.state === 'removed') this.state = 'abandoned';
      sent.then(
        () => this.settled(),
        () => this.settled(),
      );
      throw new DeviceError('Timeout', `The chip on the reader ${this.reader} did not answer within ${timeoutMs} ms.`);
    }
    this.settled();
    // vpcd passes a card that left mid-command on as an empty answer, before pcscd notices.
    if (answer.length < 2) throw await this.explain(new Error('Card is unresponsive'));
    return new Uint8Array(answer);
  }

  /**
   * Ends the session: the card is reset, so no protected session outlives it — unless a command is
   * still out; then the handle is released after it, leaving the card as it is (a reset then could
   * hit the next session on the same reader mid-protocol).
   */
  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    if (!this.inFlight) this.release(true);
  }

  private settled(): void {
    this.inFlight = null;
    if (this.state === 'closed') this.release(false);
  }

  private release(reset: boolean): void {
    if (this.released) return;
    this.released = true;
    try {
      this.card.disconnect(reset ? this.lib.SCARD_RESET_CARD : this.lib.SCARD_LEAVE_CARD);
    } catch {
      // The card or the reader is gone already.
    }
    try {
      this.context.close();
    } catch {
      // Closed with the service.
    }
  }

  /**
   * A failed exchange. "Transaction failed" comes at once when the card leaves mid-command, before
   * pcscd's presence poll (about 400 ms) has noticed: watch the reader a little before deciding
   * between "lifted" and "mute".
   */
  private async explain(error: unknown): Promise<DeviceError> {
    const failure = classifyPcscError(error);
    if (failure !== 'card-mute') {
      if (failure === 'card-removed') this.state = 'removed';
      return pcscDeviceError(failure, error, this.reader);
    }
    const until = Date.now() + REMOVAL_WATCH_MS;
    while (Date.now() < until) {
      if (!this.view.cardPresent(this.reader) || this.statusSaysRemoved()) {
        this.state = 'removed';
        return pcscDeviceError('card-removed', error, this.reader);
      }
      await new Promise((resolve) => setTimeout(resolve, REMOVAL_POLL_MS));
    }
    return pcscDeviceError('card-mute', error, this.reader);
  }

  private statusSaysRemoved(): boolean {
    try {
      // SCardStatus's state: SCARD_ABSENT (0x0002) in its low bits.
      return (this.card.getStatus().state & SCARD_ABSENT) !== 0;
    } catch (error) {
      return classifyPcscError(error) === 'card-removed';
    }
  }
}
