// npm run bench:trends-hub — the regional hub on 1,000,000 synthetic non-personal trend records:
// sustained ingest rate through the real import path (signed bundles of 50,000 records: verify +
// validate + de-duplicate + store, each followed by the refresh of the dashboard's tables, as the hub
// server does) into SQLite and into PostgreSQL (a private cluster), the import time of one
// 100,000-record bundle into a fresh hub (the push's answer) and, apart, the refresh of the
// dashboard's tables that follows it, and the median latency of the
// dashboard's requests on the full store: the same HTTP requests the dashboard page sends (summary,
// emerging trends, first records page, "more", current alerts) for each filter set a user reaches
// from the form or by clicking the largest series, through the real server. Every request is
// warmed up once, then the rounds go through all requests in turn (caches shared as in use, not one
// request repeated back to back). PostgreSQL is vacuumed and analysed first, as autovacuum does after
// a bulk load. Per-dimension query times are printed too, for diagnosis.
// Bundles are decoded in a worker thread while the store inserts (the worker starts once per
// process, before the timed part; its start is reported). Progress on stderr; one JSON object last on stdout.
// Options: --records N (default 1000000), --runs N (rounds, default 15).
import { createRng } from '../../electron/specimens/prng';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { EXPERT_ALERT_SCHEMA, FRAUD_TYPES, TREND_RECORD_SCHEMA, type BundleItem, type ExpertAlertContent, type TrendRecordContent } from '../../electron/contract/trends.contract';
import { decodeBundle, encodeBundle } from '../../electron/exchange/bundle-codec';
import { bundleDecodePool } from '../../electron/exchange/bundle-decode-pool';
import { contentId } from '../../electron/exchange/canonical-json';
import type { StationIdentity } from '../../electron/trust/station-identity';
import { ingestBundle } from '../../electron/hub/hub-ingest';
import { dimensionCounts, DIMENSIONS, type TrendFilter } from '../../electron/hub/hub-queries';
import { HUB_COOKIE, startHubServer } from '../../electron/hub/hub-server';
import type { HubStore } from '../../electron/hub/hub-store';
import { addWeeks, isoWeekOf } from '../../electron/trends/iso-week';
import { openPostgresHubStore } from '../../electron/hub/postgres-hub-store';
import { openSqliteHubStore } from '../../electron/hub/sqlite-hub-store';
import { postgresMissing, startPostgres } from '../helpers/postgres-server';
import { newIdentity } from '../helpers/trend-fixtures';
import { IMPORT_TARGET, type BundleImportFigures } from './trends-station.bench';

const BUNDLE_RECORDS = 50_000;

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}


/** Zipf-like pick: real fraud concentrates on few issuers, documents and crossings. */
function zipf<T>(values: readonly T[], random: () => number, s = 1.1): () => T {
  const weights = values.map((_, i) => 1 / Math.pow(i + 1, s));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((acc, w, i) => (cumulative[i] = acc + w / total), 0);
  return () => {
    const r = random();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return values[lo]!;
  };
}

const ISSUERS = ['UTO', 'D', 'FRA', 'ITA', 'ESP', 'GRC', 'TUR', 'ALB', 'MKD', 'BIH', 'MNE', 'HRV', 'SVN', 'HUN', 'ROU', 'BGR', 'UKR', 'MDA', 'GEO', 'ARM', 'AZE', 'SYR', 'IRQ', 'IRN', 'AFG', 'PAK', 'IND', 'BGD', 'NGA', 'GHA', 'MAR', 'DZA', 'TUN', 'EGY', 'LBY', 'CHN', 'VNM', 'COL', 'VEN', 'BRA'];
const DOCUMENTS = ['Passport', 'Identity card', 'Residence permit', 'Visa', 'Driving licence'];
const SERIES = ['2019', '2015', '2021', '2010', null];
const POINTS = Array.from({ length: 30 }, (_, i) => `RS-POE-${String(i + 1).padStart(2, '0')}`);
const CHECKS = ['uv-dullness', 'photo-substitution', 'b900', 'mrz-check-digits', 'viz-mrz-consistency', 'template-match', 'ir-feature', 'uv-feature', 'chip-passive-auth', 'chip-active-auth', 'mrz-font', 'mrz-geometry', 'photo-zone', 'face-match', 'laminate'];

