// SANE flatbeds through `scanimage` (Debian package sane-utils). The scan is written to a file
// in captureDir as the white-light image. SANE_CONFIG_DIR from the environment is respected, so a
// station (or a test) can restrict the backends SANE loads.
import { spawn } from 'node:child_process';
import { access, constants, open, readFile, rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import sharp from 'sharp';
import { z } from 'zod';
import { createPrivateWriteStream, makePrivateDir, writePrivateFileAsync } from '../../electron/common/private-files';
import { BaseDriver, stamp } from '../driver';
import { DeviceError } from '../protocol';
import type { Capture } from '../protocol';
import { decodePnm, isPnm } from './pnm-decode';

const SCAN_TIMEOUT_MS = 120_000;

const Settings = z
  .object({
    device: z.string().max(200).default(''),
    resolution: z.number().int().min(50).max(2400).default(300),
    mode: z.string().max(40).default('Color'),
    /** Backend option --filename (the pnm backend "scans" this image file). */
    filename: z.string().max(1000).default(''),
  })
  .strict();
type Settings = z.infer<typeof Settings>;

export async function findOnPath(command: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export class SaneDriver extends BaseDriver<Settings> {
  readonly id = 'sane';
  readonly kind = 'sane' as const;
  readonly name = 'Flatbed scanner (SANE)';
  readonly provides = ['images' as const];
  protected readonly settingsSchema = Settings;
  protected settings: Settings = Settings.parse({});
  private scanimage: string | undefined;

  async start(): Promise<void> {
    this.scanimage = await findOnPath('scanimage');
    if (!this.scanimage) this.setState('unavailable', 'scanimage is not installed (Debian package sane-utils).');
    else if (!this.settings.device) this.setState('disabled', 'Choose the SANE device (as listed by "scanimage -L").');
    else this.setState('connected');
  }

  async stop(): Promise<void> {}

  protected async doCapture(): Promise<Capture> {
    const { device, resolution, mode, filename } = this.settings;
    const capturedAt = new Date();
    makePrivateDir(this.ctx.captureDir);
    const raw = join(this.ctx.captureDir, `sane-${stamp(capturedAt)}.scan`);
    const png = join(this.ctx.captureDir, `sane-${stamp(capturedAt)}_white.png`);
    const args = ['-d', device, '--format=png', `--resolution=${resolution}`];
    if (mode) args.push(`--mode=${mode}`);
    if (filename) args.push(`--filename=${filename}`);
    try {
      await this.run(args, raw);
      const head = Buffer.alloc(8);
      const fh = await open(raw, 'r');
      await fh.read(head, 0, 8, 0).finally(() => fh.close());
      let pngBytes: Buffer;
      if (isPnm(head)) {
        const img = decodePnm(await readFile(raw));
        pngBytes = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } })
          .withMetadata({ density: resolution })
          .png()
          .toBuffer();
      } else {
        pngBytes = await sharp(raw).withMetadata({ density: resolution }).png().toBuffer();
      }
      // A scan is personal data: written 0600 (sharp's toFile would follow the umask).
      await writePrivateFileAsync(png, pngBytes);
    } finally {
      await rm(raw, { force: true });
    }
    return { deviceId: this.id, images: [{ light: 'white', path: png, mime: 'image/png' }], capturedAt: capturedAt.toISOString() };
  }

  private run(args: string[], outPath: string): Promise<void> {
    const exe = this.scanimage ?? 'scanimage';
    return new Promise((resolve, reject) => {
      const out = createPrivateWriteStream(outPath);
      const child = spawn(exe, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
      let stderr = '';
      child.stdout.pipe(out);
      child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
      const timer = setTimeout(() => child.kill('SIGKILL'), SCAN_TIMEOUT_MS);
      out.on('error', (e) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new DeviceError('DriverFailed', `The scan could not be saved on this station (${(e as NodeJS.ErrnoException).code ?? 'write error'}).`));
      });
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(new DeviceError('DeviceUnavailable', `scanimage could not start: ${e.message}`));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        out.close(() => {
          if (code === 0) resolve();
          else {
            const why = signal ? `stopped (${signal}) after ${SCAN_TIMEOUT_MS / 1000} s` : stderr.trim().split('\n').pop() || `exit code ${code}`;
            reject(new DeviceError('DeviceUnavailable', `The scanner ${args[1]} did not scan: ${why}. Check that it is on and connected.`));
          }
        });
      });
    });
  }
}
