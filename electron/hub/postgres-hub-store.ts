// The hub on PostgreSQL (`--database postgres://...`) for a real deployment: a connection pool,
// migrations in a transaction under an advisory lock, and a bundle's records loaded with COPY (the
// server's bulk-load path: about half the server time of an INSERT of the same rows from a JSON
// parameter), so a bundle of 100,000 records is a few dozen round trips.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { LoupeError } from '../common/loupe-error';
import { HUB_MIGRATIONS } from './migrations/index';
import { COPY_COLUMNS, type RecordRows } from '../exchange/bundle-chunk';
import { HubStore, type BulkColumn, type HubSqlDriver, type SqlSession, type SqlValue } from './hub-store';

// Arbitrary constants naming the hub's advisory locks.
const MIGRATION_LOCK = 0x4c6f7570;
const INGEST_LOCK = 0x4c6f7571;
const CHUNK = 10_000;

// BIGINT and COUNT(*) come back as strings by default; the hub's numbers fit a double.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openPostgresHubStore(url: string): Promise<HubStore> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  pool.on('error', () => undefined); // an idle client's network error; the next query reports it
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new HubStore(new PostgresHubDriver(pool));
}

async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS hub_schema_migrations (version INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM hub_schema_migrations');
    const newest = rows[0]?.v ?? 0;
    if (newest > HUB_MIGRATIONS.length) throw new LoupeError('hub', 'Internal', `hub database is at schema version ${newest}, this build knows only ${HUB_MIGRATIONS.length}`);
    for (const m of HUB_MIGRATIONS.filter((x) => x.version > newest)) {
      await client.query(m.postgres);
      await client.query('INSERT INTO hub_schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** `?` placeholders (the hub's dialect-neutral SQL) → `$1, $2...`. The hub's SQL has no `?` in literals. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const UNIQUE_VIOLATION = '23505';

function copyRecords(client: pg.PoolClient, lines: Uint8Array): Promise<void> {
  return pipeline(Readable.from([lines]), client.query(copyFrom(`COPY hub_records (${COPY_COLUMNS.join(', ')}) FROM STDIN`)));
}

/** The connection of each transaction's session (COPY needs the connection itself). */
const transactionClients = new WeakMap<SqlSession, pg.PoolClient>();
/** The bundle seq set for each transaction's session. */
const seqSet = new WeakMap<SqlSession, number>();

function sessionOf(client: pg.Pool | pg.PoolClient): SqlSession {
  return {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => (await client.query(numberPlaceholders(sql), params as unknown[])).rows as T[],
    run: async (sql: string, params: readonly SqlValue[] = []) => (await client.query(numberPlaceholders(sql), params as unknown[])).rowCount ?? 0,
  };
}

class PostgresHubDriver implements HubSqlDriver {
  readonly dialect = 'postgres' as const;
  /** Chunks carry their records as COPY text lines, written by the decoding worker. */
  readonly chunkLayout = 'copy' as const;
  private readonly session: SqlSession;

  constructor(private readonly pool: pg.Pool) {
    this.session = sessionOf(pool);
  }

  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.session.all<T>(sql, params);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.session.run(sql, params);
  }

  async transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Writers take turns: bundle seq = max + 1 is then gap-free and follows commit order, so a
      // station pulling "after seq N" never misses a bundle committed late with a smaller number.
      await client.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK]);
      const session = sessionOf(client);
      transactionClients.set(session, client);
      const result = await fn(session);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async optimize(): Promise<void> {
    // Autovacuum keeps PostgreSQL's statistics (and the visibility map of index-only reads) current.
  }

  async insertIgnore(tx: SqlSession, table: string, columns: readonly BulkColumn[], rows: readonly SqlValue[][]): Promise<Set<string>> {
    const inserted = new Set<string>();
    const names = columns.map((c) => c.name).join(', ');
    const arrays = columns.map((c) => `?::${c.type === 'int' ? 'bigint' : 'text'}[]`).join(', ');
    const sql = `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays}) ON CONFLICT DO NOTHING RETURNING ${columns[0]!.name} AS key`;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      // One array per column: a chunk is one round trip whatever its size.
      const params = columns.map((_, c) => chunk.map((row) => row[c] ?? null));
      for (const row of await tx.all<{ key: string }>(sql, params as unknown as SqlValue[])) inserted.add(row.key);
    }
    return inserted;
  }

  async insertRecordRows(tx: SqlSession, seq: number, rows: RecordRows): Promise<number[]> {
    if (rows.count === 0) return [];
    const client = transactionClients.get(tx);
    if (!client) throw new Error('insertRecordRows runs in a transaction');
    // first_seq takes its default, the bundle's seq set for this transaction (migration 3).
    if (seqSet.get(tx) !== seq) {
      await client.query("SELECT set_config('loupe.bundle_seq', $1, true)", [String(seq)]);
      seqSet.set(tx, seq);
    }
    // COPY has no "on conflict": the chunk is loaded whole, and only if an id is held already
    // (a unique violation) is it loaded again without the held records. Ingests take turns (advisory
    // lock) and a bundle names each record once, so what is held is what is found by id then.
    await client.query('SAVEPOINT chunk');
    try {
      await copyRecords(client, rows.block.copy!);
      await client.query('RELEASE SAVEPOINT chunk');
      return [];
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      await client.query('ROLLBACK TO SAVEPOINT chunk');
    }
    const ids = Array.from({ length: rows.count }, (_, i) => rows.id(i));
    const found = await tx.all<{ id: string }>('SELECT id FROM hub_records WHERE id = ANY(?::text[])', [ids as unknown as SqlValue]);
    const heldIds = new Set(found.map((r) => r.id));
    const held = ids.flatMap((id, i) => (heldIds.has(id) ? [i] : []));
    if (held.length < rows.count) {
      // One line per record, in order (COPY text escapes newlines inside values).
      const lines = Buffer.from(rows.block.copy!).toString('utf8').split('\n');
      await copyRecords(client, Buffer.from(lines.filter((_, i) => !heldIds.has(ids[i]!)).join('\n')));
    }
    return held;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
