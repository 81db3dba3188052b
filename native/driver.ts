// The common shape of every device driver, and a base class that keeps state, reason and
// settings so each driver only writes what is specific to its device.
import type { z } from 'zod';
import type { DeviceKind, DeviceState, DeviceStatus } from '../electron/contract/device.contract';
import type { Capture, ChipReaderEvent, ChipReaderInfo, DeviceSettings, LogLevel } from './protocol';
import { DeviceError } from './protocol';

export interface DriverContext {
  readonly specimensDir: string;
  readonly captureDir: string;
  /** A capture the device produced on its own (hot folder, serial reader). */
  emitCapture(capture: Capture): void;
  /** Call after any change of state, reason or settings. */
  statusChanged(): void;
  log(level: LogLevel, message: string): void;
  /** A reader plugged or unplugged, a card put on or lifted (chip-reader drivers). */
  emitChipReaderEvent(event: ChipReaderEvent): void;
}

export type Provides = DeviceStatus['provides'];

export interface Driver {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly name: string;
  readonly provides: Provides;
  status(): DeviceStatus;
  /** Merges and validates settings, then restarts the device with them. */
  configure(settings: DeviceSettings): Promise<DeviceStatus>;
  capture(): Promise<Capture>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A driver that gives the main side a small "transmit APDU" capability over its readers: it moves
 * bytes and tells what happened to the card, nothing more — the protocols (BAC, PACE, secure
 * messaging, reading files) stay in the chip domain, on the main side.
 */
export interface ChipReaderDriver extends Driver {
  readers(): ChipReaderInfo[];
  /** Connects to the card on `reader`: the session's id and the card's ATR (hex). */
  connect(reader: string): Promise<{ session: string; atr: string }>;
  /** One command APDU (hex) → the response APDU (hex); fails with Timeout after `timeoutMs`. */
  transmit(session: string, apdu: string, timeoutMs: number): Promise<string>;
  disconnect(session: string): Promise<void>;
}

export function isChipReaderDriver(driver: Driver): driver is ChipReaderDriver {
  const d = driver as Partial<ChipReaderDriver>;
  return typeof d.readers === 'function' && typeof d.connect === 'function' && typeof d.transmit === 'function' && typeof d.disconnect === 'function';
}

export abstract class BaseDriver<S extends DeviceSettings> implements Driver {
  abstract readonly id: string;
  abstract readonly kind: DeviceKind;
  abstract readonly name: string;
  abstract readonly provides: Provides;
  protected abstract readonly settingsSchema: z.ZodType<S>;
  protected abstract settings: S;
  private state: DeviceState = 'disabled';
  private reason: string | undefined;
  private busy = false;

  constructor(protected readonly ctx: DriverContext) {}

  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;
  protected abstract doCapture(): Promise<Capture>;

  status(): DeviceStatus {
    return {
      id: this.id,
      kind: this.kind,
      name: this.name,
      state: this.busy ? 'busy' : this.state,
      ...(this.reason === undefined ? {} : { reason: this.reason }),
      provides: this.provides,
      settings: { ...this.settings },
    };
  }

  async configure(settings: DeviceSettings): Promise<DeviceStatus> {
    const parsed = this.settingsSchema.safeParse({ ...this.settings, ...settings });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ');
      throw new DeviceError('InvalidInput', `${this.name}: invalid settings (${issues})`);
    }
    await this.stop();
    this.settings = parsed.data;
    await this.start();
    this.ctx.statusChanged();
    return this.status();
  }

  async capture(): Promise<Capture> {
    if (this.busy) throw new DeviceError('DeviceBusy', `${this.name} is already capturing; wait for it to finish.`);
    if (this.state !== 'connected') {
      throw new DeviceError('DeviceUnavailable', `${this.name} is not ready${this.reason ? `: ${this.reason}` : '.'}`);
    }
    this.busy = true;
    this.ctx.statusChanged();
    try {
      return await this.doCapture();
    } finally {
      this.busy = false;
      this.ctx.statusChanged();
    }
  }

  protected setState(state: DeviceState, reason?: string): void {
    if (state === this.state && reason === this.reason) return;
    this.state = state;
    this.reason = reason;
    this.ctx.statusChanged();
  }

  protected get currentState(): DeviceState {
    return this.state;
  }
}

export function mimeOf(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const table: Record<string, string> = {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    tif: 'image/tiff',
    tiff: 'image/tiff',
    bmp: 'image/bmp',
    webp: 'image/webp',
    pnm: 'image/x-portable-anymap',
    ppm: 'image/x-portable-pixmap',
    pgm: 'image/x-portable-graymap',
  };
  return table[ext] ?? 'application/octet-stream';
}

/** A file-name-safe timestamp for capture files. */
export function stamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}
