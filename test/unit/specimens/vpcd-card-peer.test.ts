// The virtual card's TCP side against a real socket server that talks as vpcd does (power on, ATR,
// the length and the APDU in two writes): answers, power, delays, lifting in the middle of a
// command, and finding the reader again after it went away.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualChip } from '../../../electron/chip/virtual/virtual-chip';
import { VpcdCardPeer } from '../../../electron/specimens/virtual-card/vpcd-card-peer';
import { passportPki, virtualPassport } from '../../helpers/chip/virtual-passport';

const SELECT_EMRTD = [0x00, 0xa4, 0x04, 0x0c, 0x07, 0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01];

/** The reader side of vpcd: one card connection at a time, messages as vpcd frames them. */
class FakeVpcd {
  private socket: Socket | undefined;
  private readonly answers: Buffer[] = [];
  private waiters: (() => void)[] = [];
  connections = 0;
  closed = 0;

  private constructor(readonly server: Server) {}

  static async listen(port = 0): Promise<FakeVpcd> {
    const server = createServer();
    const vpcd = new FakeVpcd(server);
    server.on('connection', (socket) => {
      vpcd.connections++;
      vpcd.socket = socket;
      let pending = Buffer.alloc(0);
      socket.on('data', (d) => {
        pending = Buffer.concat([pending, d]);
        while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
          vpcd.answers.push(pending.subarray(2, 2 + pending.readUInt16BE(0)));
          pending = pending.subarray(2 + pending.readUInt16BE(0));
        }
        vpcd.wake();
      });
      socket.on('close', () => {
        vpcd.closed++;
        vpcd.wake();
      });
      vpcd.wake();
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return vpcd;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  async until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > end) throw new Error('condition not met');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  control(code: number): void {
    this.socket!.write(Buffer.from([0, 1, code]));
  }

  /** As vpcd does: the length in one write, the APDU in another. */
  async apdu(bytes: number[]): Promise<Buffer | null> {
    const before = this.answers.length;
    const closedBefore = this.closed;
    this.socket!.write(Buffer.from([bytes.length >> 8, bytes.length & 0xff]));
    this.socket!.write(Buffer.from(bytes));
    await this.until(() => this.answers.length > before || this.closed > closedBefore);
    return this.answers.length > before ? this.answers[before]! : null;
  }

  async atr(): Promise<Buffer> {
    const before = this.answers.length;
    this.control(4);
    await this.until(() => this.answers.length > before);
    return this.answers[before]!;
  }

  close(): Promise<void> {
    this.socket?.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const pki = passportPki();
const hex = (b: Uint8Array | null) => (b ? Buffer.from(b).toString('hex').toUpperCase() : null);

describe('virtual card on vpcd', () => {
  let vpcd: FakeVpcd;
  let peer: VpcdCardPeer;

  afterEach(async () => {
    peer?.close();
    await vpcd?.close();
  });

  async function setUp(delayMs = 0): Promise<VirtualChip> {
    vpcd = await FakeVpcd.listen();
    const chip = new VirtualChip(virtualPassport({ pki }).config);
    peer = new VpcdCardPeer({ chip, port: vpcd.port, delayMs, retryMs: 50 });
    await peer.insert();
    await vpcd.until(() => vpcd.connections === 1);
    return chip;
  }

  it('gives its ATR, follows power on and off, and answers APDUs', async () => {
    const chip = await setUp();
    expect(peer.state).toBe('on-reader');
    vpcd.control(1);
    expect(hex(await vpcd.atr())).toBe(hex(chip.atr));
    expect(chip.isPowered).toBe(true);
    expect(hex(await vpcd.apdu(SELECT_EMRTD))).toBe('9000');
    vpcd.control(0);
    await vpcd.until(() => !chip.isPowered);
    // Unpowered: no answer at all (vpcd passes it on as a mute card).
    expect(hex(await vpcd.apdu(SELECT_EMRTD))).toBe('');
    expect(peer.stats).toMatchObject({ apdus: 2, statusWords: { '9000': 1 } });
  });

  it('waits before each answer when slow', async () => {
    await setUp(120);
    vpcd.control(1);
    const t0 = Date.now();
    expect(hex(await vpcd.apdu(SELECT_EMRTD))).toBe('9000');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
  });

  it('leaves the reader in the middle of a command when told, and comes back on insert', async () => {
    const chip = await setUp();
    vpcd.control(1);
    peer.removeAfterApdus(1);
    expect(hex(await vpcd.apdu(SELECT_EMRTD))).toBe('9000');
    expect(await vpcd.apdu(SELECT_EMRTD)).toBeNull();
    await vpcd.until(() => vpcd.closed === 1);
    expect(peer.state).toBe('removed');
    expect(chip.isPowered).toBe(false);
    await peer.insert();
    await vpcd.until(() => vpcd.connections === 2);
  });

  it('finds the reader again when vpcd went away while the card stayed on it', async () => {
    await setUp();
    const port = vpcd.port;
    await vpcd.close();
    await new Promise((r) => setTimeout(r, 150));
    expect(peer.state).toBe('connecting');
    vpcd = await FakeVpcd.listen(port);
    await vpcd.until(() => vpcd.connections === 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(peer.state).toBe('on-reader');
  });
});