/** Synthetic bundles of `total` records over the 104 weeks up to this week, from five stations. */
export function* syntheticBundles(stations: StationIdentity[], total: number, seed: number, perBundle = BUNDLE_RECORDS): Generator<{ bytes: Buffer; signer: StationIdentity; records: number }> {
  const random = seededRandom(seed);
  const now = Date.now();
  const weeks = Array.from({ length: 104 }, (_, i) => isoWeekOf(new Date(now - i * 7 * 86_400_000)));
  const pick = {
    // More recent weeks a little more frequent (the network grows).
    week: zipf(weeks, random, 0.3),
    issuer: zipf(ISSUERS, random),
    document: zipf(DOCUMENTS, random, 1.4),
    series: zipf(SERIES, random, 1.2),
    fraud: zipf(FRAUD_TYPES, random, 1.0),
    poe: zipf(POINTS, random, 1.0),
    check: zipf(CHECKS, random, 1.0),
  };
  let made = 0;
  let n = 0;
  while (made < total) {
    const count = Math.min(perBundle, total - made);
    const signer = stations[n % stations.length]!;
    const items: BundleItem[] = [];
    for (let i = 0; i < count; i++) {
      const checks = random() < 0.3 ? [pick.check(), pick.check()] : [pick.check()];
      const content: TrendRecordContent = {
        schema: TREND_RECORD_SCHEMA,
        station: signer.station,
        country: 'SRB',
        issuer: pick.issuer(),
        documentType: pick.document(),
        series: pick.series(),
        documentClassId: null,
        fraudType: pick.fraud(),
        revealedBy: ['UV emblem'],
        caughtBy: [...new Set(checks)],
        missedBy: [],
        context: { pointOfEntry: pick.poe(), line: random() < 0.7 ? 'first' : 'second', direction: 'entry' },
        week: pick.week(),
        notes: `synthetic ${seed}-${made + i}`,
        crops: [],
        supersedes: null,
      };
      items.push({ type: 'record', record: { ...content, id: contentId(content) } });
    }
    yield { bytes: encodeBundle(items, signer, { scope: 'national', k: null, since: null }), signer, records: count };
    made += count;
    n++;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

async function trustAll(store: HubStore, stations: StationIdentity[]): Promise<void> {
  for (const s of stations) await store.addTrust(s.publicKey, `bench ${s.station.slice(0, 6)}`, 'bench');
}

/** Every bundle imported, each followed by the refresh of the dashboard's tables (as the hub server does): the sustained rate. */
async function ingestAll(store: HubStore, bundles: { bytes: Buffer; signer: StationIdentity; records: number }[], label: string): Promise<number> {
  let records = 0;
  const start = performance.now();
  for (const b of bundles) {
    const result = await ingestBundle(store, b.bytes, b.signer.station);
    if (result.status !== 'stored') throw new Error('bench bundle not stored');
    await store.refreshAggregates();
    records += result.records.added;
    log(`${label}: ${records.toLocaleString()} records, ${Math.round(records / ((performance.now() - start) / 1000)).toLocaleString()}/s`);
  }
  return records / ((performance.now() - start) / 1000);
}

/**
 * The filter sets of the benchmark: the dashboard's form, and a click on the largest series of a
 * chart (the most frequent fraud type, issuer, point of entry — each about a quarter to a third of
 * all records), alone and combined.
 */
function dashboardFilters(): Record<string, TrendFilter> {
  const to = isoWeekOf(new Date());
  const last26 = { from: addWeeks(to, -25), to };
  return {
    none: {},
    last26Weeks: last26,
    mostFrequentFraudType: { fraudType: 'counterfeit' },
    mostFrequentIssuer: { issuer: 'UTO' },
    mostFrequentPointOfEntry: { pointOfEntry: 'RS-POE-01' },
    issuerAndFraudType: { issuer: 'FRA', fraudType: 'counterfeit' },
    last26WeeksAndPointOfEntry: { ...last26, pointOfEntry: 'RS-POE-03' },
    frequentFraudTypeAndPointOfEntry: { fraudType: 'counterfeit', pointOfEntry: 'RS-POE-01' },
    frequentIssuerAndPointOfEntry: { issuer: 'UTO', pointOfEntry: 'RS-POE-01' },
    frequentIssuerAndFraudType: { issuer: 'UTO', fraudType: 'counterfeit' },
    frequentIssuerFraudTypeAndPointOfEntry: { issuer: 'UTO', fraudType: 'counterfeit', pointOfEntry: 'RS-POE-01' },
  };
}

/** Expert alerts from the stations (some superseded, some expired), so the alerts request has work. */
function alertBundle(station: StationIdentity, count: number): Buffer {
  const thisWeek = isoWeekOf(new Date());
  const items: BundleItem[] = [];
  let previous: string | null = null;
  for (let i = 0; i < count; i++) {
    const content: ExpertAlertContent = {
      schema: EXPERT_ALERT_SCHEMA,
      station: station.station,
      country: 'SRB',
      documentClassId: `${ISSUERS[i % ISSUERS.length]!.toLowerCase()}-passport-2019`,
      issuer: ISSUERS[i % ISSUERS.length]!,
      documentType: 'Passport',
      series: '2019',
      fraudType: FRAUD_TYPES[i % FRAUD_TYPES.length]!,
      title: `Alert ${i}`,
      lookFor: 'Guilloche lines broken under the photo; UV emblem missing',
      hotspots: [{ light: 'uv', x: 10, y: 10, w: 40, h: 20, label: 'UV emblem' }],
      crops: [],
      week: addWeeks(thisWeek, -(i % 52)),
      validUntilWeek: i % 3 === 0 ? addWeeks(thisWeek, -(i % 52) + 4) : null,
      // Every fifth alert corrects the one before it.
      supersedes: i % 5 === 4 ? previous : null,
    };
    const alert = { ...content, id: contentId(content) };
    previous = alert.id;
    items.push({ type: 'alert', alert });
  }
  return encodeBundle(items, station, { scope: 'national', k: null, since: null });
}

/** Median latency of each dashboard request (through HTTP, as the page sends it) and of each per-dimension query. */
async function dashboardMedians(store: HubStore, runs: number): Promise<{ requestMedianMs: Record<string, number>; queryMedianMs: Record<string, number> }> {
  const server = await startHubServer({ store });
  const cookie = `${HUB_COOKIE}=${server.token}`;
  const get = async (path: string): Promise<unknown> => {
    const res = await fetch(`${server.url}${path}`, { headers: { Cookie: cookie } });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  };
  try {
    const requests: Record<string, () => Promise<unknown>> = { alerts: () => get('/v1/trends/alerts') };
    const queries: Record<string, () => Promise<unknown>> = {};
    for (const [name, filter] of Object.entries(dashboardFilters())) {
      const params = new URLSearchParams(filter as Record<string, string>);
      const query = params.size ? `?${params}` : '';
      const and = params.size ? `&${params}` : '';
      requests[`summary.${name}`] = () => get(`/v1/trends/summary${query}`);
      requests[`emerging.${name}`] = () => get(`/v1/trends/emerging${query}`);
      requests[`records.${name}`] = () => get(`/v1/trends/records?limit=50${and}`);
      // "More records": the page after the first, from the last record shown.
      const first = (await get(`/v1/trends/records?limit=50${and}`)) as { records: { week: string; id: string }[] };
      const last = first.records[first.records.length - 1];
      if (last) requests[`moreRecords.${name}`] = () => get(`/v1/trends/records?limit=50&afterWeek=${last.week}&afterId=${last.id}${and}`);
      for (const d of DIMENSIONS) queries[`${d}.${name}`] = () => dimensionCounts(store, d, filter);
    }
    const measure = async (set: Record<string, () => Promise<unknown>>) => {
      for (const run of Object.values(set)) await run(); // warm-up round
      const times: Record<string, number[]> = {};
      for (let i = 0; i < runs; i++) {
        for (const [name, run] of Object.entries(set)) {
          const t0 = performance.now();
          await run();
          (times[name] ??= []).push(performance.now() - t0);
        }
      }
      return Object.fromEntries(Object.entries(times).map(([name, t]) => [name, round(median(t), 2)]));
    };
    return { requestMedianMs: await measure(requests), queryMedianMs: await measure(queries) };
  } finally {
    await server.close();
  }
}

function slowest(medians: Record<string, number>): { name: string; ms: number } {
  const [name, ms] = Object.entries(medians).reduce((a, b) => (b[1] > a[1] ? b : a));
  return { name, ms };
}

export interface HubStoreFigures {
  /** One 100,000-record bundle into a fresh hub. */
  bundleImport: BundleImportFigures & {
    /** The refresh of the dashboard's tables (facts, counts, crosses) after the import, in its own transaction. */
    dashboardTablesRefreshSeconds: number;
    /** Import and refresh together. */
    recordsPerSecondWithDashboardRefresh: number;
  };
  ingestRecordsPerSec: number;
  import100kBundleMs: number;
  import100kRecordsPerSec: number;
  /** The slowest dashboard request (median). */
  slowestRequest: { name: string; ms: number };
  requestMedianMs: Record<string, number>;
  queryMedianMs: Record<string, number>;
}

export interface HubBenchResult {
  records: number;
  decodeWorkerStartMs: number;
  hubSqlite: HubStoreFigures;
  hubPostgres: HubStoreFigures | { skipped: string };
}

export async function runHubTrendsBench(options: { records?: number; runs?: number } = {}): Promise<HubBenchResult> {
  const total = options.records ?? 1_000_000;
  const runs = options.runs ?? 15;
  const stations = Array.from({ length: 5 }, () => newIdentity());
  log(`generating ${total.toLocaleString()} synthetic records in signed bundles of ${BUNDLE_RECORDS.toLocaleString()}…`);
  const bundles = [...syntheticBundles(stations, total, 1)];
  const big = [...syntheticBundles([stations[0]!], 100_000, 2, 100_000)][0]!.bytes;
  const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-hub-'));
  const pg = postgresMissing ? undefined : await startPostgres();
  // Decoding alone on one thread, for the per-record breakdown.
  const td = performance.now();
  decodeBundle(big, (s) => (s === stations[0]!.station ? stations[0]!.publicKey : undefined));
  const decodeOneThread = Math.round(((performance.now() - td) * 1000 * 100) / 100_000) / 100;
  const decodeWorkerStartMs = Math.round(await bundleDecodePool().warm());
  try {
    const measure = async (open: (name: string) => Promise<HubStore>, label: string): Promise<HubStoreFigures> => {
      const fresh = await open('import100k');
      await trustAll(fresh, stations);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await ingestBundle(fresh, big, stations[0]!.station);
      const importMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      if (r.records.added !== 100_000) throw new Error('100k bundle not fully imported');
      // The dashboard's tables follow in their own transaction (the pushing station has its answer).
      const t1 = performance.now();
      const refreshed = await fresh.refreshAggregates();
      const refreshMs = performance.now() - t1;
      if (refreshed?.records !== 100_000) throw new Error('100k bundle not added to the dashboard tables');
      await fresh.close();
      log(`${label}: 100,000-record bundle imported in ${Math.round(importMs)} ms, dashboard tables refreshed in ${Math.round(refreshMs)} ms`);
      const store = await open('main');
      await trustAll(store, stations);
      const ingestRecordsPerSec = await ingestAll(store, bundles, label);
      for (const s of stations) await ingestBundle(store, alertBundle(s, 60), s.station);
      // What autovacuum does after a bulk load: statistics for the planner, and a visibility map so
      // that index-only scans need not visit the table. (SQLite's statistics are kept by ingest.)
      if (store.dialect === 'postgres') await store.query('VACUUM (ANALYZE)');
      log(`${label}: dashboard requests…`);
      const { requestMedianMs, queryMedianMs } = await dashboardMedians(store, runs);
      await store.close();
      const rate = Math.round(100_000 / (importMs / 1000));
      return {
        bundleImport: {
          records: 100_000,
          bundleBytes: big.length,
          seconds: Math.round(importMs / 10) / 100,
          recordsPerSecond: rate,
          target: IMPORT_TARGET,
          meetsTarget: rate >= IMPORT_TARGET,
          decodedIn: bundleDecodePool().unavailable ? 'main thread' : 'worker',
          // processCpu: this process only (the PostgreSQL server's own work is not in it).
          microsecondsPerRecord: { import: Math.round(importMs) / 100, decodeOneThread, processCpu: Math.round((cpu.user + cpu.system) / 1000) / 100 },
          dashboardTablesRefreshSeconds: Math.round(refreshMs / 10) / 100,
          recordsPerSecondWithDashboardRefresh: Math.round(100_000 / ((importMs + refreshMs) / 1000)),
        },
        ingestRecordsPerSec: Math.round(ingestRecordsPerSec),
        import100kBundleMs: Math.round(importMs),
        import100kRecordsPerSec: rate,
        slowestRequest: slowest(requestMedianMs),
        requestMedianMs,
        queryMedianMs,
      };
    };
    const hubSqlite = await measure(async (name) => openSqliteHubStore(join(dir, `${name}.sqlite`)), 'hub SQLite');
    const hubPostgres = pg ? await measure(async (name) => openPostgresHubStore(await pg.createDatabase(`bench_${name.toLowerCase()}`)), 'hub PostgreSQL') : { skipped: 'PostgreSQL is not installed' };
    return { records: total, decodeWorkerStartMs, hubSqlite, hubPostgres };
  } finally {
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { records: { type: 'string' }, runs: { type: 'string' } } });
  const result = await runHubTrendsBench({
    ...(values.records ? { records: Number(values.records) } : {}),
    ...(values.runs ? { runs: Number(values.runs) } : {}),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** A seeded uniform [0, 1) source (the specimens' mulberry32), so every run measures the same data. */
function seededRandom(seed: number): () => number {
  const r = createRng(seed);
  return () => r.next();
}
