// Station side of `npm run bench:trends`: ingest of 1,000,000 synthetic trend records into the
// station database (insert + weekly counts), import of a signed 100,000-record bundle (verify +
// validate + dedup + insert, one transaction; lines decoded in a worker thread while this thread
// inserts) into that database and into an empty one, the count refresh that adds the imported
// records to the weekly tables before the next dashboard read (reported apart, and with the import),
// and the median latency of each dashboard query on the 1M records.
// Targets (docs/trends.md): import ≥ 50,000 records/s; each dashboard query ≤ 100 ms median.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TrendFilter } from '../../electron/contract/trend-dashboard.contract';
import { decodeBundle, encodeBundle } from '../../electron/exchange/bundle-codec';
import { bundleDecodePool } from '../../electron/exchange/bundle-decode-pool';
import { walCheckpointer } from '../../electron/store/wal-checkpointer';
import { identityFromPrivateKey } from '../../electron/trust/station-identity';
import { addWeeks } from '../../electron/trends/iso-week';
import { importTrendBundle } from '../../electron/trends/trend-exchange.service';
import { TrendQueries } from '../../electron/trends/trend-queries';
import { openStationStore } from '../../electron/store';
import { TrendStore } from '../../electron/trends/trend-store';
import { StationTrust } from '../../electron/trust/station-trust';
import { BENCH_LAST_WEEK, syntheticRecords } from './trend-synthetic';

export const IMPORT_TARGET = 50_000;

export interface BundleImportFigures {
  records: number;
  bundleBytes: number;
  seconds: number;
  recordsPerSecond: number;
  target: number;
  meetsTarget: boolean;
  /** Where the lines were decoded. */
  decodedIn: 'worker' | 'main thread';
  /** µs per record: the import (wall), decoding alone on one thread, and CPU of all threads during the import. */
  microsecondsPerRecord: { import: number; decodeOneThread: number; processCpu: number };
}

export interface StationTrendsFigures {
  station: {
    ingest: { records: number; seconds: number; recordsPerSecond: number };
    /** Start of the decoding worker (once per process, before any import). */
    decodeWorkerStartMs: number;
    bundleImport: BundleImportFigures & {
      /** Copying the import's write-ahead log into the database file, after the import, in the background. */
      walCheckpointSeconds: number;
      /** The weekly counts of the imported records are added by the next dashboard read: */
      countsDeferred: true;
      countRefreshSeconds: number;
      /** Import and count refresh together. */
      recordsPerSecondWithCountRefresh: number;
    };
    bundleImportFreshStation: { records: number; seconds: number; recordsPerSecond: number; meetsTarget: boolean };
    dashboardMedianMs: Record<string, number>;
    dashboardTargetMs: number;
    dashboardMeetsTarget: boolean;
  };
}

