// A software eMRTD card on a vpcd reader: connects to vsmartcard's vpcd (the PC/SC reader driver
// loaded by pcscd) over TCP and serves one VirtualChip, so the reader side reaches the chip through
// the real pcscd. Putting the card on the reader is connecting; lifting it is closing the
// connection (vpcd then reports the card absent); pcscd powers the chip on, off and resets it
// through vpcd's control codes. While on the reader, a lost connection (pcscd restarted) is
// retried until vpcd listens again.
//
// Speed: vpcd writes a message's length and its APDU in two send() calls; the answer here goes in
// one write with Nagle off. The other half of the cure (acknowledging the length at once) is a
// socket option Node does not offer: see test/helpers/pcsc/pcsc-namespace.ts.
import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import type { VirtualChip } from '../../chip/virtual/virtual-chip';
import { VpcdFrameReader, vpcdFrame, type VpcdMessage } from './vpcd-frame';

export const VPCD_DEFAULT_PORT = 35963;

export interface VpcdCardPeerOptions {
  readonly chip: VirtualChip;
  readonly host?: string;
  /** vpcd's port: 35963 for its first slot, 35964 for the second. */
  readonly port?: number;
  /** Wait before each answer to an APDU (a slow chip). */
  readonly delayMs?: number;
  /** Between attempts to reach vpcd while the card is on the reader. */
  readonly retryMs?: number;
}

export interface CardPeerStats {
  apdus: number;
  bytesIn: number;
  bytesOut: number;
  /** Answers by status word (last two bytes, hex), e.g. { "9000": 40, "6282": 5 }. */
  statusWords: Record<string, number>;
}

export type CardPeerState = 'removed' | 'connecting' | 'on-reader';

type Events = { state: [CardPeerState]; powered: [boolean]; log: [string] };

export class VpcdCardPeer extends EventEmitter<Events> {
  private socket: Socket | undefined;
  private wanted = false;
  private retry: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();
  private dropAfter: number | null = null;
  private currentState: CardPeerState = 'removed';
  delayMs: number;
  readonly stats: CardPeerStats = { apdus: 0, bytesIn: 0, bytesOut: 0, statusWords: {} };

  constructor(private readonly options: VpcdCardPeerOptions) {
    super();
    this.delayMs = options.delayMs ?? 0;
  }

  get state(): CardPeerState {
    return this.currentState;
  }

  get chip(): VirtualChip {
    return this.options.chip;
  }

  /** Puts the card on the reader; resolves once vpcd has the connection. */
  insert(): Promise<void> {
    this.wanted = true;
    if (this.currentState === 'on-reader') return Promise.resolve();
    const onReader = new Promise<void>((resolve) => {
      const listener = (state: CardPeerState) => {
        if (state !== 'on-reader') return;
        this.off('state', listener);
        resolve();
      };
      this.on('state', listener);
    });
    if (!this.socket) this.open();
    return onReader;
  }

  /** Lifts the card: the connection closes and the chip loses power (its sessions are gone). */
  remove(): void {
    this.wanted = false;
    this.dropAfter = null;
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    this.drop();
  }

  /** Lifts the card in the middle of the command after the next `apdus` ones (that command gets no answer). */
  removeAfterApdus(apdus: number): void {
    this.dropAfter = apdus;
  }

  close(): void {
    this.remove();
    this.removeAllListeners();
  }

  private setState(state: CardPeerState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.emit('state', state);
  }

  private open(): void {
    this.retry = undefined;
    if (!this.wanted || this.socket) return;
    this.setState('connecting');
    const socket = connect({ host: this.options.host ?? '127.0.0.1', port: this.options.port ?? VPCD_DEFAULT_PORT });
    this.socket = socket;
    socket.setNoDelay(true);
    const frames = new VpcdFrameReader();
    socket.on('connect', () => {
      if (this.socket === socket) this.setState('on-reader');
    });
    socket.on('data', (chunk: Buffer) => {
      for (const message of frames.push(chunk)) this.queue = this.queue.then(() => this.answer(socket, message));
    });
    socket.on('error', (error: Error) => this.emit('log', `vpcd connection: ${error.message}`));
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.options.chip.powerOff();
      if (this.wanted) {
        this.setState('connecting');
        this.retry = setTimeout(() => this.open(), this.options.retryMs ?? 200);
      } else {
        this.setState('removed');
      }
    });
  }

  private drop(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.destroy();
    this.options.chip.powerOff();
    this.setState('removed');
  }

  private async answer(socket: Socket, message: VpcdMessage): Promise<void> {
    if (socket !== this.socket) return;
    const chip = this.options.chip;
    switch (message.kind) {
      case 'power-off':
        chip.powerOff();
        this.emit('powered', false);
        return;
      case 'power-on':
      case 'reset':
        chip.powerOn();
        this.emit('powered', true);
        return;
      case 'atr':
        socket.write(vpcdFrame(chip.atr));
        return;
      case 'unknown-control':
        this.emit('log', `vpcd control code ${message.code} ignored`);
        return;
      case 'apdu':
        break;
    }
    if (this.dropAfter !== null && this.dropAfter-- <= 0) {
      // The card leaves the field during this command.
      this.wanted = false;
      this.dropAfter = null;
      this.drop();
      return;
    }
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (socket !== this.socket) return;
    // An unpowered chip gives nothing: vpcd passes the empty answer on as "no answer".
    const response = chip.process(message.apdu);
    this.stats.apdus++;
    this.stats.bytesIn += message.apdu.length;
    this.stats.bytesOut += response.length;
    if (response.length >= 2) {
      const sw = Buffer.from(response.subarray(response.length - 2)).toString('hex').toUpperCase();
      this.stats.statusWords[sw] = (this.stats.statusWords[sw] ?? 0) + 1;
    }
    socket.write(vpcdFrame(response));
  }
}
