// Capture images left behind by examinations that never committed: `loupe examine` is killed with
// SIGKILL after it stored its images and before it saved the examination, and the next start removes
// those files — but never an image a committed examination refers to (capture or face comparison),
// nor a capture still pending (recent enough that its examination may be under way elsewhere).
import Database from 'better-sqlite3';
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Examination } from '../../../electron/contract/examination.contract';
import type { Portrait } from '../../../electron/contract/face.contract';
import { openStationStore } from '../../../electron/store';
import { toColumns } from '../../../electron/store/examination-columns';
import { ImageFiles } from '../../../electron/store/image-files';
import { migrate } from '../../../electron/store/migration-runner';
import { MIGRATIONS } from '../../../electron/store/migrations';
import { PENDING_CAPTURE_MS } from '../../../electron/store/orphan-captures';
import { useTempDir } from '../../helpers/temp-dir';
import { makeExamination } from './fixtures/examination-fixture';

const run = promisify(execFile);
const root = useTempDir('loupe-orphans-');
const specimens = join(process.cwd(), 'assets', 'specimens');
const ext = (id: string) => (Number(id.slice(-1)) >= 2 ? 'jpg' : 'png');
const examineArgs = (id: string, dataDir: string) => [
  '--import', 'tsx', 'electron/cli/main.ts', 'examine',
  ...['white', 'ir', 'uv'].flatMap((light) => [`--${light}`, join(specimens, `${id}_${light}.${ext(id)}`)]),
  '--data', dataDir, '--json',
];

afterEach(() => {
  vi.restoreAllMocks();
});

/** Stored image files: images/<shard>/<hash>.<ext> (temporary files excluded). */
function imageFiles(dataDir: string): string[] {
  const dir = join(dataDir, 'images');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((shard) => readdirSync(join(dir, shard)).filter((n) => !n.startsWith('.')).map((n) => join(dir, shard, n)));
}

/** Runs `loupe examine` and SIGKILLs it as soon as its three images are on disk, before it can save. */
function examineAndKill(dataDir: string, id: string): Promise<void> {
  const before = imageFiles(dataDir).length;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, examineArgs(id, dataDir), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const poll = setInterval(() => {
      if (imageFiles(dataDir).length >= before + 3) {
        clearInterval(poll);
        child.kill('SIGKILL');
      }
    }, 5);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`examine ended (${code}) before it was killed: ${stderr}`));
    });
  });
}

const warnings = () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  return () => warn.mock.calls.map((args) => args.join(' '));
};

const backdate = (paths: string[], ms: number) => {
  const then = new Date(Date.now() - ms);
  for (const p of paths) utimesSync(p, then, then);
};

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('capture images left by an interrupted examination', () => {
  it('are removed at a later start; committed and pending images stay', async () => {
    const dataDir = join(root, 'station');
    // One examination that commits.
    const { stdout } = await run(process.execPath, examineArgs('spc-9303-0000', dataDir));
    const committed = JSON.parse(stdout) as Examination;
    expect(imageFiles(dataDir)).toHaveLength(3);

    // Two that are killed mid-examination, after their images were written.
    await examineAndKill(dataDir, 'spc-9303-0001');
    await examineAndKill(dataDir, 'spc-9303-0002');
    const all = imageFiles(dataDir);
    expect(all).toHaveLength(9);

    // Started again at once: the leftovers are within the pending window (an examination in another
    // process could be about to commit them), so nothing is removed yet.
    let logged = warnings();
    let store = openStationStore(dataDir);
    expect(store.listExaminations({}, null).map((e) => e.id)).toEqual([committed.id]);
    // An examination under way right now in another process has just stored its image.
    const pending = store.putImage(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), randomBytes(64)]), 'image/png');
    store.close();
    expect(imageFiles(dataDir)).toHaveLength(10);
    expect(logged().filter((l) => /capture image/.test(l))).toEqual([]);

    // Later (every file older than the pending window but the new one): the next start sweeps.
    backdate(all, PENDING_CAPTURE_MS + 60_000);
    mkdirSync(join(dataDir, 'captures'), { recursive: true });
    const staleCapture = join(dataDir, 'captures', 'hot-folder-2026-01-05T10-00-00-000Z-DOC1_white.png');
    const freshCapture = join(dataDir, 'captures', 'sane-2026-01-05T10-30-00-000Z_white.png');
    writeFileSync(staleCapture, 'a scan whose examination never ran');
    writeFileSync(freshCapture, 'a scan being examined right now');
    backdate([staleCapture], PENDING_CAPTURE_MS + 60_000);

    vi.restoreAllMocks();
    logged = warnings();
    store = openStationStore(dataDir);
    try {
      expect(logged().filter((l) => /capture image/.test(l))).toEqual([
        'Loupe: removed 7 capture images that no examination refers to (left by an examination that was interrupted or failed).',
      ]);
      const left = imageFiles(dataDir);
      expect(left).toHaveLength(4);
      expect(left).toContain(pending.path);
      // Every image of the committed examination is still there, whole.
      const exam = store.getExamination(committed.id)!;
      expect(exam.images).toHaveLength(3);
      for (const image of exam.images) {
        const path = store.imagePath(image.hash);
        expect(path).not.toBeNull();
        expect(sha256(path!)).toBe(image.hash);
      }
      expect(existsSync(staleCapture)).toBe(false);
      expect(existsSync(freshCapture)).toBe(true);
    } finally {
      store.close();
    }
  }, 180_000);
});

