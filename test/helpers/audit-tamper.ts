// Tampering with a station's audit log as an attacker holding the database file would: a raw
// connection, the append-only triggers dropped, rows edited, deleted or swapped.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { auditEntryHash, AUDIT_GENESIS_HASH, type AuditRow } from '../../electron/store';

const COLUMNS = 'at, officer_name, officer_badge, action, subject, details, prev_hash, hash';

export function tamper(dataDir: string, change: (db: Database.Database) => void): void {
  const db = new Database(join(dataDir, 'station.sqlite'));
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; DROP TRIGGER IF EXISTS audit_checkpoints_no_delete; DROP TRIGGER IF EXISTS audit_checkpoints_no_update');
    change(db);
  } finally {
    db.close();
  }
}

/** Swaps every stored column but the id of two entries: the log now tells them in another order. */
export function swapEntries(db: Database.Database, a: number, b: number): void {
  const row = (id: number) => db.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE id = ?`).get(id) as Record<string, unknown>;
  const [ra, rb] = [row(a), row(b)];
  const set = db.prepare(`UPDATE audit_log SET at = :at, officer_name = :officer_name, officer_badge = :officer_badge, action = :action, subject = :subject, details = :details, prev_hash = :prev_hash, hash = :hash WHERE id = :id`);
  set.run({ ...rb, id: a });
  set.run({ ...ra, id: b });
}

/** Computes the whole chain again, as an attacker who knows the (keyless) hash would after an edit. */
export function rechain(db: Database.Database): void {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[];
  let prev = AUDIT_GENESIS_HASH;
  for (const r of rows) {
    const hash = auditEntryHash(r, prev);
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
    prev = hash;
  }
}
