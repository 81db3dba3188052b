// The hub stores a pushed bundle decoded in a worker thread exactly as one decoded in-thread, on
// both databases: the same records, duplicates and pre-aggregates. A worker failing mid-bundle is the
// hub's own error (not the sender's), and a bad line or a conflict in a late chunk refuses the whole
// bundle: nothing is stored either way.
import { describe, expect, it } from 'vitest';
import type { BundleItem } from '../../../electron/contract/trends.contract';
import { encodeBundleSections, ownSections } from '../../../electron/exchange/bundle-codec';
import { HubError } from '../../../electron/hub/hub-errors';
import { ingestBundle } from '../../../electron/hub/hub-ingest';
import { HUB_TABLES, type HubStore } from '../../../electron/hub/hub-store';
import { signedBundleOfLines } from '../../helpers/hostile-bundles';
import { STORE_KINDS, useHubStores } from '../../helpers/hub-stores';
import { bundleOf, makeAlertItem, makeRecord, newIdentity, recordItem } from '../../helpers/trend-fixtures';

const station = newIdentity();
const records = Array.from({ length: 700 }, (_, i) =>
  makeRecord(station.station, i, {
    issuer: i % 9 === 0 ? null : ['UTO', 'D', 'FRA'][i % 3]!,
    series: i % 7 === 0 ? null : '2019',
    week: `2026-W${String(10 + (i % 30)).padStart(2, '0')}`,
    pointOfEntry: `RS-P${i % 6}`,
    caughtBy: i % 4 === 0 ? ['b900', 'photo-substitution', 'b900'] : ['uv-dullness'],
  }),
);
// Records 0..99 are held already; one record repeats within the bundle; two alerts.
const items: BundleItem[] = [...records.slice(0, 350).map(recordItem), makeAlertItem(station.station, 1), recordItem(records[5]!), ...records.slice(350).map(recordItem), makeAlertItem(station.station, 2)];

const heldBundle = bundleOf(station, records.slice(0, 100).map(recordItem));

async function contents(store: HubStore): Promise<string> {
  await store.refreshAggregates();
  const parts: unknown[] = [await store.tableCounts()];
  parts.push(await store.query('SELECT id, station, country, issuer, document_type, series, fraud_type, week, point_of_entry, first_seq, content FROM hub_records ORDER BY id'));
  parts.push(await store.query('SELECT seq, sha256, signer, records, alerts, size FROM hub_bundles ORDER BY seq'));
  for (const t of ['hub_facts', 'hub_cube', 'hub_cube_total', 'hub_weekly_checks', 'hub_cross', 'hub_cross_total']) parts.push(await store.query(`SELECT * FROM ${t} ORDER BY 1, 2, 3`));
  return JSON.stringify(parts, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
}

describe.each(STORE_KINDS)('hub ingest with a decoding worker on %s', (kind) => {
  const open = useHubStores(kind);
  const trusted = async () => {
    const store = await open();
    await store.addTrust(station.publicKey, 'Batrovci', 'admin');
    await ingestBundle(store, heldBundle, station.station, undefined, { worker: 'never' });
    return store;
  };

  it('stores the same as decoding in-thread: records, duplicates, bundle row and pre-aggregates', async () => {
    const file = bundleOf(station, items);
    const [viaWorker, inThread] = [await trusted(), await trusted()];
    const a = await ingestBundle(viaWorker, file, station.station, undefined, { worker: 'always', chunkRecords: 64 });
    const b = await ingestBundle(inThread, file, station.station, undefined, { worker: 'never', chunkRecords: 64 });
    expect(a).toEqual(b);
    expect(a).toMatchObject({ status: 'stored', seq: 2, records: { added: 600, duplicates: 100 }, alerts: { added: 2, duplicates: 0 } });
    expect(await contents(viaWorker)).toBe(await contents(inThread));
    // Each record counted once, under each distinct check.
    const [total] = await viaWorker.query<{ n: number | string }>("SELECT n FROM hub_cube_total WHERE dimension = 'check' AND key = 'b900'");
    expect(Number(total!.n)).toBe(records.filter((r) => r.caughtBy.includes('b900')).length);
  });

  it.each(['throw', 'exit'] as const)('answers its own error, not the sender’s, and stores nothing when the worker %ss mid-bundle', async (how) => {
    const store = await trusted();
    const before = await store.tableCounts();
    const error = await ingestBundle(store, bundleOf(station, items), station.station, undefined, { worker: 'always', chunkRecords: 64, testFault: { atLine: 500, how } }).catch((e: unknown) => e);
    // The hub's own failure (answered 500 'internal'), not a refusal of the sender's bundle.
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).fault).toBe('internal');
    expect((error as Error).message).toMatch(/could not be decoded/);
    expect(await store.tableCounts()).toEqual(before);
    expect(Object.keys(before)).toEqual([...HUB_TABLES]);
  });

  it('refuses the whole bundle for a bad line or an item of another station in a late chunk', async () => {
    const store = await trusted();
    const before = await store.tableCounts();
    const badLine = [...items.slice(0, 600), { type: 'record', record: { ...records[600]!, holderName: 'ERIKSSON' } }, ...items.slice(600)];
    const refused = await ingestBundle(store, signedBundleOfLines(station, badLine), station.station, undefined, { worker: 'always', chunkRecords: 64 }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ category: 'bad-input', fault: 'refused-lines', details: [{ line: 601 }] });
    const other = newIdentity();
    // Another station's item in the middle of the signer's own proven items (a late chunk).
    const [own] = ownSections(items, station);
    const foreign = [...items.slice(0, 600), recordItem(makeRecord(other.station, 1)), ...items.slice(600)];
    const forged = encodeBundleSections([{ proof: own!.proof, items: foreign }], station, { scope: 'national', k: null, since: null });
    const mismatch = await ingestBundle(store, forged, station.station, undefined, { worker: 'always', chunkRecords: 64 }).catch((e: unknown) => e);
    expect(mismatch).toMatchObject({ category: 'bad-input', fault: 'unproven-origin', details: [{ line: 602 }] });
    expect(await store.tableCounts()).toEqual(before);
  });
});
