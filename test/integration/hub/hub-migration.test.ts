// Upgrading a hub made by the first schema: migration 2 fills the filtered-view counts (hub_cross,
// hub_cross_total) from the records already stored — equal to counting the records directly, and to
// what ingest maintains bundle by bundle in a new hub — re-keys hub_weekly_checks keeping its counts,
// and drops the document × fraud type rows of hub_cube. On SQLite and PostgreSQL.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrendRecord } from '../../../electron/contract/trends.contract';
import { CROSSES } from '../../../electron/hub/hub-aggregates';
import { ingestBundle } from '../../../electron/hub/hub-ingest';
import { KEY_SEPARATOR } from '../../../electron/hub/hub-items';
import { aggregateRecords } from '../../helpers/hub-counts';
import { HUB_MIGRATIONS } from '../../../electron/hub/migrations/index';
import { openHubStore } from '../../../electron/hub/open-hub-store';
import type { HubStore } from '../../../electron/hub/hub-store';
import { variedRecords } from '../../helpers/hub-records';
import { postgresMissing, startPostgres, type PostgresServer } from '../../helpers/postgres-server';
import { STORE_KINDS } from '../../helpers/hub-stores';
import { useTempDir } from '../../helpers/temp-dir';
import { bundleOf, newIdentity, recordItem } from '../../helpers/trend-fixtures';

const dir = useTempDir('loupe-hub-migration-');
let server: PostgresServer | undefined;
const opened: HubStore[] = [];
beforeAll(async () => {
  if (!postgresMissing) server = await startPostgres();
});
afterAll(async () => {
  for (const s of opened) await s.close();
  server?.stop();
});

/** The first schema's tables filled as its ingest left them (records, check counts, hub_cube with the combination dimension). */
function firstSchemaRows(records: readonly TrendRecord[]): { sql: string; params: (string | number | null)[] }[] {
  const rows: { sql: string; params: (string | number | null)[] }[] = [];
  for (const r of records) {
    rows.push({
      sql: 'INSERT INTO hub_records (id, station, country, issuer, document_type, series, fraud_type, week, point_of_entry, first_seq, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      params: [r.id, r.station, r.country, r.issuer, r.documentType, r.series, r.fraudType, r.week, r.context.pointOfEntry, 1, JSON.stringify(r)],
    });
  }
  const { checks } = aggregateRecords(records);
  for (const c of checks) rows.push({ sql: 'INSERT INTO hub_weekly_checks (week, fraud_type, issuer, point_of_entry, check_id, n) VALUES (?, ?, ?, ?, ?, ?)', params: c });
  rows.push({ sql: "INSERT INTO hub_cube (dimension, key, week, n) VALUES ('combination', 'UTO · Passport · 2019 · counterfeit', '2026-W40', 3)", params: [] });
  rows.push({ sql: "INSERT INTO hub_cube_total (dimension, key, n) VALUES ('combination', 'UTO · Passport · 2019 · counterfeit', 3)", params: [] });
  return rows;
}

