// Migration 9: the tamper-evident audit trail (docs/audit-trail.md).
// - audit_log gains prev_hash and hash (store/audit-chain.ts): the rows already written are chained
//   here, in id order, from the genesis hash; a trigger refuses any later row without both, so no
//   code path writes an unchained entry;
// - audit_checkpoints: the chain's head (entry id and hash) signed with the station key at every start
//   and every hour while the station runs (electron/audit/), append-only like the log.
// The rows are chained in code (SHA-256 over the canonical encoding), so the update trigger of
// migration 1 is lifted for the length of this transaction and put back as it was.
import type { Database } from 'better-sqlite3';
import { AUDIT_GENESIS_HASH, AUDIT_ROW_COLUMNS, auditEntryHash, type AuditRow } from '../audit-chain';
import type { Migration } from '../migration-runner';

const HEX64 = (column: string) => `(length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*')`;

function chainExistingRows(db: Database): void {
  const rows = db.prepare(`SELECT ${AUDIT_ROW_COLUMNS} FROM audit_log ORDER BY id`).all() as AuditRow[];
  if (rows.length === 0) return;
  db.exec('DROP TRIGGER audit_log_no_update');
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  let prev = AUDIT_GENESIS_HASH;
  for (const row of rows) {
    const hash = auditEntryHash(row, prev);
    update.run(prev, hash, row.id);
    prev = hash;
  }
  db.exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;`);
}

export const migration0009: Migration = {
  version: 9,
  name: 'audit-chain',
  sql: `
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT CHECK (prev_hash IS NULL OR ${HEX64('prev_hash')});
ALTER TABLE audit_log ADD COLUMN hash TEXT CHECK (hash IS NULL OR ${HEX64('hash')});

CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
WHEN NEW.prev_hash IS NULL OR NEW.hash IS NULL
BEGIN
  SELECT RAISE(ABORT, 'audit_log entries are chained: prev_hash and hash are required');
END;

CREATE TABLE audit_checkpoints (
  id          INTEGER PRIMARY KEY,
  -- The last entry the checkpoint covers (0: the log was empty) and that entry's hash.
  entry_id    INTEGER NOT NULL CHECK (entry_id >= 0),
  head_hash   TEXT NOT NULL CHECK ${HEX64('head_hash')},
  at          TEXT NOT NULL,
  -- The raw Ed25519 public key that signed (base64, 44 characters) and the signature (88).
  public_key  TEXT NOT NULL CHECK (length(public_key) = 44),
  signature   TEXT NOT NULL CHECK (length(signature) = 88)
) STRICT;

CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN
  SELECT RAISE(ABORT, 'audit_checkpoints is append-only');
END;

CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN
  SELECT RAISE(ABORT, 'audit_checkpoints is append-only');
END;
`,
  moveData: (db) => chainExistingRows(db),
};
