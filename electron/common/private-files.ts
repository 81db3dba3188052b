// The station's data folder holds personal data (examinations, capture images, portraits, reports)
// and its signing key: no other local user may read any of it. This file is the one place that says
// how: folders are created 0700 and files 0600, whatever the process umask, and what an older build
// (or another program) left looser is tightened at start-up.
//
// Modes are given at creation (open with O_CREAT|O_EXCL, mkdir) rather than fixed by chmod
// afterwards, so no file is ever readable by others, not even for a moment. The umask can only
// remove bits from those modes, never add them. Writers that create files themselves (SQLite,
// sharp, copyFile, which copies the source's mode) go through the helpers below instead.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, createWriteStream, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync, type Stats, type WriteStream } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Group and other permission bits: any of them set makes an entry readable (or enterable) by other users. */
const SHARED_BITS = 0o077;

/** mkdir -p whose newly created folders are 0700. An existing folder is left as it is (start-up tightening handles it). */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** A temporary name next to `path` (same folder, so the final rename is atomic). */
function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes `data` to `path` as a 0600 file, atomically: a temporary file created 0600 (O_EXCL, so never
 * an existing file with a looser mode) is renamed over the target. Readers see the old file or the new
 * one, never half of one. The folder must exist (`makePrivateDir` inside the data folder); it is
 * never chmod-ed here, so writing into a folder the user chose (`--out`) leaves that folder alone.
 */
export function writePrivateFile(path: string, data: Buffer | string): void {
  const temp = tempPathFor(path);
  try {
    const fd = openSync(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** `writePrivateFile` for asynchronous code (the device bridge). */
export async function writePrivateFileAsync(path: string, data: Buffer | string): Promise<void> {
  const temp = tempPathFor(path);
  try {
    const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Copies a file into the data folder as 0600 (fs.copyFile would give the copy the source's mode). */
export async function copyPrivateFile(source: string, target: string): Promise<void> {
  await writePrivateFileAsync(target, await readFile(source));
}

/** A stream into a new 0600 file (fails if `path` exists, so no looser file is ever written through). */
export function createPrivateWriteStream(path: string): WriteStream {
  return createWriteStream(path, { flags: 'wx', mode: PRIVATE_FILE_MODE });
}

/**
 * Makes sure `path` exists as a private file before another library opens it: an empty 0600 file is
 * created when there is none. SQLite treats an empty file as an empty database, and its unix VFS
 * creates the database's companions (-wal, -shm, -journal) with the database file's own permission
 * bits (it fchmods them to that mode, bypassing the umask), so a 0600 database keeps its WAL and
 * shared-memory files 0600 too, including the ones SQLite creates later, lazily. Changing the
 * process umask instead would affect every file the process writes (user exports too) and cannot be
 * done from worker threads.
 */
export function ensurePrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    tightenEntry(path, lstatSync(path));
  }
}

/** Removes group/other bits from one entry (files keep at most rw for the owner); true when its mode changed. */
function tightenEntry(path: string, stats: Stats): boolean {
  if (stats.isSymbolicLink() || (stats.mode & SHARED_BITS) === 0) return false;
  chmodSync(path, stats.mode & (stats.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE));
  return true;
}

export interface TightenResult {
  /** Entries whose mode was changed. */
  tightened: number;
  /** Entries that could not be changed (owned by another user, vanished meanwhile). */
  failed: number;
}

/** Removed by someone else meanwhile (a sweep, another process): nothing left to tighten. */
function isGone(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * Takes group and other permissions away from `root` and everything under it. Symbolic links are
 * neither changed (chmod would act on their target) nor followed, so nothing outside the folder is
 * touched; only `root` itself may be a link (a data folder configured through one).
 */
export function tightenPrivateTree(root: string): TightenResult {
  const result: TightenResult = { tightened: 0, failed: 0 };
  const visit = (path: string, stats: Stats): void => {
    try {
      if (tightenEntry(path, stats)) result.tightened++;
    } catch (error) {
      if (!isGone(error)) result.failed++;
    }
    if (!stats.isDirectory()) return;
    let names: string[];
    try {
      names = readdirSync(path);
    } catch (error) {
      if (!isGone(error)) result.failed++;
      return;
    }
    for (const name of names) {
      const child = join(path, name);
      let childStats: Stats;
      try {
        childStats = lstatSync(child);
      } catch {
        continue; // removed meanwhile
      }
      visit(child, childStats);
    }
  };
  visit(root, statSync(root));
  return result;
}

/**
 * Tightens everything in the data folder that an older build (or another program) left readable by
 * other users, saying so in one log line when anything changed. Called once where a program starts
 * with the station's data (where the station store is opened: app, host, command line).
 */
export function tightenDataFolder(dataDir: string): TightenResult {
  makePrivateDir(dataDir);
  const result = tightenPrivateTree(dataDir);
  const { tightened, failed } = result;
  if (tightened > 0 || failed > 0) {
    const couldNot = failed > 0 ? `; ${failed} could not be changed (not owned by this user?)` : '';
    console.warn(`Loupe: the data folder was readable by other users: ${tightened} ${tightened === 1 ? 'entry is' : 'entries are'} now private to this user${couldNot}.`);
  }
  return result;
}
