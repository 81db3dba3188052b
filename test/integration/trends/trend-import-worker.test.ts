// Importing a bundle with its lines decoded in a worker thread leaves the station database exactly
// as decoding in-thread does — records, corrections, alerts, the pending counts and, once they are
// added, the weekly counts (equal to counting the same records on insert). A worker that fails
// mid-bundle, or a refused line in a late chunk, refuses the whole bundle and changes nothing.
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BundleItem, TrendRecord } from '../../../electron/contract/trends.contract';
import { encodeBundle } from '../../../electron/exchange/bundle-codec';
import { contentId } from '../../../electron/exchange/canonical-json';
import { identityFromPrivateKey } from '../../../electron/trust/station-identity';
import { openStationTrends, type StationTrendStore, trustForTrends, importAtStation } from '../../helpers/station-trends';
import { signedBundleOfLines } from '../../helpers/hostile-bundles';
import { useTempDir } from '../../helpers/temp-dir';
import { makeAlertItem } from '../../helpers/trend-fixtures';
import { syntheticRecords } from '../../bench/trend-synthetic';
import { snapshotTrendTables } from './trend-db-snapshot';

const dir = useTempDir('loupe-trend-worker-');
const partner = identityFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
const asItem = (record: TrendRecord): BundleItem => ({ type: 'record', record });
const bundle = (items: readonly BundleItem[]) => encodeBundle(items, partner, { scope: 'national', k: null, since: null });
const WEEKLY = ['trend_weekly_fraud', 'trend_weekly_issuer', 'trend_weekly_poe', 'trend_weekly_check', 'trend_weekly_check_issuer', 'trend_weekly_check_poe', 'trend_weekly_cube'];
const opened: StationTrendStore[] = [];
afterAll(() => opened.forEach((s) => s.close()));

function correct(old: TrendRecord): TrendRecord {
  const { id: _id, ...content } = old;
  const fixed = { ...content, fraudType: 'other' as const, supersedes: old.id };
  return { ...fixed, id: contentId(fixed) };
}

const held = syntheticRecords(0, 40, partner.station);
const fresh = syntheticRecords(1000, 600, partner.station);
// In the bundle: held records (skipped), a correction of a held (counted) record, a correction of a
// record earlier in the bundle, one arriving before the record it corrects, a repeated line, alerts.
const items: BundleItem[] = [
  ...fresh.slice(0, 200).map(asItem),
  asItem(correct(held[3]!)),
  asItem(correct(fresh[10]!)),
  asItem(correct(fresh[450]!)),
  makeAlertItem(partner.station, 1),
  ...held.slice(0, 20).map(asItem),
  asItem(fresh[7]!),
  ...fresh.slice(200).map(asItem),
  makeAlertItem(partner.station, 2),
];

const heldBundle = bundle(held.map(asItem));
let n = 0;
function station(): StationTrendStore {
  const store = openStationTrends(join(dir, `station-${n++}`));
  opened.push(store);
  trustForTrends(store, 'Partner', partner.publicKey);
  expect(importAtStation(store, heldBundle, { decode: { worker: 'never' } }).addedRecords).toBe(40);
  store.refreshCounts();
  return store;
}

/** The trend tables without the times of day (received_at, at), which differ between runs. */
function contents(store: StationTrendStore): string {
  const db = store.db;
  const rows = (sql: string) => JSON.stringify(db.prepare(sql).all());
  return [
    rows('SELECT id, station, country, issuer, document_type, series, document_class_id, fraud_type, point_of_entry, line, week, supersedes, superseded_by, origin, content FROM trend_records ORDER BY id'),
    rows('SELECT id, document_class_id, supersedes, superseded_by, origin, content FROM expert_alerts ORDER BY id'),
    rows('SELECT signer, bundle_sha256, scope, added_records, added_alerts, skipped FROM trend_import_log ORDER BY id'),
    rows('SELECT format, dictionary, hex(facts) AS facts FROM trend_counts_pending ORDER BY id'),
    rows('SELECT * FROM trend_counts_state'),
    ...WEEKLY.map((t) => rows(`SELECT * FROM ${t} ORDER BY 1, 2, 3`)),
  ].join('\n');
}

