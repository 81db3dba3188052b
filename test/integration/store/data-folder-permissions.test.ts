// The station's data folder holds personal data: a real station (services, device bridge, SQLite in
// WAL mode, Chromium report, signing key, reference library, hot-folder capture) writes into it, and
// nothing in it may be readable by another local user. A folder an older build left readable is
// tightened at the next start, with one log line, without following links out of it.
import Database from 'better-sqlite3';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadOrCreateStationKey } from '../../../electron/trust/station-key';
import { createServices, type Services } from '../../../electron/services/create-services';
import { openStationStore } from '../../../electron/store';
import { syncStateFile } from '../../../electron/trends/trend-hub-sync';
import { FileSyncState } from '../../../electron/trends/hub-sync-state';
import { useTempDir } from '../../helpers/temp-dir';
import { makeExamination } from './fixtures/examination-fixture';

const root = useTempDir('loupe-perms-');
const specimens = join(process.cwd(), 'assets', 'specimens');
const hostOptions = { transport: 'host', imageBase: '/images/', reportBase: '/reports/', referenceBase: '/reference/' } as const;

// The usual umask of a desktop session: files 0644, folders 0755 unless the code says otherwise.
let previousUmask: number;
beforeAll(() => {
  previousUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(previousUmask);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const modeOf = (path: string): number => lstatSync(path).mode & 0o777;

/** Every entry under `dir` (itself included) with its mode, symbolic links reported but not followed. */
function walk(dir: string): { path: string; mode: number; link: boolean }[] {
  const out = [{ path: dir, mode: modeOf(dir), link: false }];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stats = lstatSync(path);
    if (stats.isDirectory()) out.push(...walk(path));
    else out.push({ path, mode: stats.mode & 0o777, link: stats.isSymbolicLink() });
  }
  return out;
}

/** Entries group or others can read, write or enter, relative to `dir`. */
function sharedEntries(dir: string): string[] {
  return walk(dir)
    .filter((e) => !e.link && (e.mode & 0o077) !== 0)
    .map((e) => `${relative(dir, e.path) || '.'} ${e.mode.toString(8)}`);
}

function waitFor<T>(subscribe: (resolve: (value: T) => void) => () => void, what: string, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const off = subscribe((value) => {
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

describe('a running station keeps its data folder private', () => {
  const dataDir = join(root, 'station');
  const hotFolder = join(root, 'scanner-output');
  let services: Services;

  beforeAll(async () => {
    mkdirSync(hotFolder);
    services = await createServices({ dataDir, ...hostOptions });
  });
  afterAll(async () => {
    await services?.close();
  });

  it('creates the folder 0700 and the database with its WAL and shared memory, images, reports, keys, library and sync state 0600', async () => {
    await services.invoke('session:signIn', { name: 'Ana Petrović', badge: 'B-1701' });
    // Capture images from the virtual scanner go into the image store.
    const exam = (await services.invoke('examination:scan', { deviceId: 'virtual-scanner' })) as { id: string; images: { hash: string }[] };
    // A hot-folder scan is staged in captures/ (copied from files the vendor software wrote 0644).
    await services.invoke('devices:configure', { id: 'hot-folder', settings: { folder: hotFolder, settleMs: 300 } });
    const created = waitFor<{ id: string }>((resolve) => services.events.on('examination:onCreated', resolve), 'the hot-folder examination');
    for (const light of ['white', 'ir', 'uv']) writeFileSync(join(hotFolder, `DOC7_${light}.png`), readFileSync(join(specimens, `spc-9303-0001_${light}.png`)));
    expect(modeOf(join(hotFolder, 'DOC7_white.png'))).toBe(0o644);
    const fromHotFolder = await created;
    // A report, the station's signing key, a reference class saved by an expert, the hub sync position.
    const report = (await services.invoke('report:create', { id: exam.id })) as { fileName: string };
    await services.invoke('trends:identity', {});
    const [summary] = (await services.invoke('reference:list', {})) as { id: string }[];
    const { cls } = (await services.invoke('reference:get', { id: summary!.id })) as { cls: { notes?: string } };
    await services.invoke('reference:save', { cls: { ...cls } });
    await new FileSyncState(syncStateFile(dataDir, 'https://hub.example:8443/')).save({ cursor: 3, pushMark: null });

    const database = join(dataDir, 'station.sqlite');
    const imageFile = services.imagePath(exam.images[0]!.hash)!;
    const expected: Record<string, number> = {
      '.': 0o700,
      'station.sqlite': 0o600,
      // Created lazily by SQLite while the station runs: they must exist now to be checked.
      'station.sqlite-wal': 0o600,
      'station.sqlite-shm': 0o600,
      images: 0o700,
      [relative(dataDir, join(imageFile, '..'))]: 0o700,
      [relative(dataDir, imageFile)]: 0o600,
      reports: 0o700,
      [join('reports', report.fileName)]: 0o600,
      captures: 0o700,
      keys: 0o700,
      'keys/station-ed25519.key': 0o600,
      'keys/station-ed25519.pub': 0o600,
      'keys/station.json': 0o600,
      reference: 0o700,
      [join('reference', summary!.id, 'class.json')]: 0o600,
      trends: 0o700,
    };
    const actual = Object.fromEntries(Object.keys(expected).map((p) => [p, existsSync(join(dataDir, p)) ? modeOf(join(dataDir, p)) : 'missing']));
    expect(actual).toEqual(expected);
    expect(readdirSync(join(dataDir, 'reference', summary!.id)).filter((n) => n.endsWith('.png') || n.endsWith('.jpg')).length).toBeGreaterThan(0);
    // And nothing else in the folder either (sync state, reference images, every capture image...).
    expect(sharedEntries(dataDir)).toEqual([]);
    // The hot-folder capture was examined; its staged copies went once the examination was stored.
    expect(services.imagePath(((await services.invoke('examination:get', { id: fromHotFolder.id })) as { images: { hash: string }[] }).images[0]!.hash)).not.toBeNull();
    expect(readdirSync(join(dataDir, 'captures'))).toEqual([]);
    expect(existsSync(database)).toBe(true);
  }, 180_000);
});

describe('start-up tightening of a folder an older build left readable', () => {
  it('makes everything private, says so in one log line, and leaves what links point to alone', async () => {
    const dataDir = join(root, 'old-station');
    const outside = join(root, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'shared.txt'), 'not station data');
    chmodSync(join(outside, 'shared.txt'), 0o644);

    // The station as an older build left it: a committed examination with its image, a report,
    // the signing key, and everything 0755 / 0644.
    const store = openStationStore(dataDir);
    const { hash } = store.putImage(readFileSync(join(specimens, 'spc-9303-0000_white.png')), 'image/png');
    store.saveExamination(makeExamination({ id: 'exam-old', images: [{ light: 'white', hash, width: 100, height: 100, mime: 'image/png' }] }));
    store.close();
    loadOrCreateStationKey(dataDir);
    mkdirSync(join(dataDir, 'reports'));
    writeFileSync(join(dataDir, 'reports', 'loupe-report-old.pdf'), '%PDF-1.4 old report');
    for (const entry of walk(dataDir)) chmodSync(entry.path, lstatSync(entry.path).isDirectory() ? 0o755 : 0o644);
    // A reader (an older app still running) has the database open in WAL mode: its -wal and -shm
    // files take the database's 0644.
    const reader = new Database(join(dataDir, 'station.sqlite'));
    reader.pragma('journal_mode = WAL');
    reader.prepare('SELECT count(*) FROM examinations').get();
    expect(modeOf(join(dataDir, 'station.sqlite-shm'))).toBe(0o644);
    // Links out of the folder: neither the link nor its target may be changed or followed.
    symlinkSync(join(outside, 'shared.txt'), join(dataDir, 'reports', 'link-to-file'));
    symlinkSync(outside, join(dataDir, 'link-to-folder'));

    const loose = walk(dataDir).filter((e) => !e.link && (e.mode & 0o077) !== 0);
    // The folder, database, -wal, -shm, images/, its shard, the image, keys/ and its 3 files, reports/ and the report.
    expect(loose).toHaveLength(13);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const services = await createServices({ dataDir, ...hostOptions });
    try {
      const lines = warn.mock.calls.map((args) => args.join(' ')).filter((line) => /data folder/.test(line));
      expect(lines).toEqual([`Loupe: the data folder was readable by other users: ${loose.length} entries are now private to this user.`]);
      expect(sharedEntries(dataDir)).toEqual([]);
      expect(modeOf(dataDir)).toBe(0o700);
      for (const file of ['station.sqlite', 'station.sqlite-wal', 'station.sqlite-shm', 'keys/station-ed25519.pub', 'reports/loupe-report-old.pdf']) {
        expect([file, modeOf(join(dataDir, file))]).toEqual([file, 0o600]);
      }
      expect(modeOf(join(outside, 'shared.txt'))).toBe(0o644);
      expect(modeOf(outside)).toBe(0o755);
      expect(lstatSync(join(dataDir, 'link-to-folder')).isSymbolicLink()).toBe(true);
      // The data is all still there.
      expect(services.imagePath(hash)).not.toBeNull();
    } finally {
      await services.close();
      reader.close();
    }

    // The next start finds nothing to tighten and says nothing.
    warn.mockClear();
    openStationStore(dataDir).close();
    expect(warn.mock.calls.filter((args) => /data folder/.test(args.join(' ')))).toEqual([]);
  }, 120_000);
});
