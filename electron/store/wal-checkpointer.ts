// Checkpoints of SQLite write-ahead logs in a worker thread. A large write (a bundle import of
// 100,000 records writes ~180 MB of WAL) turns SQLite's automatic checkpoint off for its
// transaction and asks for one here after the commit: the commit is durable already (the WAL is
// synced), and copying the log back into the database file (~0.5 s for that import) then happens
// beside the next work instead of inside the import. Without a worker (it could not start), the
// checkpoint runs on the calling thread, as SQLite would have run it.
import type Database from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { startWorker, workerEntry } from '../common/worker-entry';

export interface CheckpointRequest {
  id: number;
  file: string;
}

export type CheckpointReply = { id: number; ok: true; ms: number; frames: number } | { id: number; ok: false; error: string };

/** The checkpoint thread; bundled next to the station's and the hub's main bundles (scripts/worker-bundles.ts). */
export const WAL_CHECKPOINT_WORKER = workerEntry(new URL('./wal-checkpoint.worker.ts', import.meta.url), 'wal-checkpoint-worker.mjs');

interface FileState {
  /** The checkpoint running, if any. */
  running: Promise<void> | null;
  /** Another was asked for while one ran. */
  again: boolean;
}

export class WalCheckpointer {
  private worker: Worker | null = null;
  private ready: Promise<boolean> | null = null;
  private nextId = 1;
  private readonly replies = new Map<number, (reply: CheckpointReply) => void>();
  private readonly files = new Map<string, FileState>();
  private unavailable: boolean;
  /** Time spent in checkpoints (ms), for the benchmarks. */
  spentMs = 0;
  /** Checkpoints done on the calling thread (no worker). */
  fallbacks = 0;

  /** `useWorker: false` checkpoints on the calling thread (tests of that path). */
  constructor(options: { useWorker?: boolean } = {}) {
    this.unavailable = options.useWorker === false;
  }

  private start(): Promise<boolean> {
    if (this.ready) return this.ready;
    const worker = startWorker(WAL_CHECKPOINT_WORKER);
    this.worker = worker;
    this.ready = new Promise<boolean>((resolve) => {
      worker.on('message', (reply: CheckpointReply) => {
        if (reply.id === 0) return resolve(true);
        this.replies.get(reply.id)?.(reply);
        this.replies.delete(reply.id);
      });
      const gone = (reason: string) => {
        resolve(false);
        if (this.worker === worker) {
          this.worker = null;
          this.ready = null;
        }
        for (const [id, reply] of this.replies) reply({ id, ok: false, error: reason });
        this.replies.clear();
      };
      worker.on('error', (e) => {
        this.unavailable = true;
        gone(e.message);
      });
      worker.on('exit', (code) => gone(`exited (code ${code})`));
    });
    // Idle, the worker never keeps the process alive (while it starts or works, it does).
    void this.ready.then(() => worker.unref());
    return this.ready;
  }

  private async once(file: string): Promise<void> {
    if (!this.unavailable && (await this.start()) && this.worker) {
      const id = this.nextId++;
      const reply = await new Promise<CheckpointReply>((resolve) => {
        this.replies.set(id, resolve);
        this.worker!.ref();
        this.worker!.postMessage({ id, file } satisfies CheckpointRequest);
      });
      this.worker?.unref();
      if (reply.ok) {
        this.spentMs += reply.ms;
        return;
      }
    }
    throw new Error('no checkpoint worker');
  }

  /**
   * Asks for a checkpoint of `file` (a database in WAL mode) off this thread; several asks while one
   * runs make one more. `fallback` checkpoints on this thread when the worker is unavailable.
   */
  request(file: string, fallback: () => void): void {
    let state = this.files.get(file);
    if (!state) this.files.set(file, (state = { running: null, again: false }));
    if (state.running) {
      state.again = true;
      return;
    }
    const s = state;
    const run = async (): Promise<void> => {
      do {
        s.again = false;
        try {
          await this.once(file);
        } catch {
          // No worker, or its connection could not do it (the database may be gone by now): here,
          // if the store's connection is still open; else there is nothing left to copy into.
          const t0 = performance.now();
          this.fallbacks++;
          try {
            fallback();
          } catch {
            // The database was closed meanwhile; the next connection to open it recovers the log.
          }
          this.spentMs += performance.now() - t0;
        }
      } while (s.again);
      s.running = null;
    };
    s.running = run();
  }

  /** Resolves when no checkpoint of `file` runs or waits. */
  async idle(file: string): Promise<void> {
    const state = this.files.get(file);
    while (state?.running) await state.running;
  }

  async close(): Promise<void> {
    for (const state of this.files.values()) if (state.running) await state.running;
    await this.worker?.terminate();
    this.worker = null;
    this.ready = null;
  }
}

let shared: WalCheckpointer | null = null;

/** The process-wide checkpointer. */
export function walCheckpointer(): WalCheckpointer {
  return (shared ??= new WalCheckpointer());
}

/**
 * Runs `write` (one transaction) with SQLite's automatic checkpoint off for this connection, then
 * asks for a checkpoint in the background. For writes large enough for the copy to matter.
 */
export function withBackgroundCheckpoint<T>(db: Database.Database, write: () => T, checkpointer = walCheckpointer()): T {
  const before = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  try {
    return write();
  } finally {
    db.pragma(`wal_autocheckpoint = ${before}`);
    checkpointer.request(db.name, () => db.open && db.pragma('wal_checkpoint(PASSIVE)'));
  }
}
