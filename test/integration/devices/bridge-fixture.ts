// Shared set-up for device bridge tests: an in-memory settings store, a bridge that is always
// closed after the test file, and a helper that waits for an event matching a predicate.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { DeviceBridge } from '../../../native/bridge-client';
import type { DeviceStatus } from '../../../electron/contract/device.contract';

export const SPECIMENS_DIR = resolve(import.meta.dirname, '../../../assets/specimens');

export class MemorySettings {
  readonly saved = new Map<string, Record<string, unknown>>();
  load(id: string): Record<string, unknown> | undefined {
    return this.saved.get(id);
  }
  save(id: string, settings: Record<string, unknown>): void {
    this.saved.set(id, { ...settings });
  }
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function startBridge(settings = new MemorySettings(), captureDir = tempDir('loupe-capture-')): Promise<DeviceBridge> {
  const bridge = await DeviceBridge.start({ settings, specimensDir: SPECIMENS_DIR, captureDir });
  afterAll(() => bridge.close());
  return bridge;
}

/** Resolves with the first status list for which `predicate` holds (checks the cache first). */
export function waitForStatus(bridge: DeviceBridge, predicate: (list: DeviceStatus[]) => boolean, timeoutMs = 20_000): Promise<DeviceStatus[]> {
  if (predicate(bridge.list())) return Promise.resolve(bridge.list());
  return new Promise((resolveList, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`status not reached; last: ${JSON.stringify(bridge.list().map((s) => [s.id, s.state, s.reason]))}`));
    }, timeoutMs);
    const off = bridge.on('status', (list) => {
      if (!predicate(list)) return;
      clearTimeout(timer);
      off();
      resolveList(list);
    });
  });
}

export function device(list: DeviceStatus[], id: string): DeviceStatus | undefined {
  return list.find((s) => s.id === id);
}