describe('images a face comparison refers to', () => {
  const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), randomBytes(64)]);
  const quality = { faceFound: true, faces: 1, detectionScore: 0.9, faceWidthPx: 120, eyeDistancePx: 40, sharpness: 90, yawDeg: 0, rollDeg: 0, brightness: 120, contrast: 40, occlusionHints: [], usable: true, problems: [] };
  const portrait = (id: string, kind: Portrait['kind'], sourceHash: string, alignedHash: string): Portrait => ({ id, kind, sourceHash, region: null, locatedBy: 'whole-image', alignedHash, quality, estimatedAge: null, estimatedSex: null });
  const withFace = (id: string, capture: string, portraits: Portrait[]): Examination => ({
    ...makeExamination({ id, images: [{ light: 'white', hash: capture, width: 100, height: 100, mime: 'image/png' }] }),
    face: { portraits, comparisons: [], threshold: { distance: 0.5, margin: 0.05 }, hints: [], analysedAt: '2026-01-05T10:00:00.000Z', timingsMs: {}, assessment: null },
  });

  it('are kept: live captures and aligned crops, also of examinations saved before the portrait index existed', () => {
    const dataDir = join(root, 'faces');
    mkdirSync(dataDir, { mode: 0o700 });
    // A station database of the previous schema (migrations 1–4) with one examination and its face comparison.
    writeFileSync(join(dataDir, 'station.sqlite'), '', { mode: 0o600 });
    const old = new Database(join(dataDir, 'station.sqlite'));
    migrate(old, MIGRATIONS.slice(0, 4));
    const images = new ImageFiles(join(dataDir, 'images'));
    const [capture, live, alignedPrinted, alignedLive, orphan] = [png(), png(), png(), png(), png()].map((b) => images.put(b, 'image/png'));
    const before = withFace('exam-before', capture!.hash, [portrait('printed', 'printed', capture!.hash, alignedPrinted!.hash), portrait('live', 'live', live!.hash, alignedLive!.hash)]);
    old
      .prepare(
        `INSERT INTO examinations (id, created_at, station, officer_name, officer_badge, source, format, document_code, issuer, holder_name, document_number, suggested, decision, decided_at, body)
         VALUES (:id, :created_at, :station, :officer_name, :officer_badge, :source, :format, :document_code, :issuer, :holder_name, :document_number, :suggested, :decision, :decided_at, :body)`,
      )
      .run(toColumns(before));
    old.prepare("INSERT INTO examination_images (examination_id, position, light, hash, width, height, mime) VALUES ('exam-before', 0, 'white', ?, 100, 100, 'image/png')").run(capture!.hash);
    old.close();

    // This build opens it (migration 6 indexes the portraits) and saves another examination with a face comparison.
    let store = openStationStore(dataDir);
    const [capture2, chip, alignedChip] = [png(), png(), png()].map((b) => store.putImage(b, 'image/png'));
    store.saveExamination(withFace('exam-after', capture2!.hash, [portrait('chip', 'chip', chip!.hash, alignedChip!.hash)]));
    store.close();

    backdate(imageFiles(dataDir), PENDING_CAPTURE_MS + 60_000);
    const logged = warnings();
    store = openStationStore(dataDir);
    try {
      expect(logged().filter((l) => /capture image/.test(l))).toEqual(['Loupe: removed 1 capture image that no examination refers to (left by an examination that was interrupted or failed).']);
      for (const kept of [capture, live, alignedPrinted, alignedLive, capture2, chip, alignedChip]) expect(store.imagePath(kept!.hash)).toBe(kept!.path);
      expect(store.imagePath(orphan!.hash)).toBeNull();
    } finally {
      store.close();
    }
  });
});
