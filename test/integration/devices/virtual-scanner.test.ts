import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { device, MemorySettings, startBridge } from './bridge-fixture';

describe('virtual scanner through a forked bridge', () => {
  const settings = new MemorySettings();
  const bridgeReady = startBridge(settings);

  it('lists every driver with the virtual scanner connected by default', async () => {
    const bridge = await bridgeReady;
    const list = bridge.list();
    expect(list.map((s) => s.id)).toEqual(expect.arrayContaining(['virtual-scanner', 'hot-folder', 'serial-mrz', 'sane', 'usb']));
    expect(device(list, 'virtual-scanner')?.state).toBe('connected');
    expect(device(list, 'hot-folder')?.state).toBe('disabled');
  });

  it('captures white, IR and UV images that exist on disk, cycling through specimens', async () => {
    const bridge = await bridgeReady;
    const first = await bridge.capture('virtual-scanner');
    const second = await bridge.capture('virtual-scanner');
    expect(first.images.map((i) => i.light)).toEqual(['white', 'ir', 'uv']);
    for (const image of [...first.images, ...second.images]) expect(existsSync(image.path)).toBe(true);
    expect(first.images[0]?.path).not.toBe(second.images[0]?.path);
  });

  it('validates and persists settings, and rejects unknown specimens and keys', async () => {
    const bridge = await bridgeReady;
    const status = await bridge.configure('virtual-scanner', { specimen: 'spc-9303-0001' });
    expect(status.settings).toEqual({ specimen: 'spc-9303-0001' });
    expect(settings.saved.get('virtual-scanner')).toEqual({ specimen: 'spc-9303-0001' });
    const capture = await bridge.capture('virtual-scanner');
    expect(capture.images[0]?.path).toMatch(/spc-9303-0001_white\.png$/);
    await expect(bridge.configure('virtual-scanner', { colour: 'blue' })).rejects.toMatchObject({ kind: 'InvalidInput' });
    await expect(bridge.capture('no-such-device')).rejects.toMatchObject({ kind: 'NotFound' });
    const bad = await bridge.configure('virtual-scanner', { specimen: 'spc-nope' });
    expect(bad.state).toBe('error');
    expect(bad.reason).toMatch(/not bundled/);
  });

  it('reports USB discovery without throwing (unavailable where there is no USB subsystem)', async () => {
    const bridge = await bridgeReady;
    const usb = device(bridge.list(), 'usb');
    if (!existsSync('/sys/bus/usb/devices')) {
      expect(usb).toMatchObject({ state: 'unavailable', reason: 'no USB subsystem on this machine' });
    } else {
      expect(['unavailable', 'connected']).toContain(usb?.state);
    }
    await expect(bridge.capture('usb')).rejects.toMatchObject({ kind: 'DeviceUnavailable' });
  });
});
