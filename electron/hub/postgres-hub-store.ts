// The hub on PostgreSQL (`--database postgres://...`) for a real deployment: a connection pool,
// migrations in a transaction under an advisory lock, bulk inserts as one JSON parameter per chunk
// (json_to_recordset) so a bundle of 100,000 records is a few dozen round trips.
import pg from 'pg';
import { LoupeError } from '../common/loupe-error';
import { HUB_MIGRATIONS } from './hub-migrations';
import type { RecordRows } from '../exchange/bundle-chunk';
import { HubStore, type BulkColumn, type HubSqlDriver, type SqlSession, type SqlValue } from './hub-store';

// Arbitrary constants naming the hub's advisory locks.
const MIGRATION_LOCK = 0x4c6f7570;
const INGEST_LOCK = 0x4c6f7571;
const CHUNK = 10_000;
const UPSERT_CHUNK = 50_000;

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
    if (newest > HUB_MIGRATIONS.length) throw new LoupeError('Internal', `hub database is at schema version ${newest}, this build knows only ${HUB_MIGRATIONS.length}`);
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

function sessionOf(client: pg.Pool | pg.PoolClient): SqlSession {
  return {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => (await client.query(numberPlaceholders(sql), params as unknown[])).rows as T[],
    run: async (sql: string, params: readonly SqlValue[] = []) => (await client.query(numberPlaceholders(sql), params as unknown[])).rowCount ?? 0,
  };
}

class PostgresHubDriver implements HubSqlDriver {
  readonly dialect = 'postgres' as const;
  /** Chunks carry their records as one JSON text: one parameter per chunk, parsed by the server. */
  readonly chunkLayout = 'json' as const;
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
      const result = await fn(sessionOf(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
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
    // One round trip per chunk, and no per-value work in this process: the server reads the rows
    // from the chunk's JSON (content kept verbatim as json text) and answers with the indexes of
    // the records it already held.
    const held = await tx.all<{ i: number }>(
      `WITH input AS MATERIALIZED (
         SELECT * FROM json_to_recordset(?::json) AS r(i int, id text, station text, country text, issuer text, document_type text, series text,
                                                     fraud_type text, week text, point_of_entry text, content json)),
       added AS (
         INSERT INTO hub_records (id, station, country, issuer, document_type, series, fraud_type, week, point_of_entry, first_seq, content)
         SELECT id, station, country, issuer, document_type, series, fraud_type, week, point_of_entry, ?::bigint, content::text FROM input
         ON CONFLICT DO NOTHING RETURNING id)
       SELECT i FROM input WHERE id NOT IN (SELECT id FROM added)`,
      [rows.block.json!, seq],
    );
    return held.map((r) => Number(r.i));
  }

  async upsertAdd(tx: SqlSession, table: string, keys: readonly string[], rows: readonly (readonly (string | number)[])[]): Promise<void> {
    // Rows as one JSON parameter (serialised natively here, parsed by the server), not as arrays
    // of escaped values.
    const values = keys.map((_, i) => `r->>${i}`).join(', ');
    const sql = `INSERT INTO ${table} (${keys.join(', ')}, n) SELECT ${values}, (r->>${keys.length})::bigint FROM jsonb_array_elements(?::jsonb) r
      ON CONFLICT (${keys.join(', ')}) DO UPDATE SET n = ${table}.n + excluded.n`;
    for (let i = 0; i < rows.length; i += UPSERT_CHUNK) await tx.run(sql, [JSON.stringify(rows.slice(i, i + UPSERT_CHUNK))]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
