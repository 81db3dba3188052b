// Every trend item is provably its origin station's (docs/trends.md, "Origin of items"), at a
// station and at the hub, on real station databases and a real hub store: a trusted station cannot
// withdraw another station's alert, sign records in another station's name or in the name of a
// station that does not exist, nor alter an item it forwards; an item forwarded through a third
// station — and through a fourth — arrives with its origin's proof and is accepted.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BundleItem, ExpertAlert, TrendRecord } from '../../../electron/contract/trends.contract';
import { decodeBundle, encodeBundle, encodeBundleSections, ownSections } from '../../../electron/exchange/bundle-codec';
import { contentId } from '../../../electron/exchange/canonical-json';
import { proofToJson, signOrigin } from '../../../electron/exchange/origin-proof';
import { loadOrCreateStationKey } from '../../../electron/trust/station-key';
import type { StationIdentity } from '../../../electron/trust/station-identity';
import { ingestBundle } from '../../../electron/hub/hub-ingest';
import { exportTrendBundle } from '../../../electron/trends/trend-exchange.service';
import { openStationTrends, type StationTrendStore, trustForTrends, importAtStation } from '../../helpers/station-trends';
import { makeAlert } from '../../helpers/hub-alerts';
import { useHubStores } from '../../helpers/hub-stores';
import { signedBundleOfLines } from '../../helpers/hostile-bundles';
import { makeRecord, newIdentity } from '../../helpers/trend-fixtures';
import { useTempDir } from '../../helpers/temp-dir';
import { rowCounts } from './trend-db-snapshot';

const dir = useTempDir('loupe-trend-origin-');
const openHub = useHubStores('sqlite');
const WEEK = '2026-W40';
const options = { scope: 'national' as const, k: null, since: null };

interface Station {
  id: StationIdentity;
  store: StationTrendStore;
}
const opened: StationTrendStore[] = [];
afterAll(() => opened.forEach((s) => s.close()));

function station(name: string, ...trusts: Station[]): Station {
  const dataDir = join(dir, name);
  const store = openStationTrends(dataDir);
  opened.push(store);
  for (const t of trusts) trustForTrends(store, `Station ${t.id.station.slice(0, 4)}`, t.id.publicKey);
  return { id: loadOrCreateStationKey(dataDir), store };
}

const record = (s: Station, n: number, over: Parameters<typeof makeRecord>[2] = {}): TrendRecord => makeRecord(s.id.station, n, { week: WEEK, ...over });
const item = (r: TrendRecord | ExpertAlert): BundleItem => ('lookFor' in r ? { type: 'alert', alert: r } : { type: 'record', record: r });
const shownAlerts = (s: Station) => s.store.currentAlerts(WEEK).map((a) => a.title);

/** Imports as the station does (its own identity known) and returns the report. */
const importInto = (s: Station, bundle: Buffer) => importAtStation(s.store, bundle, { self: s.id });

