// A large write with the checkpoint in the background: the commit leaves the log in the WAL file,
// the worker's own connection copies it into the database file afterwards (or, without a worker,
// the calling thread does), and the automatic checkpoint setting is as it was.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WalCheckpointer, withBackgroundCheckpoint } from '../../../electron/store/wal-checkpointer';
import { useTempDir } from '../../helpers/temp-dir';

const dir = useTempDir('loupe-wal-');
const opened: Database.Database[] = [];
afterAll(() => opened.forEach((db) => db.close()));

function database(name: string): Database.Database {
  const db = new Database(join(dir, name));
  opened.push(db);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT');
  return db;
}

function bigWrite(db: Database.Database): void {
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 20_000; i++) insert.run(`row ${i} ${'x'.repeat(200)}`);
  })();
}

/** Frames in the log, and how many of them are in the database file (NOOP: looks, copies nothing). */
function walState(db: Database.Database): { log: number; checkpointed: number } {
  const [state] = db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
  return state!;
}

describe('checkpoints in the background', () => {
  it('leaves the copy of a large write to the worker, and restores the automatic checkpoint', async () => {
    const db = database('worker.sqlite');
    const checkpointer = new WalCheckpointer();
    withBackgroundCheckpoint(db, () => bigWrite(db), checkpointer);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpointer.idle(db.name);
    expect(checkpointer.fallbacks).toBe(0);
    expect(checkpointer.spentMs).toBeGreaterThan(0);
    const state = walState(db);
    expect(state.log).toBeGreaterThan(1000);
    expect(state.checkpointed).toBe(state.log);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(20_000);
    await checkpointer.close();
  });

  it('checkpoints on the calling thread when there is no worker', async () => {
    const db = database('fallback.sqlite');
    const checkpointer = new WalCheckpointer({ useWorker: false });
    withBackgroundCheckpoint(db, () => bigWrite(db), checkpointer);
    await checkpointer.idle(db.name);
    expect(checkpointer.fallbacks).toBe(1);
    const state = walState(db);
    expect(state.checkpointed).toBe(state.log);
  });

  it('without it, a large write leaves most of its log to copy (what the worker takes over)', () => {
    const db = database('plain.sqlite');
    db.pragma('wal_autocheckpoint = 0');
    bigWrite(db);
    const before = walState(db);
    expect(before.checkpointed).toBeLessThan(before.log);
  });
});
