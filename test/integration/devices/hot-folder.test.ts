// Hot folder on a real directory: files arrive slowly in chunks, as a vendor scanner writes them;
// a damaged file is reported to the officer when it arrives (real bridge, real examination service).
import { readFileSync, statSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Capture } from '../../../native/bridge-client';
import { EventBus } from '../../../electron/common/event-bus';
import type { EventPayload } from '../../../electron/contract/api.contract';
import { DeviceCaptures } from '../../../electron/examination/device-captures';
import { ExaminationService } from '../../../electron/examination/examination.service';
import { openStationStore } from '../../../electron/store';
import { device, SPECIMENS_DIR, startBridge, tempDir, waitForStatus } from './bridge-fixture';

const SETTLE_MS = 1000;

async function writeSlowly(path: string, bytes: Buffer, chunks: number, afterChunk: () => void): Promise<void> {
  const size = Math.ceil(bytes.length / chunks);
  await writeFile(path, bytes.subarray(0, size));
  afterChunk();
  for (let offset = size; offset < bytes.length; offset += size) {
    await sleep(200);
    await appendFile(path, bytes.subarray(offset, offset + size));
    afterChunk();
  }
}

describe('hot folder driver', () => {
  const folder = tempDir('loupe-hot-');
  const bridgeReady = startBridge();

  it('emits one capture per complete image set, only once it is completely written', async () => {
    const bridge = await bridgeReady;
    await writeFile(join(folder, 'OLD_white.png'), readFileSync(join(SPECIMENS_DIR, 'spc-9303-0001_white.png')));
    const status = await bridge.configure('hot-folder', { folder, settleMs: SETTLE_MS });
    expect(status.state).toBe('connected');
    await waitForStatus(bridge, (list) => device(list, 'hot-folder')?.state === 'connected');

    const captures: Capture[] = [];
    bridge.on('capture', (c) => captures.push(c));
    const first = new Promise<Capture>((resolve) => bridge.on('capture', resolve));
    const earlyCounts: number[] = [];
    const sources = {
      'DOC1_White.png': readFileSync(join(SPECIMENS_DIR, 'spc-9303-0000_white.png')),
      'DOC1_NIR.png': readFileSync(join(SPECIMENS_DIR, 'spc-9303-0000_ir.png')),
      'DOC1_uv.png': readFileSync(join(SPECIMENS_DIR, 'spc-9303-0000_uv.png')),
    };
    for (const [name, bytes] of Object.entries(sources)) {
      await writeSlowly(join(folder, name), bytes, 4, () => earlyCounts.push(captures.length));
    }
    // While any file was still growing, nothing was emitted.
    expect(earlyCounts.every((n) => n === 0)).toBe(true);

    const capture = await first;
    expect(capture.deviceId).toBe('hot-folder');
    expect(capture.images.map((i) => i.light).sort()).toEqual(['ir', 'uv', 'white']);
    const byLight = Object.fromEntries(capture.images.map((i) => [i.light, i.path]));
    expect(readFileSync(byLight.white as string).equals(sources['DOC1_White.png'])).toBe(true);
    expect(readFileSync(byLight.ir as string).equals(sources['DOC1_NIR.png'])).toBe(true);
    expect(readFileSync(byLight.uv as string).equals(sources['DOC1_uv.png'])).toBe(true);
    // The vendor's own file names travel with the capture, for messages to the officer.
    expect(Object.fromEntries(capture.images.map((i) => [i.light, i.sourceName]))).toEqual({ white: 'DOC1_White.png', ir: 'DOC1_NIR.png', uv: 'DOC1_uv.png' });
    // The vendor's files are readable by everyone (0644 here); the station's copies are personal
    // data, readable by this user only.
    expect(statSync(join(folder, 'DOC1_White.png')).mode & 0o077).not.toBe(0);
    for (const path of Object.values(byLight)) expect(statSync(path as string).mode & 0o777).toBe(0o600);

    // Several more scan cycles and settle periods pass: the set is not emitted again, and the
    // set that was already in the folder before watching began is not emitted at all.
    await sleep(SETTLE_MS * 3);
    expect(captures).toHaveLength(1);

    // capture() on demand returns the newest complete set.
    const onDemand = await bridge.capture('hot-folder');
    expect(onDemand.images.find((i) => i.light === 'white')?.path).toMatch(/DOC1_white\.png$/);
  });

  it('reports a damaged file when it arrives, in plain words and without the station’s paths', async () => {
    const bridge = await bridgeReady;
    await bridge.configure('hot-folder', { folder, settleMs: SETTLE_MS });
    const store = openStationStore(tempDir('loupe-hot-station-'));
    const examinations = new ExaminationService(store, 'test', null);
    const events = new EventBus();
    const captures = new DeviceCaptures(examinations, bridge, tempDir('loupe-hot-staging-'), events);
    captures.examineDeliveries(() => ({ name: 'Ada Reyes', badge: 'B-1001' }));
    const failed = new Promise<EventPayload<'examination:onCaptureFailed'>>((resolve) => events.on('examination:onCaptureFailed', resolve));
    const created: string[] = [];
    events.on('examination:onCreated', ({ id }) => created.push(id));
    try {
      // A PNG cut short: its header reads, its pixels do not.
      const png = readFileSync(join(SPECIMENS_DIR, 'spc-9303-0000_white.png'));
      await writeFile(join(folder, 'CASE9_white.png'), png.subarray(0, Math.floor(png.length / 3)));
      const event = await failed;
      expect(event).toMatchObject({ deviceId: 'hot-folder', kind: 'UnsupportedImage' });
      expect(event.message).toBe('The white-light image (CASE9_white.png) could not be read: the file is damaged, not an image, or was still being written. Nothing was stored.');
      expect(event.message).not.toMatch(/[/\\]/);
      expect(created).toEqual([]);
      expect(store.listExaminations({}, null)).toEqual([]);
    } finally {
      await examinations.close();
      store.close();
    }
  });

  it('reports a folder that cannot be read', async () => {
    const bridge = await bridgeReady;
    const status = await bridge.configure('hot-folder', { folder: join(folder, 'missing') });
    expect(status.state).toBe('error');
    expect(status.reason).toMatch(/Cannot read the folder/);
  });
});