describe('proof of origin of trend items', () => {
  const a = station('a');
  const b = station('b', a);
  const c = station('c', a, b);
  const alertOfA = makeAlert(a.id.station, { title: 'Dull emblem', week: WEEK });
  a.store.addAlert(alertOfA);
  for (let n = 0; n < 6; n++) a.store.addRecord(record(a, n, { pointOfEntry: n < 4 ? 'RS-BATROVCI' : 'RS-HORGOS' }));

  it('shows A’s alert at C once A’s own bundle is imported', () => {
    const { bundle } = exportTrendBundle(a.store, a.id, options);
    expect(importInto(c, bundle)).toMatchObject({ applied: true, addedAlerts: 1, addedRecords: 6 });
    expect(shownAlerts(c)).toEqual(['Dull emblem']);
  });

  it('refuses a withdrawal of A’s alert signed by B, however B dresses it, and A’s alert stays shown', () => {
    // A withdrawal: an alert of A's station that supersedes the alert and expired the week before.
    const { id: _id, ...content } = makeAlert(a.id.station, { title: 'Dull emblem', week: WEEK, validUntilWeek: '2026-W39', supersedes: alertOfA.id });
    const withdrawal = { ...content, id: contentId(content) };
    const before = rowCounts(c.store.db);
    const attempts: [string, Buffer, string][] = [
      ['in B’s bundle, with no proof', encodeBundle([item(withdrawal)], b.id, options), 'unproven-origin'],
      ['under B’s own proof', encodeBundleSections([{ proof: signOrigin(b.id, [withdrawal.id])[0]!, items: [item(withdrawal)] }], b.id, options), 'unproven-origin'],
      // B signs a statement in A's name with its own key.
      ['under a proof in A’s name signed by B', encodeBundleSections([{ proof: { ...signOrigin(b.id, [withdrawal.id])[0]!, station: a.id.station }, items: [item(withdrawal)] }], b.id, options), 'bad-origin-signature'],
      // B reuses a genuine proof of A: it covers other ids, not the forged withdrawal.
      ['under A’s genuine proof of other items', encodeBundleSections([{ proof: signOrigin(a.id, [alertOfA.id])[0]!, items: [item(withdrawal)] }], b.id, options), 'unproven-origin'],
    ];
    for (const [what, bundle, fault] of attempts) {
      const report = importInto(c, bundle);
      expect(report, what).toMatchObject({ applied: false, error: { fault } });
    }
    expect(rowCounts(c.store.db)).toEqual(before);
    expect(shownAlerts(c)).toEqual(['Dull emblem']);
  });

  it('refuses records signed by B in A’s name or in the name of a station that does not exist', () => {
    const before = rowCounts(c.store.db);
    const inNameOfA = record(a, 100, { fraudType: 'counterfeit' });
    const madeUp = makeRecord('00000000000000aa', 1, { week: WEEK });
    const ghost = newIdentity();
    const ghostRecord = makeRecord(ghost.station, 1, { week: WEEK });
    const cases: [string, Buffer, string][] = [
      ['a record of A among B’s own', encodeBundle([item(record(b, 1)), item(inNameOfA)], b.id, options), 'unproven-origin'],
      ['a record of a made-up station', encodeBundle([item(madeUp)], b.id, options), 'unproven-origin'],
      // A real key C has never heard of: its proof names a station that is not on C's trust list.
      ['a record proven by a station C does not trust', encodeBundleSections([{ proof: signOrigin(ghost, [ghostRecord.id])[0]!, items: [item(ghostRecord)] }], b.id, options), 'unknown-origin'],
    ];
    for (const [what, bundle, fault] of cases) expect(importInto(c, bundle), what).toMatchObject({ applied: false, error: { fault } });
    expect(rowCounts(c.store.db)).toEqual(before);
  });

  it('forwards A’s items through B to a fourth station D, unchanged and each under A’s proof', () => {
    // B receives A's bundle, adds records of its own, and exports everything it holds.
    expect(importInto(b, exportTrendBundle(a.store, a.id, options).bundle)).toMatchObject({ applied: true, addedRecords: 6, addedAlerts: 1 });
    b.store.addRecord(record(b, 7, { pointOfEntry: 'RS-KELEBIJA' }));
    const fromB = exportTrendBundle(b.store, b.id, options);
    expect(fromB).toMatchObject({ records: 7, alerts: 1, withoutProof: 0 });
    const decoded = decodeBundle(fromB.bundle, (s) => (s === b.id.station ? b.id.publicKey : s === a.id.station ? a.id.publicKey : undefined));
    expect(decoded.refused).toEqual([]);
    expect(decoded.proofs.map((p) => p.station).sort()).toEqual([a.id.station, b.id.station].sort());

    const d = station('d', a, b);
    expect(importInto(d, fromB.bundle)).toMatchObject({ applied: true, addedRecords: 7, addedAlerts: 1 });
    expect(d.store.getAlert(alertOfA.id)).toEqual(alertOfA);
    expect(shownAlerts(d)).toEqual(['Dull emblem']);
    // And on again from D to E: proofs travel with the items they cover.
    const e = station('e', a, b, d);
    expect(importInto(e, exportTrendBundle(d.store, d.id, options).bundle)).toMatchObject({ applied: true, addedRecords: 7, addedAlerts: 1 });
    // A station that trusts B but not A refuses the bundle whole: A's items are not B's to vouch for.
    const f = station('f', b);
    expect(importInto(f, fromB.bundle)).toMatchObject({ applied: false, error: { fault: 'unknown-origin' } });
    expect(rowCounts(f.store.db).trend_records).toBe(0);
  });

  it('refuses an item B altered on the way, even under A’s genuine proof', () => {
    const [section] = ownSections([item(record(a, 1))], a.id);
    const { id: _id, ...content } = { ...record(a, 1), fraudType: 'counterfeit' as const };
    const altered = { ...content, id: contentId(content) };
    const bundle = encodeBundleSections([{ proof: section!.proof, items: [item(altered)] }], b.id, options);
    expect(importInto(c, bundle)).toMatchObject({ applied: false, error: { fault: 'unproven-origin' } });
  });

  it('passes on a subset internationally: kept records under A’s proof, coarsened ones as B’s own', () => {
    const international = exportTrendBundle(b.store, b.id, { scope: 'international', k: 3, since: null });
    // A's four RS-BATROVCI records form a cell of at least k; A's two RS-HORGOS records and B's
    // record are pooled at country level as B's, three together.
    expect(international).toMatchObject({ records: 7, coarsened: 3, suppressed: 0, withoutProof: 0 });
    const g = station('g', a, b);
    expect(importInto(g, international.bundle)).toMatchObject({ applied: true, addedRecords: 7 });
    const stations = g.store.db.prepare("SELECT station, point_of_entry FROM trend_records ORDER BY point_of_entry").all() as { station: string; point_of_entry: string }[];
    expect(stations.filter((r) => r.point_of_entry === 'RS-BATROVCI').every((r) => r.station === a.id.station)).toBe(true);
    expect(stations.filter((r) => r.point_of_entry === 'SRB').map((r) => r.station)).toEqual([b.id.station, b.id.station, b.id.station]);
  });

  it('leaves out, and counts, items received before proofs existed', () => {
    const h = station('h');
    // Held as an older version stored them: received from A, with no proof kept.
    h.store.transaction(() => h.store.insertItems([item(record(a, 50))], a.id.station));
    h.store.addRecord(record(h, 1));
    expect(exportTrendBundle(h.store, h.id, options)).toMatchObject({ records: 1, withoutProof: 1 });
  });

  it('applies the same rule at the hub', async () => {
    const hub = await openHub();
    await hub.addTrust(b.id.publicKey, 'Station B', 'admin');
    const { id: _id, ...content } = makeAlert(a.id.station, { title: 'Dull emblem', week: WEEK, validUntilWeek: '2026-W39', supersedes: alertOfA.id });
    const forged = encodeBundle([item({ ...content, id: contentId(content) })], b.id, options);
    await expect(ingestBundle(hub, forged, b.id.station)).rejects.toMatchObject({ category: 'bad-input', fault: 'unproven-origin' });
    const forward = exportTrendBundle(b.store, b.id, options).bundle;
    // A is not a member yet: its proof names a station the hub does not trust.
    await expect(ingestBundle(hub, forward, b.id.station)).rejects.toMatchObject({ category: 'bad-input', fault: 'unknown-origin' });
    const lines = [{ type: 'origin', origin: { ...proofToJson(signOrigin(a.id, [alertOfA.id])[0]!), signature: 'A'.repeat(86) + '==' } }, item(alertOfA)];
    await hub.addTrust(a.id.publicKey, 'Station A', 'admin');
    await expect(ingestBundle(hub, signedBundleOfLines(b.id, lines), b.id.station)).rejects.toMatchObject({ category: 'bad-input', fault: 'bad-origin-signature' });
    await expect(ingestBundle(hub, forward, b.id.station)).resolves.toMatchObject({ status: 'stored', records: { added: 7 }, alerts: { added: 1 } });
    expect((await hub.tableCounts()).hub_records).toBe(7);
  });
});