/** A database at schema version 1 holding `records`; returns what opens it. */
async function firstSchemaHub(kind: 'sqlite' | 'postgres', name: string, records: readonly TrendRecord[]): Promise<string> {
  const v1 = HUB_MIGRATIONS.find((m) => m.version === 1)!;
  const rows = firstSchemaRows(records);
  if (kind === 'sqlite') {
    const file = join(dir, `${name}.sqlite`);
    const db = new Database(file);
    db.exec('CREATE TABLE hub_schema_migrations (version INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
    db.exec(v1.sqlite);
    db.prepare("INSERT INTO hub_schema_migrations VALUES (1, 'initial', '2026-01-01')").run();
    db.transaction(() => rows.forEach((r) => db.prepare(r.sql).run(...r.params)))();
    db.close();
    return file;
  }
  const url = await server!.createDatabase(name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE TABLE hub_schema_migrations (version INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  await client.query(v1.postgres);
  await client.query("INSERT INTO hub_schema_migrations VALUES (1, 'initial', '2026-01-01')");
  for (const r of rows) {
    let n = 0;
    await client.query(r.sql.replace(/\?/g, () => `$${++n}`), r.params);
  }
  await client.end();
  return url;
}

/** hub_cross as counted directly from the records. */
function expectedCross(records: readonly TrendRecord[]): string[] {
  const counts = new Map<string, number>();
  const filterKey = { fraudType: (r: TrendRecord) => r.fraudType, issuer: (r: TrendRecord) => r.issuer ?? '', pointOfEntry: (r: TrendRecord) => r.context.pointOfEntry };
  const keys = {
    fraudType: (r: TrendRecord) => [r.fraudType],
    document: (r: TrendRecord) => [[r.issuer ?? '', r.documentType, r.series ?? ''].join(KEY_SEPARATOR)],
    pointOfEntry: (r: TrendRecord) => [r.context.pointOfEntry],
    check: (r: TrendRecord) => [...new Set(r.caughtBy)],
  };
  for (const r of records) {
    for (const [by, dimensions] of Object.entries(CROSSES) as [keyof typeof filterKey, readonly (keyof typeof keys)[]][]) {
      for (const d of dimensions) for (const k of keys[d](r)) {
        const id = [by, filterKey[by](r), d, r.week, k].join('|');
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
  }
  return [...counts].map(([id, n]) => `${id}|${n}`).sort();
}

async function crossRows(store: HubStore): Promise<string[]> {
  const rows = await store.query<{ filter_dimension: string; filter_key: string; dimension: string; week: string; key: string; n: number | string }>('SELECT * FROM hub_cross');
  return rows.map((r) => [r.filter_dimension, r.filter_key, r.dimension, r.week, r.key, Number(r.n)].join('|')).sort();
}

async function tableRows(store: HubStore, sql: string): Promise<string[]> {
  return (await store.query<Record<string, unknown>>(sql)).map((r) => Object.values(r).map(String).join('|')).sort();
}

describe.each(STORE_KINDS)('hub schema upgrade on %s', (kind) => {
  it('fills the filtered-view counts and the facts from the stored records, as the read side of a fresh hub has them', async () => {
    const station = newIdentity();
    const records = variedRecords(station.station).slice(0, 400);
    const upgraded = await openHubStore(await firstSchemaHub(kind, 'upgraded', records));
    opened.push(upgraded);
    const fresh = await openHubStore(kind === 'sqlite' ? join(dir, 'fresh.sqlite') : await server!.createDatabase('fresh'));
    opened.push(fresh);
    await fresh.addTrust(station.publicKey, 'Batrovci', 'admin');
    await ingestBundle(fresh, bundleOf(station, records.slice(0, 250).map(recordItem)), station.station);
    await ingestBundle(fresh, bundleOf(station, records.slice(200).map(recordItem)), station.station);

    // The fresh hub's dashboard tables follow its two bundles; the upgraded one's were filled by the migrations.
    expect(await fresh.refreshAggregates()).toMatchObject({ fromSeq: 1, toSeq: 2 });
    expect(await upgraded.pendingAggregation()).toBeUndefined();
    const facts = 'SELECT week, id, issuer, document_type, series, fraud_type, point_of_entry FROM hub_facts';
    expect(await tableRows(upgraded, facts)).toEqual(records.map((r) => [r.week, r.id, r.issuer ?? 'null', r.documentType, r.series ?? 'null', r.fraudType, r.context.pointOfEntry].join('|')).sort());
    expect(await tableRows(fresh, facts)).toEqual(await tableRows(upgraded, facts));
    const { cube, totals: cubeTotals } = aggregateRecords(records);
    expect(await tableRows(fresh, 'SELECT dimension, key, week, n FROM hub_cube')).toEqual(cube.map((r) => r.join('|')).sort());
    expect(await tableRows(fresh, 'SELECT dimension, key, n FROM hub_cube_total')).toEqual(cubeTotals.map((r) => r.join('|')).sort());
    const expected = expectedCross(records);
    expect(expected.length).toBeGreaterThan(500);
    expect(await crossRows(upgraded)).toEqual(expected);
    expect(await crossRows(fresh)).toEqual(expected);
    const totals = 'SELECT filter_dimension, filter_key, dimension, key, n FROM hub_cross_total';
    expect(await tableRows(upgraded, totals)).toEqual(await tableRows(fresh, totals));
    const checks = 'SELECT week, fraud_type, issuer, point_of_entry, check_id, n FROM hub_weekly_checks';
    expect(await tableRows(upgraded, checks)).toEqual(await tableRows(fresh, checks));
    expect(await upgraded.query("SELECT * FROM hub_cube WHERE dimension = 'combination'")).toEqual([]);
    expect(await upgraded.query("SELECT * FROM hub_cube_total WHERE dimension = 'combination'")).toEqual([]);
  });
});

// Hubs in the field have applied these migrations: their SQL never changes (a change goes into a new
// migration). SHA-256 of each one's SQLite and PostgreSQL text as it shipped.
const SHIPPED: Record<number, { name: string; sqlite: string; postgres: string }> = {
  1: { name: 'initial', sqlite: 'f91afd6db6f70b086fcacfd7ffa2206f8a52843b9830ba31e1f764e26a692a95', postgres: 'c7d4b6c420a6157be648a683b965027308569924d4609d83da646bccde94cd86' },
  2: { name: 'filtered-views', sqlite: '39ab6c5e7349203d725a9d4325bb0fdcd58df766c291b44eb0af5a1addda54eb', postgres: 'a1ec48947eb4a4b4f4bc73915971ab86e6e0dc19ff2d8545e832b97062ba4380' },
  3: { name: 'deferred-read-side', sqlite: '21721d4a33770d3aeaa19e41a69dadfda22dfd184646219da776782905e30a76', postgres: 'b1749adc44802bd33afde5c5a03d2d38eeb3fa86aa598873abf1c154677bd9fa' },
};

describe('hub migrations', () => {
  it('are numbered 1, 2, 3... and the shipped ones keep their names and SQL', () => {
    expect(HUB_MIGRATIONS.map((m) => m.version)).toEqual(HUB_MIGRATIONS.map((_, i) => i + 1));
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    for (const [version, shipped] of Object.entries(SHIPPED)) {
      const m = HUB_MIGRATIONS.find((x) => x.version === Number(version))!;
      expect({ name: m.name, sqlite: sha(m.sqlite), postgres: sha(m.postgres) }).toEqual(shipped);
    }
  });
});
