// SANE flatbed through scanimage with a private SANE_CONFIG_DIR that loads only the `test` and
// `pnm` backends (the pnm backend "scans" an image file: here a specimen page).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceBridge } from '../../../native/bridge-client';
import { MemorySettings, SPECIMENS_DIR, tempDir } from './bridge-fixture';

function hasScanimage(): boolean {
  try {
    execFileSync('scanimage', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const available = hasScanimage();
if (!available) console.warn('SANE tests skipped: scanimage is not installed (apt-get install --no-install-recommends sane-utils)');

describe.skipIf(!available)('SANE flatbed driver', () => {
  const dir = tempDir('loupe-sane-');
  const captureDir = join(dir, 'captures');
  const page = join(dir, 'page.ppm');
  const previous = process.env.SANE_CONFIG_DIR;
  let bridge: DeviceBridge;
  let pageSize: { width: number; height: number };

  beforeAll(async () => {
    const config = join(dir, 'sane.d');
    mkdirSync(config);
    writeFileSync(join(config, 'dll.conf'), 'test\npnm\n');
    // The bridge process inherits the environment: only these two backends load.
    process.env.SANE_CONFIG_DIR = config;
    const { data, info } = await sharp(join(SPECIMENS_DIR, 'spc-9303-0000_white.png')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    writeFileSync(page, Buffer.concat([Buffer.from(`P6\n${info.width} ${info.height}\n255\n`), data]));
    pageSize = { width: info.width, height: info.height };
    bridge = await DeviceBridge.start({ settings: new MemorySettings(), specimensDir: SPECIMENS_DIR, captureDir });
  });
  afterAll(async () => {
    await bridge?.close();
    if (previous === undefined) delete process.env.SANE_CONFIG_DIR;
    else process.env.SANE_CONFIG_DIR = previous;
  });

  it('is disabled until a device is chosen', () => {
    expect(bridge.list().find((s) => s.id === 'sane')).toMatchObject({ state: 'disabled' });
  });

  it('scans a PNG from the SANE test backend', async () => {
    const status = await bridge.configure('sane', { device: 'test', resolution: 75, mode: 'Color' });
    expect(status.state).toBe('connected');
    const capture = await bridge.capture('sane');
    expect(capture.images).toHaveLength(1);
    const image = capture.images[0];
    expect(image).toMatchObject({ light: 'white', mime: 'image/png' });
    expect(image?.path.startsWith(captureDir)).toBe(true);
    // A scan is personal data: the folder the bridge made and the file are this user's only.
    expect(statSync(captureDir).mode & 0o777).toBe(0o700);
    expect(statSync(image!.path).mode & 0o777).toBe(0o600);
    const meta = await sharp(image?.path).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBeGreaterThan(100);
    expect(meta.density).toBe(75);
  });

  it('scans a specimen page through the pnm backend', async () => {
    await bridge.configure('sane', { device: 'pnm:0', resolution: 75, mode: '', filename: page });
    const capture = await bridge.capture('sane');
    const path = capture.images[0]?.path as string;
    expect(existsSync(path)).toBe(true);
    const meta = await sharp(path).metadata();
    expect({ width: meta.width, height: meta.height }).toEqual(pageSize);
  });

  it('fails a scan from a device that does not exist with a plain reason', async () => {
    await bridge.configure('sane', { device: 'nosuch:0', filename: '' });
    await expect(bridge.capture('sane')).rejects.toMatchObject({ kind: 'DeviceUnavailable', message: expect.stringMatching(/did not scan/) });
  });
});
