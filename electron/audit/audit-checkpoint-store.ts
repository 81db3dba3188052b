// The audit_checkpoints table (migration 0009) on the station store's connection: append-only rows
// of signed checkpoints, read in order for verification and export.
import type { StationStore } from '../store';
import type { AuditCheckpoint } from './audit-checkpoint';

interface CheckpointRow {
  id: number;
  entry_id: number;
  head_hash: string;
  at: string;
  public_key: string;
  signature: string;
}

const fromRow = (r: CheckpointRow): AuditCheckpoint => ({ id: r.id, entryId: r.entry_id, headHash: r.head_hash, at: r.at, publicKey: r.public_key, signature: r.signature });

export class AuditCheckpointStore {
  constructor(private readonly store: StationStore) {}

  add(c: Omit<AuditCheckpoint, 'id'>): AuditCheckpoint {
    const id = this.store.connection
      .prepare('INSERT INTO audit_checkpoints (entry_id, head_hash, at, public_key, signature) VALUES (?, ?, ?, ?, ?)')
      .run(c.entryId, c.headHash, c.at, c.publicKey, c.signature).lastInsertRowid;
    return { id: Number(id), ...c };
  }

  /** Every checkpoint in the order it was signed. */
  all(): AuditCheckpoint[] {
    return (this.store.connection.prepare('SELECT id, entry_id, head_hash, at, public_key, signature FROM audit_checkpoints ORDER BY id').all() as CheckpointRow[]).map(fromRow);
  }
}
