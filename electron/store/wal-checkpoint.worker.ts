// The WAL checkpoint worker thread: copies a database's write-ahead log back into the database file
// with its own connection, so that a large import's commit does not also wait for that copy.
// PASSIVE: never waits for readers or writers; whatever it cannot copy now, the next one does.
import Database from 'better-sqlite3';
import { parentPort } from 'node:worker_threads';
import type { CheckpointReply, CheckpointRequest } from './wal-checkpointer';

const port = parentPort;
if (!port) throw new Error('wal-checkpoint.worker must run in a worker thread');

port.on('message', ({ id, file }: CheckpointRequest) => {
  const started = performance.now();
  let reply: CheckpointReply;
  try {
    // Opened for each checkpoint: an open connection here would keep the files in use after the
    // store closes them.
    const db = new Database(file, { fileMustExist: true });
    try {
      const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
      reply = { id, ok: true, ms: performance.now() - started, frames: result?.checkpointed ?? 0 };
    } finally {
      db.close();
    }
  } catch (e) {
    reply = { id, ok: false, error: (e as Error).message };
  }
  port.postMessage(reply);
});
port.postMessage({ id: 0, ok: true, ms: 0, frames: 0 } satisfies CheckpointReply);
