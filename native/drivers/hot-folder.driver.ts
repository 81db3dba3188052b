// The hot folder: vendor scanner software drops image sets into a folder. A set is taken when it
// has a white image, every file is completely written (size and mtime stable across two checks
// at least STABLE_MS apart and the file opens), and nothing in the set changed for settleMs.
// fs.watch alone misses events on some file systems (network shares), so a periodic scan backs
// it up. Files are copied into captureDir (private to this user, like all station data): the vendor
// software may delete or overwrite its own.
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { z } from 'zod';
import { copyPrivateFile, makePrivateDir } from '../../electron/common/private-files';
import { BaseDriver, mimeOf, stamp } from '../driver';
import { DeviceError } from '../protocol';
import type { Capture, CaptureImage, Light } from '../protocol';
import { groupImageSets } from './hot-folder-grouping';

const STABLE_MS = 300;
const SCAN_MS = 250;

const Settings = z
  .object({
    folder: z.string().max(1000).default(''),
    settleMs: z.number().int().min(STABLE_MS).max(60_000).default(1500),
  })
  .strict();
type Settings = z.infer<typeof Settings>;

interface FileRecord {
  size: number;
  mtimeMs: number;
  /** When the current size/mtime was first seen. */
  since: number;
}

interface ReadySet {
  base: string;
  files: Partial<Record<Light, string>>;
  newest: number;
  key: string;
}

export class HotFolderDriver extends BaseDriver<Settings> {
  readonly id = 'hot-folder';
  readonly kind = 'hot-folder' as const;
  readonly name = 'Hot folder';
  readonly provides = ['images' as const];
  protected readonly settingsSchema = Settings;
  protected settings: Settings = Settings.parse({});
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private files = new Map<string, FileRecord>();
  private processed = new Set<string>();
  private ready: ReadySet[] = [];
  /** The scan under way, if any. */
  private scanning: Promise<void> | undefined;
  /** Bumped by stop(): a scan begun under older settings drops its findings. */
  private generation = 0;
  /** Files present (size and mtime) when watching began: sets made only of them are old news. */
  private preexisting: Set<string> | undefined;

  async start(): Promise<void> {
    const folder = this.settings.folder;
    if (!folder) {
      this.setState('disabled', 'Choose the folder where the scanner software saves its images.');
      return;
    }
    this.preexisting = undefined;
    // A scan of the previous folder may still be under way: the first scan of this one must run
    // (it sets the state the caller is answered with), not be skipped as a duplicate.
    await this.scanning;
    this.timer = setInterval(() => void this.scan(), SCAN_MS);
    await this.scan();
  }

  async stop(): Promise<void> {
    this.generation++;
    this.watcher?.close();
    this.watcher = undefined;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.files.clear();
    this.ready = [];
  }

  protected async doCapture(): Promise<Capture> {
    const newest = [...this.ready].sort((a, b) => b.newest - a.newest)[0];
    if (!newest) throw new DeviceError('NotFound', `No complete image set in ${this.settings.folder} yet.`);
    return this.take(newest);
  }

  private ensureWatcher(): void {
    if (this.watcher) return;
    try {
      this.watcher = watch(this.settings.folder, () => void this.scan());
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch {
      this.watcher = undefined; // the periodic scan still runs
    }
  }

  private async scan(): Promise<void> {
    if (this.scanning || !this.timer) return;
    const scan = this.scanOnce(this.generation).finally(() => {
      this.scanning = undefined;
    });
    this.scanning = scan;
    await scan;
  }

  private async scanOnce(generation: number): Promise<void> {
    const folder = this.settings.folder;
    let names: string[];
    try {
      names = await readdir(folder);
    } catch (error) {
      if (generation !== this.generation) return;
      this.setState('error', `Cannot read the folder ${folder} (${(error as NodeJS.ErrnoException).code ?? 'error'}); check that it exists and is shared.`);
      return;
    }
    if (generation !== this.generation) return;
    this.ensureWatcher();
    if (this.currentState !== 'connected') this.setState('connected');
    const now = Date.now();
    const groups = groupImageSets(names);
    const seen = new Set<string>();
    const ready: ReadySet[] = [];
    for (const [base, files] of groups) {
      let complete = true;
      let newest = 0;
      for (const name of Object.values(files)) {
        seen.add(name);
        const rec = await this.observe(join(folder, name), now);
        if (!rec) complete = false;
        else {
          newest = Math.max(newest, rec.since);
          if (now - rec.since < STABLE_MS) complete = false;
        }
      }
      if (!files.white || !complete || now - newest < this.settings.settleMs) continue;
      if (!(await this.allOpen(folder, files))) continue;
      const key = `${base}|${Object.values(files).map((n) => `${n}:${this.files.get(join(folder, n))?.mtimeMs}`).join('|')}`;
      ready.push({ base, files, newest, key });
    }
    if (generation !== this.generation) return;
    for (const path of this.files.keys()) if (!seen.has(path.slice(folder.length + 1))) this.files.delete(path);
    this.ready = ready;
    const signature = (path: string): string => `${path}|${this.files.get(path)?.size}|${this.files.get(path)?.mtimeMs}`;
    this.preexisting ??= new Set([...this.files.keys()].map(signature));
    const old = this.preexisting;
    const fresh = ready.filter((r) => !this.processed.has(r.key));
    for (const r of fresh) this.processed.add(r.key);
    // Sets already in the folder when watching began were dropped before this station looked.
    const isOld = (r: ReadySet): boolean => Object.values(r.files).every((n) => old.has(signature(join(folder, n))));
    for (const r of fresh.filter((x) => !isOld(x))) {
      try {
        this.ctx.emitCapture(await this.take(r));
      } catch (error) {
        this.ctx.log('warn', `hot folder: could not take ${r.base}: ${(error as Error).message}`);
      }
    }
  }

  private async observe(path: string, now: number): Promise<FileRecord | undefined> {
    try {
      const s = await stat(path);
      const prev = this.files.get(path);
      if (prev && prev.size === s.size && prev.mtimeMs === s.mtimeMs) return prev;
      const rec = { size: s.size, mtimeMs: s.mtimeMs, since: now };
      this.files.set(path, rec);
      return rec;
    } catch {
      this.files.delete(path);
      return undefined;
    }
  }

  /** A writer holding an exclusive lock (Windows shares) makes open fail: not finished yet. */
  private async allOpen(folder: string, files: Partial<Record<Light, string>>): Promise<boolean> {
    for (const name of Object.values(files)) {
      try {
        const handle = await open(join(folder, name), 'r');
        await handle.close();
      } catch {
        return false;
      }
    }
    return true;
  }

  private async take(set: ReadySet): Promise<Capture> {
    const capturedAt = new Date();
    const dir = this.ctx.captureDir;
    makePrivateDir(dir);
    const images: CaptureImage[] = [];
    for (const [light, name] of Object.entries(set.files) as [Light, string][]) {
      const target = join(dir, `hot-folder-${stamp(capturedAt)}-${set.base}_${light}${extname(name).toLowerCase()}`);
      await copyPrivateFile(join(this.settings.folder, name), target);
      images.push({ light, path: target, mime: mimeOf(name), sourceName: name });
    }
    return { deviceId: this.id, images, capturedAt: capturedAt.toISOString() };
  }
}
