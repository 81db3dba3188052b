// Applies numbered migrations, each in its own transaction, and records them in schema_migrations.
import type { Database } from 'better-sqlite3';
import { LoupeError } from '../common/loupe-error';

export interface Migration {
  /** 1, 2, 3... — the file number; applied in increasing order, each exactly once. */
  version: number;
  name: string;
  sql: string;
  /**
   * Moves data the SQL cannot reach (a file of the data folder) into the tables the SQL made, or
   * derives what SQL cannot compute (the audit log's hash chain); runs after the SQL, in the same
   * transaction. It reads files and never changes or removes them.
   */
  moveData?(db: Database, context: MigrationContext): void;
}

export interface MigrationContext {
  /** The data folder of the database; null when a database is migrated on its own (tests). */
  dataDir: string | null;
}

/** Applies every migration not yet recorded; returns the versions applied by this call. */
export function migrate(db: Database, migrations: readonly Migration[], context: MigrationContext = { dataDir: null }): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);

  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new LoupeError('store', 'Internal', `migration numbering has a gap or duplicate at ${m.version} (${m.name})`);
  });

  const known = sorted.length;
  const newest = (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  if (newest > known) {
    // Opened by an older build than the one that last wrote it: refuse rather than guess.
    throw new LoupeError('store', 'Internal', `station database is at schema version ${newest}, this build knows only ${known}`);
  }

  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const m of sorted) {
    // IMMEDIATE: take the write lock before checking, so two processes opening the same fresh
    // database cannot both apply the same migration.
    db.transaction(() => {
      if (isApplied.get(m.version)) return;
      db.exec(m.sql);
      m.moveData?.(db, context);
      record.run(m.version, m.name, new Date().toISOString());
      applied.push(m.version);
    }).immediate();
  }
  return applied;
}
