// Chip readers through PC/SC (pcsc-lite's pcscd on Linux, WinSCard elsewhere), with the `smartcard`
// binding. The driver finds the readers, tells when a reader is plugged or unplugged and when a
// card is put on or lifted, and moves APDUs to and from the card of a session: a small "transmit"
// capability for the main side, where the chip domain runs the protocols. It does not capture.
//
// The service may be missing or stop (pcscd restarted, last reader unplugged with --auto-exit):
// readers then count as unplugged, the state turns unavailable with the reason, and the driver
// looks for the service again every second.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { BaseDriver, type ChipReaderDriver } from '../driver';
import { DeviceError } from '../protocol';
import type { Capture, ChipReaderInfo } from '../protocol';
import { classifyPcscError, pcscDeviceError } from './pcsc-errors';
import { loadPcscLibrary, type MonitorEvent, type PcscLibrary, type ReaderMonitor } from './pcsc-library';
import { PcscSession } from './pcsc-session';

const RETRY_MS = 1000;
/** Sessions a careless caller may leave open before the oldest is closed. */
const MAX_SESSIONS = 16;

const Settings = z.object({}).strict();
type Settings = z.infer<typeof Settings>;

interface KnownReader {
  cardPresent: boolean;
  atr: Uint8Array | null;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export class PcscDriver extends BaseDriver<Settings> implements ChipReaderDriver {
  readonly id = 'pcsc';
  readonly kind = 'pcsc' as const;
  readonly name = 'Chip readers (PC/SC)';
  /** Chips are read through `connect` / `transmit`, not captured: nothing for the scan button. */
  readonly provides: ('images' | 'mrz-text')[] = [];
  protected readonly settingsSchema = Settings;
  protected settings: Settings = {};
  private lib: PcscLibrary | undefined;
  private monitor: ReaderMonitor | undefined;
  private readonly known = new Map<string, KnownReader>();
  private readonly sessions = new Map<string, PcscSession>();
  private retry: NodeJS.Timeout | undefined;
  private monitorStartedAt = 0;
  private stopped = true;

  async start(): Promise<void> {
    this.stopped = false;
    try {
      this.lib ??= await loadPcscLibrary();
    } catch (error) {
      this.setState('unavailable', `PC/SC support could not load (${(error as Error).message}).`);
      return;
    }
    this.watch();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    this.stopMonitor();
    for (const session of this.sessions.values()) session.close();
    this.sessions.clear();
    this.known.clear();
  }

  protected async doCapture(): Promise<Capture> {
    throw new DeviceError('DeviceUnavailable', 'A chip reader is not captured from: its chip is read through the chip reading.');
  }

  readers(): ChipReaderInfo[] {
    return [...this.known].map(([name, r]) => ({ name, cardPresent: r.cardPresent, atr: r.atr ? hex(r.atr) : null }));
  }

  async connect(reader: string): Promise<{ session: string; atr: string }> {
    const lib = this.lib;
    if (!lib || (this.currentState === 'unavailable' && this.known.size === 0)) {
      throw new DeviceError('DeviceUnavailable', `${this.name}: ${this.status().reason ?? 'not ready'}`);
    }
    const known = this.known.get(reader);
    if (!known) throw new DeviceError('NotFound', `No chip reader named "${reader}" is plugged in.`);
    if (!known.cardPresent) throw new DeviceError('NotFound', `No document on the reader ${reader}: put it on the reader.`);
    let context;
    try {
      context = new lib.Context();
    } catch (error) {
      throw pcscDeviceError(classifyPcscError(error), error, reader);
    }
    try {
      const target = context.listReaders().find((r) => r.name === reader);
      if (!target) throw new DeviceError('DeviceUnavailable', `The chip reader ${reader} is no longer available (unplugged?).`);
      const card = await target.connect(lib.SCARD_SHARE_SHARED, lib.SCARD_PROTOCOL_T0 | lib.SCARD_PROTOCOL_T1);
      // A session starts from a freshly reset chip: one left powered by an earlier session (a
      // driver that crashed, a command abandoned after its timeout) may still sit in the eMRTD
      // application with its protected session, where EF.CardAccess cannot be selected.
      await card.reconnect(lib.SCARD_SHARE_SHARED, lib.SCARD_PROTOCOL_T0 | lib.SCARD_PROTOCOL_T1, lib.SCARD_RESET_CARD);
      const session = new PcscSession(randomUUID(), reader, lib, context, card, { cardPresent: (name) => this.known.get(name)?.cardPresent ?? false });
      this.sessions.set(session.id, session);
      this.limitSessions();
      return { session: session.id, atr: hex(session.atr) };
    } catch (error) {
      try {
        context.close();
      } catch {
        // The service went away with it.
      }
      if (error instanceof DeviceError) throw error;
      const failure = classifyPcscError(error);
      if (failure === 'card-removed') throw new DeviceError('NotFound', `No document on the reader ${reader}: put it on the reader.`, { cause: error });
      throw pcscDeviceError(failure, error, reader);
    }
  }

  async transmit(session: string, apdu: string, timeoutMs: number): Promise<string> {
    const s = this.sessions.get(session);
    if (!s) throw new DeviceError('NotFound', 'This connection to the chip has ended (the chip reader driver may have restarted); connect again.');
    return hex(await s.transmit(new Uint8Array(Buffer.from(apdu, 'hex')), timeoutMs));
  }

  async disconnect(session: string): Promise<void> {
    const s = this.sessions.get(session);
    if (!s) return;
    this.sessions.delete(session);
    s.close();
  }

  /** Looks for the service, takes the readers it has, and follows their changes. */
  private watch(): void {
    this.retry = undefined;
    const lib = this.lib;
    if (this.stopped || !lib) return;
    let snapshot: { name: string; state: number; atr: Buffer | null }[];
    try {
      const probe = new lib.Context();
      try {
        snapshot = probe.listReaders().map((r) => ({ name: r.name, state: r.state, atr: r.atr }));
      } finally {
        probe.close();
      }
    } catch (error) {
      if (classifyPcscError(error) === 'service-stopped') return this.serviceLost();
      // pcsc-lite answers "no readers" with an error on some versions: an empty list.
      snapshot = [];
    }
    const names = new Set(snapshot.map((r) => r.name));
    for (const name of [...this.known.keys()]) if (!names.has(name)) this.readerRemoved(name);
    for (const r of snapshot) this.readerSeen(r.name, (r.state & lib.SCARD_STATE_PRESENT) !== 0, r.atr);
    const monitor = new lib.ReaderMonitor();
    this.monitor = monitor;
    this.monitorStartedAt = Date.now();
    try {
      monitor.start((event) => this.onMonitorEvent(monitor, event));
    } catch (error) {
      this.monitor = undefined;
      this.ctx.log('warn', `PC/SC monitor did not start: ${(error as Error).message}`);
      return this.later();
    }
    this.updateState();
  }

  private onMonitorEvent(monitor: ReaderMonitor, event: MonitorEvent): void {
    const lib = this.lib;
    if (monitor !== this.monitor || this.stopped || !lib) return;
    switch (event.type) {
      case 'reader-attached':
        this.readerSeen(event.reader, (event.state & lib.SCARD_STATE_PRESENT) !== 0, event.atr);
        break;
      case 'reader-detached':
        this.readerRemoved(event.reader);
        break;
      case 'card-inserted':
        this.cardChanged(event.reader, true, event.atr);
        break;
      case 'card-removed':
        this.cardChanged(event.reader, false, null);
        break;
      case 'error':
        // The monitor's context broke: the service stopped or restarted (pcsc-lite tells it only
        // when its wait times out, up to a second later). Whatever the readers were, the station's
        // hold on them is gone: they count as unplugged, then the service is looked for again and
        // its readers taken afresh.
        this.ctx.log('info', `PC/SC monitor: ${event.reader}`);
        this.stopMonitor();
        for (const name of [...this.known.keys()]) this.readerRemoved(name);
        this.setState('unavailable', 'The connection to the PC/SC service (pcscd) broke; reconnecting.');
        // At once, unless the monitor failed as soon as it started (no loop on a lasting fault).
        if (!this.retry) this.retry = setTimeout(() => this.watch(), Date.now() - this.monitorStartedAt < 2 * RETRY_MS ? RETRY_MS : 0);
        return;
      default:
        this.ctx.log('warn', `PC/SC monitor: unknown event ${String((event as { type: unknown }).type)}`);
    }
    this.updateState();
  }

  private readerSeen(name: string, cardPresent: boolean, atr: Buffer | null): void {
    if (!this.known.has(name)) {
      this.known.set(name, { cardPresent: false, atr: null });
      this.ctx.emitChipReaderEvent({ deviceId: this.id, event: 'reader-added', reader: name });
    }
    this.cardChanged(name, cardPresent, atr);
  }

  private readerRemoved(name: string): void {
    const known = this.known.get(name);
    if (!known) return;
    if (known.cardPresent) this.cardChanged(name, false, null);
    for (const s of this.sessions.values()) if (s.reader === name) s.markReaderGone();
    this.known.delete(name);
    this.ctx.emitChipReaderEvent({ deviceId: this.id, event: 'reader-removed', reader: name });
  }

  private cardChanged(name: string, present: boolean, atr: Buffer | Uint8Array | null): void {
    let known = this.known.get(name);
    if (!known) {
      known = { cardPresent: false, atr: null };
      this.known.set(name, known);
      this.ctx.emitChipReaderEvent({ deviceId: this.id, event: 'reader-added', reader: name });
    }
    const newAtr = present && atr && atr.length > 0 ? new Uint8Array(atr) : null;
    if (known.cardPresent === present && (!present || sameBytes(known.atr, newAtr))) return;
    if (known.cardPresent && !present) for (const s of this.sessions.values()) if (s.reader === name) s.markRemoved();
    known.cardPresent = present;
    known.atr = newAtr;
    this.ctx.emitChipReaderEvent({ deviceId: this.id, event: present ? 'card-present' : 'card-absent', reader: name, ...(newAtr ? { atr: hex(newAtr) } : {}) });
  }

  private serviceLost(): void {
    for (const name of [...this.known.keys()]) this.readerRemoved(name);
    this.setState('unavailable', 'The PC/SC service (pcscd) is not running: start it (or plug a chip reader in); looking for it again every second.');
    this.later();
  }

  private later(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => this.watch(), RETRY_MS);
  }

  private stopMonitor(): void {
    const monitor = this.monitor;
    this.monitor = undefined;
    try {
      monitor?.stop();
    } catch {
      // Stopping a monitor whose service died.
    }
  }

  private updateState(): void {
    if (this.stopped) return;
    if (!this.monitor && this.retry) return;
    if (this.known.size === 0) {
      this.setState('unavailable', 'No chip reader is plugged in.');
      return;
    }
    const list = [...this.known].map(([name, r]) => (r.cardPresent ? `${name} (document on it)` : name));
    this.setState('connected', `Readers: ${list.join(', ')}.`);
  }

  private limitSessions(): void {
    while (this.sessions.size > MAX_SESSIONS) {
      const [oldest] = this.sessions.keys();
      if (oldest === undefined) return;
      void this.disconnect(oldest);
    }
  }
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
