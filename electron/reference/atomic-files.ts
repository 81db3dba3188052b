// Crash-safe file updates: write to a temporary name in the same folder, then rename (rename is
// atomic within one file system, so readers see the old file or the new one, never half of one).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(path: string, data: Buffer | string, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, data, { mode });
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** A fresh staging folder next to `parent`'s entries (same file system, so renames stay atomic). */
export function makeStagingDir(parent: string, purpose: string): string {
  mkdirSync(parent, { recursive: true });
  const dir = join(parent, `.${purpose}-${randomBytes(6).toString('hex')}`);
  mkdirSync(dir);
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