describe('import with a decoding worker', () => {
  it('leaves the database as the in-thread import does, and its counts equal counting on insert', () => {
    const file = bundle(items);
    const viaWorker = station();
    const inThread = station();
    const reportWorker = importAtStation(viaWorker, file, { decode: { worker: 'always', chunkRecords: 64 } });
    const reportThread = importAtStation(inThread, file, { decode: { worker: 'never', chunkRecords: 64 } });
    expect(reportWorker).toEqual(reportThread);
    expect(reportWorker).toMatchObject({ applied: true, addedRecords: 603, addedAlerts: 2, skipped: 21, error: null });
    expect(viaWorker.countsPending()).toBe(true);
    expect(contents(viaWorker)).toBe(contents(inThread));

    viaWorker.refreshCounts();
    inThread.refreshCounts();
    expect(viaWorker.countsPending()).toBe(false);
    expect(contents(viaWorker)).toBe(contents(inThread));

    // The same items inserted as objects are counted on insert: the same weekly tables.
    const direct = station();
    direct.transaction(() => direct.insertItems(items, partner.station));
    const weekly = (s: StationTrendStore) => WEEKLY.map((t) => JSON.stringify(s.db.prepare(`SELECT * FROM ${t} WHERE n <> 0 ORDER BY 1, 2, 3`).all())).join('\n');
    expect(weekly(viaWorker)).toBe(weekly(direct));
    // Live records: 40 held + 600 new + 3 corrections - 3 superseded.
    expect(viaWorker.db.prepare('SELECT sum(n) FROM trend_weekly_fraud').pluck().get()).toBe(640);
  });

  it.each(['throw', 'exit'] as const)('refuses the bundle with a clear error and changes nothing when the worker %ss mid-bundle', (how) => {
    const store = station();
    const before = snapshotTrendTables(store.db);
    const report = importAtStation(store, bundle(items), { decode: { worker: 'always', chunkRecords: 64, testFault: { atLine: 500, how } } });
    expect(report).toMatchObject({ applied: false, addedRecords: 0, error: { fault: 'decode-failed', message: expect.stringMatching(/could not be decoded.*nothing was imported/) } });
    expect(snapshotTrendTables(store.db)).toBe(before);
    // The next import works (a new worker starts).
    expect(importAtStation(store, bundle(items), { decode: { worker: 'always' } })).toMatchObject({ applied: true, addedRecords: 603 });
  });

  it('refuses the whole bundle for a refused line or a conflict in a late chunk, and changes nothing', () => {
    const store = station();
    const before = snapshotTrendTables(store.db);
    const lines: unknown[] = items.map((i) => i);
    // Line 520: a record with a field no record may have; line 560: other content under the id of line 5.
    lines.splice(519, 0, { type: 'record', record: { ...fresh[300]!, holderName: 'ERIKSSON' } });
    lines.splice(559, 0, { type: 'record', record: { ...fresh[4]!, notes: 'changed after the fact' } });
    const report = importAtStation(store, signedBundleOfLines(partner, lines), { decode: { worker: 'always', chunkRecords: 64 } });
    expect(report).toMatchObject({ applied: false, addedRecords: 0, error: { fault: 'conflict' } });
    expect(report.refused).toEqual([{ line: 520, reason: expect.stringMatching(/schema/) }]);
    expect(report.conflicts).toEqual([{ line: 560, id: fresh[4]!.id, reason: expect.stringMatching(/different content/) }]);
    expect(snapshotTrendTables(store.db)).toBe(before);
  });

  it('corrects a record whose counts still wait from its import: the counts take it out, and no count goes below zero', () => {
    const store = station();
    const first = syntheticRecords(5000, 300, partner.station);
    expect(importAtStation(store, bundle(first.map(asItem)), { decode: { worker: 'always' } }).addedRecords).toBe(300);
    expect(store.countsPending()).toBe(true);
    // Not read since: the correction arrives while the first import's counts are pending.
    const fixes = first.slice(0, 5).map(correct);
    expect(importAtStation(store, bundle(fixes.map(asItem)), { decode: { worker: 'always' } }).addedRecords).toBe(5);
    store.refreshCounts();
    const direct = station();
    direct.transaction(() => direct.insertItems([...first, ...fixes].map(asItem), partner.station));
    const weekly = (s: StationTrendStore) => WEEKLY.map((t) => JSON.stringify(s.db.prepare(`SELECT * FROM ${t} WHERE n <> 0 ORDER BY 1, 2, 3`).all())).join('\n');
    expect(weekly(store)).toBe(weekly(direct));
    for (const t of WEEKLY) expect(store.db.prepare(`SELECT count(*) FROM ${t} WHERE n < 0`).pluck().get()).toBe(0);
    expect(store.db.prepare('SELECT sum(n) FROM trend_weekly_fraud').pluck().get()).toBe(40 + 300);
  });
});
