// Two stations and a real regional hub (SQLite, real HTTP, signed requests): each station's own
// records go up, the other's come down into its database through its own trust list; re-running
// moves nothing; a station that does not trust the sender refuses its bundles and still catches up.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateStationKey } from '../../../electron/trust/station-key';
import { startHubServer } from '../../../electron/hub/hub-server';
import { openSqliteHubStore } from '../../../electron/hub/sqlite-hub-store';
import { syncStationWithHub } from '../../../electron/trends/trend-hub-sync';
import { openStationTrends, type StationTrendStore } from '../../helpers/station-trends';
import { makeAlertItem, makeRecord } from '../../helpers/trend-fixtures';
import { useTempDir } from '../../helpers/temp-dir';

const count = (store: StationTrendStore, table: string) => store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('station ↔ hub sync', () => {
  const dir = useTempDir();

  it('pushes own records, pulls the others, resumes and is idempotent', async () => {
    const hubStore = await openSqliteHubStore(join(dir, 'hub.sqlite'));
    const dirA = join(dir, 'station-a');
    const dirB = join(dir, 'station-b');
    const storeA = openStationTrends(dirA);
    const storeB = openStationTrends(dirB);
    const a = { store: storeA, trust: storeA.trust, identity: loadOrCreateStationKey(dirA) };
    const b = { store: storeB, trust: storeB.trust, identity: loadOrCreateStationKey(dirB) };
    await hubStore.addTrust(a.identity.publicKey, 'Station A', 'admin');
    await hubStore.addTrust(b.identity.publicKey, 'Station B', 'admin');
    const server = await startHubServer({ store: hubStore });
    try {
      for (let n = 0; n < 30; n++) a.store.addRecord(makeRecord(a.identity.station, n));
      const alert = makeAlertItem(a.identity.station, 1);
      if (alert.type === 'alert') a.store.addAlert(alert.alert);
      for (let n = 0; n < 5; n++) b.store.addRecord(makeRecord(b.identity.station, 100 + n));

      const first = await syncStationWithHub({ ...a, dataDir: dirA, hubUrl: server.url });
      expect(first).toMatchObject({ pushed: 1, pulled: 0, importedRecords: 0 });

      // B does not trust A yet: A's bundle is refused as a whole, and B still moves past it.
      const refused = await syncStationWithHub({ ...b, dataDir: dirB, hubUrl: server.url });
      expect(refused).toMatchObject({ pushed: 1, pulled: 1, importedRecords: 0, refusedBundles: { 'unknown-signer': 1 } });
      expect(count(b.store, 'trend_records')).toBe(5);

      // New records at A (A does not trust B either: B's bundle is refused); then B adopts the
      // hub's members: its trust list grew, so it pulls from the first bundle again by itself and
      // A's two bundles come in — the one refused before included.
      for (let n = 30; n < 40; n++) a.store.addRecord(makeRecord(a.identity.station, n));
      expect(await syncStationWithHub({ ...a, dataDir: dirA, hubUrl: server.url })).toMatchObject({ pushed: 1, pulled: 1, refusedBundles: { 'unknown-signer': 1 }, rescanned: false });
      const adopted = await syncStationWithHub({ ...b, dataDir: dirB, hubUrl: server.url, adoptHubMembers: true });
      expect(adopted).toMatchObject({ adoptedMembers: 1, pushed: 0, pulled: 2, importedRecords: 40, importedAlerts: 1, rescanned: true, refusedBundles: {} });
      expect(count(b.store, 'trend_records')).toBe(45);
      expect(count(b.store, 'expert_alerts')).toBe(1);
      // A trusts B by hand between syncs, as an examiner does in the trusted-stations panel: its next
      // sync pulls everything again by itself, and B's refused bundle comes in.
      a.trust.add({ name: 'Station B', publicKey: b.identity.publicKey, for: 'trends', addedBy: 'examiner' });
      const trustedA = await syncStationWithHub({ ...a, dataDir: dirA, hubUrl: server.url });
      expect(trustedA).toMatchObject({ adoptedMembers: 0, pushed: 0, importedRecords: 5, rescanned: true });
      // The trust list unchanged, nothing is pulled again; on request it is, and what is held is skipped.
      expect(await syncStationWithHub({ ...b, dataDir: dirB, hubUrl: server.url, adoptHubMembers: true })).toMatchObject({ adoptedMembers: 0, pulled: 0, rescanned: false });
      const rescanB = await syncStationWithHub({ ...b, dataDir: dirB, hubUrl: server.url, rescan: true });
      expect(rescanB).toMatchObject({ pulled: 2, importedRecords: 0, importedAlerts: 0, rescanned: true });
      expect(count(a.store, 'trend_records')).toBe(45);
      expect(count(b.store, 'trend_records')).toBe(45);

      // Re-running changes nothing anywhere.
      const before = (await hubStore.tableCounts()) as Record<string, number>;
      expect(await syncStationWithHub({ ...a, dataDir: dirA, hubUrl: server.url })).toMatchObject({ pushed: 0, pulled: 0 });
      expect(await syncStationWithHub({ ...b, dataDir: dirB, hubUrl: server.url })).toMatchObject({ pushed: 0, pulled: 0 });
      expect(await hubStore.tableCounts()).toEqual(before);
      // Only each station's own records went up: nothing of A's was re-pushed by B.
      const bySigner = await hubStore.query<{ signer: string; n: number }>('SELECT signer, count(*) AS n FROM hub_bundles GROUP BY signer ORDER BY signer');
      expect(bySigner.map((r) => Number(r.n)).sort()).toEqual([1, 2]);
    } finally {
      await server.close();
      a.store.close();
      b.store.close();
      await hubStore.close();
    }
  });
});
