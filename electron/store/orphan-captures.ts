// Capture images no examination refers to, removed at start-up. An examination stores its images
// first and commits its row seconds later (a saved examination never points at a missing file), so
// a process killed or failing in between leaves image files behind: personal data that nothing
// shows, reports or will ever purge. Likewise the device bridge's staging copies in captures/,
// which the examination reads once and copies into the image store.
//
// What is never removed:
// - an image a committed examination refers to: its capture images (examination_images) and the
//   images of its face comparison (examination_portrait_images, migration 6);
// - a pending capture: a file younger than PENDING_CAPTURE_MS. Another process may be examining
//   right now (the app while a `loupe examine` starts, a bridge that has just written a scan):
//   it stores the images, then commits within seconds (OCR, checks, face analysis). put() of bytes
//   already stored refreshes the file's time, so an old orphan whose bytes a new examination uses
//   counts as pending again. Files left by an interrupted examination go at the first start more
//   than PENDING_CAPTURE_MS after it.
// A sweep in one process and a put() of the very same bytes in another may still meet in the
// instant between the sweep's check and its unlink; saveExamination then refuses the examination
// ("image is not stored") rather than committing a reference to a missing file.
import type Database from 'better-sqlite3';
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ImageFiles } from './image-files';

/** How long a capture image may wait for its examination to be committed. */
export const PENDING_CAPTURE_MS = 10 * 60_000;

export interface OrphanSweep {
  /** Image store files no committed examination refers to. */
  images: number;
  /** Bridge staging files left in captures/. */
  captures: number;
}

/** Removes orphaned image store files older than the pending window; returns how many. */
export function sweepOrphanImages(db: Database.Database, images: ImageFiles, now = Date.now()): number {
  const referenced = db
    .prepare('SELECT EXISTS (SELECT 1 FROM examination_images WHERE hash = ?) OR EXISTS (SELECT 1 FROM examination_portrait_images WHERE hash = ?)')
    .pluck();
  let removed = 0;
  for (const file of images.files()) {
    if (now - file.mtimeMs < PENDING_CAPTURE_MS) continue;
    if (referenced.get(file.hash, file.hash) === 1) continue;
    // Checked again just before the unlink: a put() of the same bytes may have refreshed it.
    if (isPending(file.path, now)) continue;
    rmSync(file.path, { force: true });
    removed++;
  }
  return removed;
}

/**
 * Removes the device bridge's staging files (captures/) older than the pending window. The bridge
 * writes a scan there and the examination copies it into the image store at once, so an older
 * file is either already stored under its hash (what the examination refers to) or the capture of
 * an examination that never ran; a capture is never resumed after a restart.
 */
export function sweepStaleCaptures(captureDir: string, now = Date.now()): number {
  let names: string[];
  try {
    names = readdirSync(captureDir);
  } catch {
    return 0; // no bridge has written here yet
  }
  let removed = 0;
  for (const name of names) {
    const path = join(captureDir, name);
    try {
      const stats = lstatSync(path);
      if (!stats.isFile() || now - stats.mtimeMs < PENDING_CAPTURE_MS) continue;
      rmSync(path, { force: true });
      removed++;
    } catch {
      // Removed meanwhile.
    }
  }
  return removed;
}

/**
 * Removes a capture's staging files once its examination is committed (its images are then in the
 * image store under their hashes). Only files directly in captures/: the virtual scanner hands out
 * its bundled specimens and `loupe examine` the user's own files, neither of which is ours to remove.
 */
export function discardStagedCapture(captureDir: string, paths: readonly string[]): void {
  const dir = resolve(captureDir);
  for (const path of paths) {
    if (dirname(resolve(path)) === dir) rmSync(path, { force: true });
  }
}

function isPending(path: string, now: number): boolean {
  try {
    return now - lstatSync(path).mtimeMs < PENDING_CAPTURE_MS;
  } catch {
    return true; // gone already: nothing to remove
  }
}

/** Both sweeps, with one log line when anything was removed. */
export function sweepOrphanCaptures(db: Database.Database, images: ImageFiles, captureDir: string, now = Date.now()): OrphanSweep {
  const result = { images: sweepOrphanImages(db, images, now), captures: sweepStaleCaptures(captureDir, now) };
  const total = result.images + result.captures;
  if (total > 0) {
    console.warn(`Loupe: removed ${total} capture ${total === 1 ? 'image' : 'images'} that no examination refers to (left by an examination that was interrupted or failed).`);
  }
  return result;
}
