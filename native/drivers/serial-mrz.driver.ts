// Serial MRZ readers (swipe and full-page readers with a COM port): the device sends MRZ lines
// on its own. The port is configured by path: SerialPort.list() aborts the process when udevadm
// is missing, and never lists pseudo-terminals anyway. When the port disappears (cable pulled,
// USB-serial adapter unplugged) the driver reports the reason and retries.
import { SerialPort } from 'serialport';
import { z } from 'zod';
import { BaseDriver } from '../driver';
import { DeviceError } from '../protocol';
import type { Capture } from '../protocol';
import { MrzLineFramer } from './mrz-line-framer';

const RETRY_MS = 2000;

const Settings = z
  .object({
    path: z.string().max(300).default(''),
    baudRate: z.number().int().min(300).max(921_600).default(9600),
  })
  .strict();
type Settings = z.infer<typeof Settings>;

export class SerialMrzDriver extends BaseDriver<Settings> {
  readonly id = 'serial-mrz';
  readonly kind = 'serial-mrz' as const;
  readonly name = 'Serial MRZ reader';
  readonly provides = ['mrz-text' as const];
  protected readonly settingsSchema = Settings;
  protected settings: Settings = Settings.parse({});
  private port: SerialPort | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = true;
  private last: Capture | undefined;

  async start(): Promise<void> {
    if (!this.settings.path) {
      this.setState('disabled', 'Set the serial port of the MRZ reader (for example /dev/ttyUSB0 or COM3).');
      return;
    }
    this.stopped = false;
    await this.open();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  /** The reader pushes MRZs by itself; capture returns the last one received. */
  protected async doCapture(): Promise<Capture> {
    if (!this.last) throw new DeviceError('NotFound', 'No MRZ received yet: pass the document through the reader.');
    return this.last;
  }

  private async open(): Promise<void> {
    const { path, baudRate } = this.settings;
    const framer = new MrzLineFramer();
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    const error = await new Promise<Error | null>((resolve) => port.open((e) => resolve(e ?? null)));
    if (this.stopped) {
      if (!error) port.close();
      return;
    }
    if (error) {
      this.fail(`Cannot open ${path}: ${error.message}. Check the cable and the port setting; retrying.`);
      return;
    }
    this.port = port;
    this.setState('connected');
    port.on('data', (chunk: Buffer) => {
      for (const lines of framer.push(chunk)) {
        this.last = { deviceId: this.id, images: [], mrzText: lines, capturedAt: new Date().toISOString() };
        this.ctx.emitCapture(this.last);
      }
    });
    port.on('error', (e: Error) => this.ctx.log('warn', `serial ${path}: ${e.message}`));
    port.on('close', () => {
      if (this.port !== port || this.stopped) return;
      this.port = undefined;
      this.fail(`The reader on ${path} disconnected. Check the cable; retrying.`);
    });
  }

  private fail(reason: string): void {
    this.setState('error', reason);
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (!this.stopped) void this.open();
    }, RETRY_MS);
  }
}
