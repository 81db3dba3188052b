// The hub's read side follows the imports (migration 3): a bundle's transaction stores the bundle and
// its records only; refreshAggregates brings the dashboard's tables up to the last bundle in one
// transaction of its own. Views never see part of it: a dashboard query refreshes first; callers at
// the same time share one refresh (nothing counted twice); many bundles at once give the same tables
// as one at a time; a server catches up at start with no request. On SQLite and PostgreSQL.
import { describe, expect, it, vi } from 'vitest';
import { ingestBundle } from '../../../electron/hub/hub-ingest';
import { trendSummary } from '../../../electron/hub/hub-queries';
import { startHubServer } from '../../../electron/hub/hub-server';
import type { HubStore } from '../../../electron/hub/hub-store';
import { variedRecords } from '../../helpers/hub-records';
import { STORE_KINDS, useHubStores } from '../../helpers/hub-stores';
import { bundleOf, newIdentity, recordItem } from '../../helpers/trend-fixtures';

const station = newIdentity();
const records = variedRecords(station.station).slice(0, 300);
// Overlapping bundles: records 100..119 are in both.
const bundles = [bundleOf(station, records.slice(0, 120).map(recordItem)), bundleOf(station, records.slice(100).map(recordItem))];
const READ_SIDE = ['hub_facts', 'hub_cube', 'hub_cube_total', 'hub_weekly_checks', 'hub_cross', 'hub_cross_total', 'hub_aggregated'];

async function readSide(store: HubStore): Promise<string> {
  const parts: unknown[] = [];
  for (const t of READ_SIDE) parts.push((await store.query(`SELECT * FROM ${t}`)).map((r) => JSON.stringify(Object.values(r).map(String))).sort());
  return JSON.stringify(parts);
}

async function count(store: HubStore, table: string): Promise<number> {
  const [row] = await store.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row!.n);
}

describe.each(STORE_KINDS)('the hub read side on %s', (kind) => {
  const open = useHubStores(kind);
  const trusted = async () => {
    const store = await open();
    await store.addTrust(station.publicKey, 'Batrovci', 'admin');
    return store;
  };

  it('leaves the dashboard tables to the refresh, which a dashboard query runs first, once', async () => {
    const store = await trusted();
    await ingestBundle(store, bundles[0]!, station.station);
    expect(await store.pendingAggregation()).toEqual({ fromSeq: 1, toSeq: 1, records: 120 });
    expect(await count(store, 'hub_records')).toBe(120);
    for (const t of ['hub_facts', 'hub_cube', 'hub_cross', 'hub_weekly_checks']) expect(await count(store, t)).toBe(0);
    // A refresh and two queries at once: one refresh adds the bundle, the queries see all of it.
    const [refreshed, summary, again] = await Promise.all([store.refreshAggregates(), trendSummary(store, {}), trendSummary(store, { fraudType: records[0]!.fraudType })]);
    const added = [refreshed, await store.refreshAggregates()];
    expect(added).toEqual([{ fromSeq: 1, toSeq: 1, records: 120 }, undefined]);
    expect(summary.total).toBe(120);
    expect(again.total).toBe(records.slice(0, 120).filter((r) => r.fraudType === records[0]!.fraudType).length);
    expect(await store.pendingAggregation()).toBeUndefined();
    expect(await count(store, 'hub_facts')).toBe(120);

    await ingestBundle(store, bundles[1]!, station.station);
    expect((await trendSummary(store, {})).total).toBe(300);
    expect(await store.query('SELECT seq FROM hub_aggregated')).toEqual([{ seq: 2 }]);
  });

  it('gives the same tables for many bundles in one refresh as for one bundle at a time', async () => {
    const oneByOne = await trusted();
    const together = await trusted();
    for (const b of bundles) {
      await ingestBundle(oneByOne, b, station.station);
      await oneByOne.refreshAggregates();
      await ingestBundle(together, b, station.station);
    }
    expect(await together.refreshAggregates()).toEqual({ fromSeq: 1, toSeq: 2, records: 320 });
    expect(await readSide(together)).toBe(await readSide(oneByOne));
    expect(await count(together, 'hub_facts')).toBe(300);
  });

  it('catches up at server start, with no dashboard request', async () => {
    const store = await trusted();
    for (const b of bundles) await ingestBundle(store, b, station.station);
    expect(await store.pendingAggregation()).toMatchObject({ fromSeq: 1, toSeq: 2 });
    // Held back until the health request below has seen the pending bundles.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const refresh = store.refreshAggregates.bind(store);
    store.refreshAggregates = async () => {
      await held;
      return refresh();
    };
    const server = await startHubServer({ store });
    try {
      const health = await fetch(`${server.url}/v1/health`);
      expect(((await health.json()) as { dashboardTables: unknown }).dashboardTables).toEqual({ current: false, pendingBundles: 2, pendingRecords: 320 });
      release();
      await vi.waitFor(async () => expect(await store.pendingAggregation()).toBeUndefined(), { timeout: 10_000, interval: 20 });
      expect(await count(store, 'hub_facts')).toBe(300);
    } finally {
      await server.close();
    }
  });
});
