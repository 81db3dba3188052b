// The main side of the device bridge: spawns the bridge process, talks the protocol, caches
// device statuses, persists settings through the caller's store, and survives bridge crashes:
// devices show `reconnecting`, in-flight requests fail with a clear message, the process is
// restarted with backoff and the saved settings are applied again.
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { DeviceStatus } from '../electron/contract/device.contract';
import { forkSpawner } from './bridge-process';
import type { BridgeProcess, Spawner } from './bridge-process';
import { DeviceError, DeviceSettingsSchema, HostMessageSchema, RequestSchema, ResultSchemas } from './protocol';
import type { BridgeRequest, Capture, ChipReaderEvent, ChipReaderInfo, DeviceSettings, LogLevel, RequestType, ResultOf } from './protocol';

export interface DeviceSettingsStore {
  load(id: string): Record<string, unknown> | undefined;
  save(id: string, settings: Record<string, unknown>): void;
}

export interface DeviceBridgeOptions {
  spawner?: Spawner;
  /** The bridge entry; defaults to bridge-host.ts next to this file (run through tsx). */
  entry?: string;
  settings: DeviceSettingsStore;
  specimensDir: string;
  captureDir: string;
  /** Delays before successive restarts after a crash; the last one repeats. */
  restartDelaysMs?: readonly number[];
}

export type { Capture, ChipReaderEvent, ChipReaderInfo } from './protocol';

/** The chip-reader driver of the bridge (PC/SC). */
export const PCSC_DEVICE_ID = 'pcsc';

export const CAPTURE_INTERRUPTED = 'the device bridge stopped during the capture; nothing already captured was lost — try again';
const REQUEST_INTERRUPTED = 'the device bridge stopped before answering — try again';
const RESTARTING = 'the device bridge is restarting — try again in a moment';
const DEFAULT_TIMEOUT_MS = 15_000;
/** The driver answers Timeout itself at the caller's limit; this margin only covers the bridge. */
const TRANSMIT_MARGIN_MS = 2_000;
const CAPTURE_TIMEOUT_MS = 120_000;
/** A bridge that stayed up this long is healthy again: the backoff starts over. */
const HEALTHY_MS = 30_000;

interface Pending {
  type: RequestType;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

type Events = { status: [DeviceStatus[]]; capture: [Capture]; log: [LogLevel, string]; 'chip-reader': [ChipReaderEvent] };

export class DeviceBridge {
  private proc: BridgeProcess | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly emitter = new EventEmitter();
  private nextId = 1;
  private statuses: DeviceStatus[] = [];
  private closing = false;
  private ready = false;
  private crashes = 0;
  private launchedAt = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private exitWaiters: (() => void)[] = [];
  private readonly spawner: Spawner;
  private readonly entry: string;

  private constructor(private readonly opts: DeviceBridgeOptions) {
    this.spawner = opts.spawner ?? forkSpawner;
    this.entry = opts.entry ?? fileURLToPath(new URL('./bridge-host.ts', import.meta.url));
  }

  static async start(opts: DeviceBridgeOptions): Promise<DeviceBridge> {
    const bridge = new DeviceBridge(opts);
    try {
      await bridge.launch();
    } catch (error) {
      await bridge.close();
      throw error;
    }
    return bridge;
  }

  /** Statuses from the last status event (or `reconnecting` while the bridge restarts). */
  list(): DeviceStatus[] {
    return this.statuses.map((s) => ({ ...s, settings: { ...s.settings } }));
  }

  async configure(id: string, settings: DeviceSettings): Promise<DeviceStatus> {
    const status = await this.request({ type: 'configure', id: 0, deviceId: id, settings });
    this.opts.settings.save(id, status.settings);
    this.statuses = this.statuses.map((s) => (s.id === id ? status : s));
    return status;
  }

  capture(id: string, opts: { timeoutMs?: number } = {}): Promise<Capture> {
    return this.request({ type: 'capture', id: 0, deviceId: id }, opts.timeoutMs ?? CAPTURE_TIMEOUT_MS);
  }

  /** The readers of a chip-reader driver, each with whether a card is on it. */
  chipReaders(deviceId = PCSC_DEVICE_ID): Promise<ChipReaderInfo[]> {
    return this.request({ type: 'readers', id: 0, deviceId });
  }

  /** Connects to the card on `reader`: a session for `transmit` and the card's ATR. */
  async connectChip(reader: string, deviceId = PCSC_DEVICE_ID): Promise<{ session: string; atr: Uint8Array }> {
    const r = await this.request({ type: 'connect', id: 0, deviceId, reader });
    return { session: r.session, atr: fromHex(r.atr) };
  }

  /** One command APDU to the card of `session`; the driver gives up after `timeoutMs` (kind Timeout). */
  async transmitApdu(session: string, apdu: Uint8Array, timeoutMs: number, deviceId = PCSC_DEVICE_ID): Promise<Uint8Array> {
    const r = await this.request({ type: 'transmit', id: 0, deviceId, session, apdu: Buffer.from(apdu).toString('hex'), timeoutMs }, timeoutMs + TRANSMIT_MARGIN_MS);
    return fromHex(r.response);
  }

  async disconnectChip(session: string, deviceId = PCSC_DEVICE_ID): Promise<void> {
    await this.request({ type: 'disconnect', id: 0, deviceId, session });
  }

  /** Whether the bridge answers requests now (false while it restarts after a crash). */
  get isReady(): boolean {
    return this.ready && !this.closing;
  }

