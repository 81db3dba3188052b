// Crash-safe file updates: write to a temporary name in the same folder, then rename (rename is
// atomic within one file system, so readers see the old file or the new one, never half of one).
// Everything written here is station data (keys, trust list, reference classes) or a package made
// from it: private to this user (electron/common/private-files.ts).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makePrivateDir, PRIVATE_DIR_MODE, writePrivateFile } from '../common/private-files';

/** Writes a 0600 file atomically, creating its folder (0700) when missing. */
export function writeFileAtomic(path: string, data: Buffer | string): void {
  makePrivateDir(dirname(path));
  writePrivateFile(path, data);
}

/** A fresh staging folder next to `parent`'s entries (same file system, so renames stay atomic). */
export function makeStagingDir(parent: string, purpose: string): string {
  makePrivateDir(parent);
  const dir = join(parent, `.${purpose}-${randomBytes(6).toString('hex')}`);
  mkdirSync(dir, { mode: PRIVATE_DIR_MODE });
  return dir;
}

export interface DirSwap {
  target: string;
  staged: string;
}

/**
 * Moves every staged folder onto its target. Existing targets are set aside first and restored if
 * any move fails, so either all targets are replaced or none is.
 */
export function swapDirs(swaps: DirSwap[], trashParent: string): void {
  const trash = makeStagingDir(trashParent, 'replaced');
  const done: { target: string; backup: string | null }[] = [];
  try {
    swaps.forEach((swap, i) => {
      let backup: string | null = null;
      if (existsSync(swap.target)) {
        backup = join(trash, String(i));
        renameSync(swap.target, backup);
      }
      done.push({ target: swap.target, backup });
      renameSync(swap.staged, swap.target);
    });
  } catch (err) {
    // Each target now holds the new content (or nothing, if its move failed): drop it, restore the old.
    for (const { target, backup } of done.reverse()) {
      rmSync(target, { recursive: true, force: true });
      if (backup !== null) renameSync(backup, target);
    }
    throw err;
  } finally {
    rmSync(trash, { recursive: true, force: true });
  }
}
