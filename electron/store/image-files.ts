// Capture images on disk, addressed by the sha256 of their bytes: images/ab/abcdef….ext.
// Content addressing dedupes identical captures and makes every file self-verifying (the name
// is the hash quoted in reports).
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, lstatSync, openSync, readdirSync, renameSync, rmSync, utimesSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LoupeError } from '../common/loupe-error';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../common/private-files';

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/tiff': 'tif',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
  'image/x-portable-anymap': 'pnm',
};
const KNOWN_EXTENSIONS = [...new Set(Object.values(EXTENSIONS))];

const HASH = /^[0-9a-f]{64}$/;
const SHARD = /^[0-9a-f]{2}$/;
const TEMP = /^\.tmp-(\d+)-[0-9a-f]+$/;
const STORED = /^([0-9a-f]{64})\.[a-z]+$/;

/** One stored image file as found on disk. */
export interface StoredImageFile {
  hash: string;
  path: string;
  /** Last write, or last time a put() of the same bytes found it already stored. */
  mtimeMs: number;
}

export function isImageHash(value: unknown): value is string {
  return typeof value === 'string' && HASH.test(value);
}

export function extensionForMime(mime: string): string {
  const ext = EXTENSIONS[mime.toLowerCase()];
  if (!ext) throw new LoupeError('imaging', 'UnsupportedImage', `unsupported image type: ${mime}`);
  return ext;
}

export class ImageFiles {
  constructor(private readonly root: string) {
    makePrivateDir(root);
  }

  /**
   * Removes temp files left by a writer that died mid-write (kill, power loss). Only files of
   * processes no longer alive: another process (CLI, report) may be writing right now.
   * Returns how many were removed.
   */
  sweepTemporaryFiles(): number {
    let removed = 0;
    for (const shard of readdirSync(this.root)) {
      if (!SHARD.test(shard)) continue;
      for (const name of readdirSync(join(this.root, shard))) {
        const pid = TEMP.exec(name)?.[1];
        if (pid === undefined || isAlive(Number(pid))) continue;
        rmSync(join(this.root, shard, name), { force: true });
        removed++;
      }
    }
    return removed;
  }

  /** Stores the bytes once; a second put of the same bytes returns the existing file. */
  put(bytes: Buffer, mime: string): { hash: string; path: string } {
    const ext = extensionForMime(mime);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const dir = join(this.root, hash.slice(0, 2));
    const path = join(dir, `${hash}.${ext}`);
    // The final name only ever appears through rename() of a fully synced file, so an existing
    // file is complete and identical.
    if (existsSync(path)) {
      // Its modification time now says "just stored": the orphan sweep leaves recent files alone,
      // so an image left behind by an interrupted examination is not removed while another
      // examination of the same bytes is under way (store-images-then-save).
      try {
        const now = new Date();
        utimesSync(path, now, now);
        return { hash, path };
      } catch {
        // Removed meanwhile (by a sweep in another process): store it again.
      }
    }
    makePrivateDir(dir);
    writeAtomically(dir, path, bytes);
    return { hash, path };
  }

  /** Every stored image file (shard folders only; temporary files are not images yet). */
  *files(): Generator<StoredImageFile> {
    for (const shard of readdirSync(this.root)) {
      if (!SHARD.test(shard)) continue;
      for (const name of readdirSync(join(this.root, shard))) {
        const hash = STORED.exec(name)?.[1];
        if (hash === undefined || hash.slice(0, 2) !== shard) continue;
        const path = join(this.root, shard, name);
        try {
          const stats = lstatSync(path);
          if (stats.isFile()) yield { hash, path, mtimeMs: stats.mtimeMs };
        } catch {
          // Removed meanwhile.
        }
      }
    }
  }

  /** The file for a hash, or null when the hash is malformed or no such image is stored. */
  path(hash: string): string | null {
    // Validate before building any path: a hash like '../../etc/passwd' must never reach join().
    if (!isImageHash(hash)) return null;
    const dir = join(this.root, hash.slice(0, 2));
    for (const ext of KNOWN_EXTENSIONS) {
      const candidate = join(dir, `${hash}.${ext}`);
      if (existsSync(candidate)) return candidate;
    }
    return null;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** temp file + fsync + rename + fsync(dir): a crash leaves either no file or the whole file. */
function writeAtomically(dir: string, path: string, bytes: Buffer): void {
  const temp = join(dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    const fd = openSync(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new LoupeError('store', 'Internal', `could not store image ${path}`, { cause: error });
  }
  syncDirectory(dir);
}

/** Makes the rename itself durable (POSIX: the directory entry lives in the directory's data). */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
