// Kills the bridge process (SIGKILL) while a capture is in flight: the capture must fail with the
// clear message, devices go `reconnecting`, the bridge comes back with its settings, and a new
// capture works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPTURE_INTERRUPTED, DeviceBridge } from '../../../native/bridge-client';
import { DEBUG_DRIVERS_ENV } from '../../../native/driver-registry';
import { device, MemorySettings, SPECIMENS_DIR, tempDir, waitForStatus } from './bridge-fixture';

describe('bridge crash and restart', () => {
  const settings = new MemorySettings();
  const captureDir = tempDir('loupe-crash-');
  let bridge: DeviceBridge;

  beforeAll(async () => {
    // The debug driver is registered by the child, which inherits this environment.
    process.env[DEBUG_DRIVERS_ENV] = '1';
    settings.save('virtual-scanner', { specimen: 'spc-9303-0002' });
    bridge = await DeviceBridge.start({ settings, specimensDir: SPECIMENS_DIR, captureDir, restartDelaysMs: [100] });
  });
  afterAll(async () => {
    await bridge?.close();
    delete process.env[DEBUG_DRIVERS_ENV];
  });

  it('applies saved settings at start', () => {
    expect(device(bridge.list(), 'virtual-scanner')?.settings).toEqual({ specimen: 'spc-9303-0002' });
  });

  it('fails the in-flight capture clearly, reconnects, and captures again', async () => {
    await bridge.configure('debug-slow', { delayMs: 60_000 });
    const firstPid = bridge.pid;
    expect(firstPid).toBeGreaterThan(0);
    const states: string[] = [];
    const off = bridge.on('status', (list) => states.push(device(list, 'virtual-scanner')?.state ?? 'missing'));

    const inFlight = bridge.capture('debug-slow');
    await waitForStatus(bridge, (list) => device(list, 'debug-slow')?.state === 'busy');
    process.kill(firstPid as number, 'SIGKILL');

    await expect(inFlight).rejects.toThrow(CAPTURE_INTERRUPTED);
    await expect(inFlight).rejects.toMatchObject({ kind: 'BridgeStopped' });
    await waitForStatus(bridge, (list) => list.every((s) => s.state === 'reconnecting'));
    const back = await waitForStatus(bridge, (list) => device(list, 'virtual-scanner')?.state === 'connected');
    off();

    expect(bridge.pid).not.toBe(firstPid);
    expect(states).toContain('reconnecting');
    expect(states.indexOf('connected', states.indexOf('reconnecting'))).toBeGreaterThan(states.indexOf('reconnecting'));
    // Settings survive the restart, including those changed while running.
    expect(device(back, 'virtual-scanner')?.settings).toEqual({ specimen: 'spc-9303-0002' });
    expect(device(back, 'debug-slow')?.settings).toEqual({ delayMs: 60_000 });

    const capture = await bridge.capture('virtual-scanner');
    expect(capture.images[0]?.path).toMatch(/spc-9303-0002_white\.jpg$/);
  });
});
