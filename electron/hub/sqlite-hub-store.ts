// The embedded hub database: one SQLite file (WAL) in the hub data directory, so `loupe hub` works
// with no setup. better-sqlite3 is synchronous; every call goes through one queue so an ingest
// transaction is never interleaved with another request's statements on the shared connection.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { LoupeError } from '../common/loupe-error';
import { walCheckpointer } from '../store/wal-checkpointer';
import { HUB_MIGRATIONS } from './migrations/index';
import type { RecordRows } from '../exchange/bundle-chunk';
import { HubStore, type BulkColumn, type HubSqlDriver, type SqlSession, type SqlValue } from './hub-store';

export function openSqliteHubStore(file: string): HubStore {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL survives a killed process; a power cut may lose the last bundles, which their
    // stations push again on the next sync (sync is idempotent).
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    db.pragma('analysis_limit = 1000');
    migrateSqlite(db);
    return new HubStore(new SqliteHubDriver(db));
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrateSqlite(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS hub_schema_migrations (version INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
  const newest = (db.prepare('SELECT max(version) AS v FROM hub_schema_migrations').get() as { v: number | null }).v ?? 0;
  if (newest > HUB_MIGRATIONS.length) throw new LoupeError('hub', 'Internal', `hub database is at schema version ${newest}, this build knows only ${HUB_MIGRATIONS.length}`);
  for (const m of HUB_MIGRATIONS) {
    db.transaction(() => {
      if (db.prepare('SELECT 1 FROM hub_schema_migrations WHERE version = ?').get(m.version)) return;
      db.exec(m.sqlite);
      db.prepare('INSERT INTO hub_schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
}

class SqliteHubDriver implements HubSqlDriver {
  readonly dialect = 'sqlite' as const;
  readonly chunkLayout = 'rows' as const;
  private readonly statements = new Map<string, Database.Statement>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly session: SqlSession;

  constructor(private readonly db: Database.Database) {
    this.session = {
      all: async <T>(sql: string, params: readonly SqlValue[] = []) => this.prepare(sql).all(...params) as T[],
      run: async (sql: string, params: readonly SqlValue[] = []) => this.prepare(sql).run(...params).changes,
    };
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.queue.then(fn, fn);
    this.queue = result.catch(() => undefined);
    return result;
  }

  all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.serial(() => this.session.all<T>(sql, params));
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.serial(() => this.session.run(sql, params));
  }

  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      // An ingest writes a bundle's worth of log at once: its commit does not also copy the log
      // back into the database file; that checkpoint runs in the background afterwards.
      this.db.pragma('wal_autocheckpoint = 0');
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.session);
        this.db.exec('COMMIT');
        this.db.pragma('wal_autocheckpoint = 1000');
        walCheckpointer().request(this.db.name, () => this.db.open && this.db.pragma('wal_checkpoint(PASSIVE)'));
        return result;
      } catch (error) {
        this.db.exec('ROLLBACK');
        this.db.pragma('wal_autocheckpoint = 1000');
        throw error;
      }
    });
  }

  async optimize(): Promise<void> {
    // Keeps the planner's statistics current as the hub grows (cheap: re-analyses only tables that
    // changed a lot, each with a bounded sample), so filtered views pick the right index.
    await this.serial(async () => this.db.pragma('optimize'));
  }

  async insertIgnore(_tx: SqlSession, table: string, columns: readonly BulkColumn[], rows: readonly SqlValue[][]): Promise<Set<string>> {
    const statement = this.prepare(`INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`);
    const inserted = new Set<string>();
    for (const row of rows) if (statement.run(...row).changes > 0) inserted.add(String(row[0]));
    return inserted;
  }

  async insertRecordRows(_tx: SqlSession, seq: number, rows: RecordRows): Promise<number[]> {
    // CAST: the stored JSON is bound as the chunk's UTF-8 bytes, without making a string of it.
    const statement = this.prepare(
      `INSERT INTO hub_records (id, station, country, issuer, document_type, series, fraud_type, week, point_of_entry, first_seq, content)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT)) ON CONFLICT DO NOTHING`,
    );
    const held: number[] = [];
    for (let i = 0; i < rows.count; i++) {
      const info = statement.run(
        rows.id(i), rows.field(i, 'station'), rows.field(i, 'country'), rows.field(i, 'issuer'), rows.field(i, 'documentType'), rows.field(i, 'series'),
        rows.field(i, 'fraudType'), rows.field(i, 'week'), rows.field(i, 'pointOfEntry'), seq, rows.jsonBytes(i),
      );
      if (info.changes === 0) held.push(i);
    }
    return held;
  }

  async close(): Promise<void> {
    await this.queue;
    await walCheckpointer().idle(this.db.name);
    this.db.close();
  }
}