  on<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): () => void {
    this.emitter.on(event, listener as (...args: unknown[]) => void);
    return () => this.emitter.off(event, listener as (...args: unknown[]) => void);
  }

  /** The bridge process id (for diagnostics). */
  get pid(): number | undefined {
    return this.proc?.pid;
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const proc = this.proc;
    if (proc) {
      const exited = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
      this.request({ type: 'shutdown', id: 0 }, 3000).catch(() => proc.kill());
      const timer = setTimeout(() => proc.kill(), 4000);
      await exited;
      clearTimeout(timer);
    }
    this.rejectAll(() => new DeviceError('BridgeStopped', 'the device bridge was closed'));
    this.emitter.removeAllListeners();
  }

  private async launch(): Promise<void> {
    this.ready = false;
    const proc = this.spawner(this.entry);
    this.proc = proc;
    this.launchedAt = Date.now();
    proc.on('message', (message) => this.onMessage(proc, message));
    proc.on('exit', (code) => this.onExit(proc, code));
    const { specimensDir, captureDir } = this.opts;
    const initial = await this.request({ type: 'init', id: 0, specimensDir, captureDir }, 30_000, true);
    for (const status of initial) {
      const saved = DeviceSettingsSchema.safeParse(this.opts.settings.load(status.id) ?? {});
      if (!saved.success) this.emitter.emit('log', 'warn', `ignoring malformed saved settings of ${status.id}`);
      else if (Object.keys(saved.data).length > 0) {
        await this.request({ type: 'configure', id: 0, deviceId: status.id, settings: saved.data }, DEFAULT_TIMEOUT_MS, true).catch((e: Error) =>
          this.emitter.emit('log', 'warn', `saved settings of ${status.id} not applied: ${e.message}`),
        );
      }
    }
    const statuses = await this.request({ type: 'list', id: 0 }, DEFAULT_TIMEOUT_MS, true);
    // Ready before the status goes out, so a listener may use the bridge at once.
    this.ready = true;
    this.setStatuses(statuses);
  }

  private request<T extends RequestType>(request: Extract<BridgeRequest, { type: T }>, timeoutMs = DEFAULT_TIMEOUT_MS, duringLaunch = false): Promise<ResultOf<T>> {
    const proc = this.proc;
    if (!proc || (!this.ready && !duringLaunch && request.type !== 'shutdown')) {
      return Promise.reject(new DeviceError('BridgeStopped', this.closing ? 'the device bridge was closed' : RESTARTING));
    }
    const id = this.nextId++;
    const message = RequestSchema.parse({ ...request, id });
    return new Promise<ResultOf<T>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new DeviceError('Timeout', `the device did not answer within ${Math.round(timeoutMs / 1000)} s — check it and try again`));
      }, timeoutMs);
      this.pending.set(id, { type: request.type, resolve: resolve as (v: unknown) => void, reject, timer });
      proc.postMessage(message);
    });
  }

  private onMessage(proc: BridgeProcess, raw: unknown): void {
    if (proc !== this.proc) return;
    const parsed = HostMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.emitter.emit('log', 'warn', `malformed message from the device bridge ignored`);
      return;
    }
    const message = parsed.data;
    if (message.type === 'response') {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      clearTimeout(pending.timer);
      if (!message.ok) return pending.reject(new DeviceError(message.error.kind, message.error.message));
      const result = ResultSchemas[pending.type].safeParse(message.result);
      if (result.success) pending.resolve(result.data);
      else pending.reject(new DeviceError('DriverFailed', `the device bridge sent a malformed ${pending.type} result`));
    } else if (message.type === 'status') {
      // While (re)launching, devices stay `reconnecting` until saved settings are applied.
      if (this.ready) this.setStatuses(message.devices);
    }
    else if (message.type === 'capture') this.emitter.emit('capture', message.capture);
    else if (message.type === 'chip-reader') this.emitter.emit('chip-reader', message.reader);
    else this.emitter.emit('log', message.level, message.message);
  }

  private onExit(proc: BridgeProcess, code: number | null): void {
    if (proc !== this.proc) return;
    this.proc = undefined;
    this.ready = false;
    for (const resolve of this.exitWaiters.splice(0)) resolve();
    this.rejectAll((type) => new DeviceError('BridgeStopped', type === 'capture' ? CAPTURE_INTERRUPTED : REQUEST_INTERRUPTED));
    if (this.closing) return;
    this.emitter.emit('log', 'error', `the device bridge stopped unexpectedly (${code === null ? 'killed' : `exit code ${code}`}); restarting`);
    this.setStatuses(this.statuses.map((s) => ({ ...s, state: 'reconnecting', reason: 'The device bridge stopped; restarting it.' })));
    if (Date.now() - this.launchedAt > HEALTHY_MS) this.crashes = 0;
    const delays = this.opts.restartDelaysMs ?? [250, 500, 1000, 2000, 5000];
    const delay = delays[Math.min(this.crashes, delays.length - 1)] ?? 1000;
    this.crashes++;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.closing) return;
      // A failed launch ends in another exit (or a timeout that kills the process): both retry.
      this.launch().catch((e: Error) => {
        this.emitter.emit('log', 'error', `device bridge restart failed: ${e.message}`);
        this.proc?.kill();
      });
    }, delay);
  }

  private rejectAll(error: (type: RequestType) => Error): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.reject(error(pending.type));
    }
  }

  private setStatuses(statuses: DeviceStatus[]): void {
    this.statuses = statuses;
    this.emitter.emit('status', this.list());
  }
}

function fromHex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'hex'));
}