const log = (m: string) => process.stderr.write(`${m}\n`);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function runStationTrendsBench(options: { records?: number; bundleRecords?: number; runs?: number } = {}): Promise<StationTrendsFigures> {
  const total = options.records ?? 1_000_000;
  const bundleRecords = options.bundleRecords ?? 100_000;
  const runs = options.runs ?? 15;
  const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-trends-'));
  // The trend store on the station store's connection, as the app opens it (one set of pragmas).
  const station = openStationStore(dir);
  const store = new TrendStore(station);
  try {
    // Ingest: generation (hashing) is outside the timed part; insert + weekly counts inside.
    let insertMs = 0;
    const batch = 50_000;
    for (let from = 0; from < total; from += batch) {
      const records = syntheticRecords(from, Math.min(batch, total - from));
      const t = performance.now();
      store.transaction(() => store.insertItems(records.map((record) => ({ type: 'record' as const, record })), 'local'));
      store.refreshCounts();
      insertMs += performance.now() - t;
      log(`ingest ${from + records.length}/${total}`);
    }

    // Bundle import: a partner's 100,000 records, 10% of which this station already holds.
    const partner = identityFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
    const trust = new StationTrust(station);
    trust.add({ name: 'Partner', publicKey: partner.publicKey, for: 'trends', addedBy: 'bench' });
    // The bundle holds only the partner's own records (every item proven by its signer); 10% of them
    // this station already received from the partner in an earlier bundle.
    const held = Math.floor(bundleRecords / 10);
    const items = syntheticRecords(0, bundleRecords, partner.station).map((record) => ({ type: 'record' as const, record }));
    store.transaction(() => store.insertItems(items.slice(0, held), partner.station));
    store.refreshCounts();
    const bundle = encodeBundle(items, partner, { scope: 'national', k: null, since: null });
    log(`bundle of ${items.length} records, ${bundle.length} bytes`);
    // Decoding alone on one thread (what the worker does in parallel with the inserts).
    const td = performance.now();
    decodeBundle(bundle, () => partner.publicKey);
    const decodeMs = performance.now() - td;
    // The worker starts once per process (the app starts it with the trend service).
    const decodeWorkerStartMs = await bundleDecodePool().warm();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const report = importTrendBundle(store, bundle, { trust: trust.lookup('trends') });
    const importMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (!report.applied || report.addedRecords !== bundleRecords - held || report.skipped !== held) throw new Error(`bundle import went wrong: ${JSON.stringify(report).slice(0, 300)}`);
    // The WAL checkpoint that follows the import (in the background; awaited here so nothing overlaps).
    const tc = performance.now();
    await walCheckpointer().idle(store.db.name);
    const checkpointMs = performance.now() - tc;
    // The weekly counts take the new records before the next dashboard read.
    const t1 = performance.now();
    store.refreshCounts();
    const refreshMs = performance.now() - t1;
    // The same bundle into a station that holds nothing yet (smaller indexes to insert into).
    const freshDir = mkdtempSync(join(tmpdir(), 'loupe-bench-trends-fresh-'));
    const freshStation = openStationStore(freshDir);
    const fresh = new TrendStore(freshStation);
    const freshTrust = new StationTrust(freshStation);
    freshTrust.add({ name: 'Partner', publicKey: partner.publicKey, for: 'trends', addedBy: 'bench' });
    const tf = performance.now();
    const freshReport = importTrendBundle(fresh, bundle, { trust: freshTrust.lookup('trends') });
    const freshMs = performance.now() - tf;
    await walCheckpointer().idle(fresh.db.name);
    freshStation.close();
    rmSync(freshDir, { recursive: true, force: true });
    if (!freshReport.applied || freshReport.addedRecords !== bundleRecords) throw new Error('bundle import into a fresh station went wrong');

    // Dashboard queries: 26 weeks by default, as the Trends screen opens; plus filtered variants.
    const q = new TrendQueries(store);
    const last = BENCH_LAST_WEEK;
    const base: TrendFilter = { from: addWeeks(last, -25), to: last };
    const year: TrendFilter = { from: addWeeks(last, -51), to: last };
    const queries: Record<string, () => unknown> = {
      byWeek: () => q.byWeek(base),
      byWeekOneYear: () => q.byWeek(year),
      byIssuer: () => q.byIssuer(base),
      byPointOfEntry: () => q.byPointOfEntry(base),
      byCheck: () => q.byCheck(base),
      emerging: () => q.emerging(last),
      drillDown: () => q.records({ ...base, fraudType: 'counterfeit' }, 100, 0),
      byWeekIssuerFilter: () => q.byWeek({ ...base, issuer: 'SRB' }),
      byPointOfEntryIssuerFilter: () => q.byPointOfEntry({ ...base, issuer: 'SRB' }),
      byIssuerPoeFilter: () => q.byIssuer({ ...base, pointOfEntry: 'RS-HORGOS' }),
      byCheckIssuerFilter: () => q.byCheck({ ...base, issuer: 'MKD' }),
      fullDashboard: () => q.dashboard(base, new Date('2026-11-20T12:00:00Z')),
    };
    const dashboardMedianMs: Record<string, number> = {};
    for (const [name, run] of Object.entries(queries)) {
      run();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        run();
        times.push(performance.now() - t);
      }
      dashboardMedianMs[name] = Math.round(median(times) * 100) / 100;
      log(`${name}: ${dashboardMedianMs[name]} ms`);
    }
    const importRate = Math.round(bundleRecords / (importMs / 1000));
    const freshRate = Math.round(bundleRecords / (freshMs / 1000));
    const us = (ms: number) => Math.round((ms * 1000 * 100) / bundleRecords) / 100;
    return {
      station: {
        ingest: { records: total, seconds: Math.round(insertMs / 10) / 100, recordsPerSecond: Math.round(total / (insertMs / 1000)) },
        decodeWorkerStartMs: Math.round(decodeWorkerStartMs),
        bundleImport: {
          records: bundleRecords,
          bundleBytes: bundle.length,
          seconds: Math.round(importMs / 10) / 100,
          recordsPerSecond: importRate,
          target: IMPORT_TARGET,
          meetsTarget: importRate >= IMPORT_TARGET,
          decodedIn: bundleDecodePool().unavailable ? 'main thread' : 'worker',
          microsecondsPerRecord: { import: us(importMs), decodeOneThread: us(decodeMs), processCpu: us((cpu.user + cpu.system) / 1000) },
          walCheckpointSeconds: Math.round(checkpointMs / 10) / 100,
          countsDeferred: true,
          countRefreshSeconds: Math.round(refreshMs / 10) / 100,
          recordsPerSecondWithCountRefresh: Math.round(bundleRecords / ((importMs + refreshMs) / 1000)),
        },
        bundleImportFreshStation: { records: bundleRecords, seconds: Math.round(freshMs / 10) / 100, recordsPerSecond: freshRate, meetsTarget: freshRate >= IMPORT_TARGET },
        dashboardMedianMs,
        dashboardTargetMs: 100,
        dashboardMeetsTarget: Object.values(dashboardMedianMs).every((v) => v <= 100),
      },
    };
  } finally {
    station.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const records = process.env.BENCH_TRENDS_RECORDS ? Number(process.env.BENCH_TRENDS_RECORDS) : undefined;
  process.stdout.write(`${JSON.stringify(await runStationTrendsBench(records ? { records } : {}))}\n`);
}
