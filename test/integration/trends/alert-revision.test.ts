// Replacing and withdrawing expert alerts through the service, on real station databases, a signed
// bundle to a second station, and the regional hub (SQLite): the banner's query shows only the
// newest version and nothing after a withdrawal; a withdrawal is never shown as an alert; the
// refusals (another station's alert, a superseded one, a withdrawal, a replacement that says the
// same) change nothing; and an alert of one station cannot be hidden by another station.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hotspot } from '../../../electron/contract/trends.contract';
import { encodeBundle } from '../../../electron/exchange/bundle-codec';
import { contentId } from '../../../electron/exchange/canonical-json';
import { currentAlerts } from '../../../electron/hub/hub-alert-queries';
import { ingestBundle } from '../../../electron/hub/hub-ingest';
import { builtinReferenceDir, openReferenceLibrary, userReferenceDir } from '../../../electron/reference';
import { isWithdrawal } from '../../../electron/trends/alert-standing';
import type { StationTrendStore } from '../../helpers/station-trends';
import type { AlertInput, TrendsService } from '../../../electron/trends/trends.service';
import { makeAlert } from '../../helpers/hub-alerts';
import { useHubStores } from '../../helpers/hub-stores';
import { newIdentity } from '../../helpers/trend-fixtures';
import { useTempDir } from '../../helpers/temp-dir';
import { trendsWithoutExaminations } from '../../helpers/trend-service';
import { trustForTrends, importAtStation } from '../../helpers/station-trends';

const dir = useTempDir('loupe-alert-revision-');
// 2026-11-02 is in ISO week 2026-W45.
const NOW = new Date('2026-11-02T10:00:00Z');
const CLASS = 'aurora-td3';
const openHub = useHubStores('sqlite');

const stores: StationTrendStore[] = [];
function station(name: string): { store: StationTrendStore; trends: TrendsService } {
  const dataDir = join(dir, name);
  const library = openReferenceLibrary({ builtinDir: builtinReferenceDir(), userDir: userReferenceDir(dataDir) });
  const made = trendsWithoutExaminations(dataDir, { referenceClass: (id) => library.find(id)?.cls ?? null, now: () => NOW });
  stores.push(made.store);
  return made;
}

let a: ReturnType<typeof station>;
let emblem: Hotspot;
const alertCount = (s: StationTrendStore) => s.db.prepare('SELECT count(*) FROM expert_alerts').pluck().get();
const shown = (t: TrendsService) => t.alertsForClass(CLASS).map((x) => x.title);

beforeAll(() => {
  a = station('a');
  const library = openReferenceLibrary({ builtinDir: builtinReferenceDir(), userDir: userReferenceDir(join(dir, 'a')) });
  const zone = library.find(CLASS)!.cls.zones.find((z) => z.id === 'uv-emblem')!;
  emblem = { light: 'uv', x: Math.round(zone.box.x), y: Math.round(zone.box.y), w: Math.round(zone.box.w), h: Math.round(zone.box.h), label: zone.label };
});
afterAll(() => stores.forEach((s) => s.close()));

const input = (over: Partial<AlertInput> = {}): AlertInput => ({
  documentClassId: CLASS,
  fraudType: 'counterfeit',
  title: 'Dull emblem',
  lookFor: 'The emblem barely glows under UV.',
  hotspots: [emblem],
  examinationId: null,
  cropZoneIds: [],
  validUntilWeek: null,
  ...over,
});

describe('replacing and withdrawing an expert alert', () => {
  it('replaces an alert: the banner shows only the new version, the old one stays stored', async () => {
    const first = await a.trends.publishAlert(input());
    expect(shown(a.trends)).toEqual(['Dull emblem']);
    const second = await a.trends.replaceAlert({ ...input({ title: 'Dull emblem, sharp edges', validUntilWeek: '2026-W52' }), replaces: first.id, keepCrops: [] });
    expect(second).toMatchObject({ supersedes: first.id, week: '2026-W45', validUntilWeek: '2026-W52', station: first.station, hotspots: [emblem] });
    expect(shown(a.trends)).toEqual(['Dull emblem, sharp edges']);
    expect(a.trends.ownAlerts().map((x) => x.id)).toEqual([second.id]);
    expect(a.trends.listAlerts().map((x) => x.id)).toEqual([second.id]);
    expect(a.store.getAlert(first.id)).toEqual(first);
  });

  it('refuses a superseded version, a replacement that says the same, a past last week and unknown crops, and changes nothing', async () => {
    const [current] = a.trends.ownAlerts();
    const first = current!.supersedes!;
    const before = alertCount(a.store);
    const same = { ...input({ title: current!.title, validUntilWeek: current!.validUntilWeek }), replaces: current!.id, keepCrops: [] };
    await expect(a.trends.replaceAlert(same)).rejects.toThrow(/says the same as the alert/);
    await expect(a.trends.replaceAlert({ ...same, replaces: first, title: 'Another' })).rejects.toThrow(/already replaced \(by alert [0-9a-f]{12}…\): replace or withdraw the newest version/);
    expect(() => a.trends.withdrawAlert(first)).toThrow(/already replaced/);
    await expect(a.trends.replaceAlert({ ...same, title: 'Another', validUntilWeek: '2026-W44' })).rejects.toThrow(/last week shown \(2026-W44\) is already past/);
    await expect(a.trends.publishAlert(input({ validUntilWeek: '2026-W01' }))).rejects.toThrow(/already past/);
    await expect(a.trends.replaceAlert({ ...same, title: 'Another', keepCrops: [0] })).rejects.toThrow(/no crop 1 to keep/);
    await expect(a.trends.replaceAlert({ ...same, replaces: 'e'.repeat(64) })).rejects.toThrow(/not held here/);
    expect(alertCount(a.store)).toBe(before);
  });

  it('keeps the crops chosen from the replaced alert, only for its class', async () => {
    const station = a.trends.identity().station;
    // An alert with two crops, as a publish with an examination would have made it.
    const { id: _id, ...content } = makeAlert(station, { title: 'Cropped', week: '2026-W45', withCrop: true });
    const twoCrops = { ...content, documentClassId: CLASS, crops: [content.crops[0]!, { ...content.crops[0]!, zoneId: 'pattern', label: 'Pattern' }] };
    const stored = { ...twoCrops, id: contentId(twoCrops) };
    a.store.addAlert(stored);
    await expect(a.trends.replaceAlert({ ...input({ documentClassId: 'meridian-td3', hotspots: [], title: 'Cropped' }), replaces: stored.id, keepCrops: [1] })).rejects.toThrow(/crops show class aurora-td3/);
    const next = await a.trends.replaceAlert({ ...input({ title: 'Cropped, one kept', hotspots: [] }), replaces: stored.id, keepCrops: [1] });
    expect(next.crops.map((c) => c.zoneId)).toEqual(['pattern']);
    a.trends.withdrawAlert(next.id);
    expect(shown(a.trends)).toEqual(['Dull emblem, sharp edges']);
  });

  it('carries the replacement in the bundle: a second station shows only it', () => {
    const b = station('b');
    trustForTrends(b.store, 'Station A', a.trends.identity().publicKey);
    const { bundle } = a.trends.exportBundle({ since: null, scope: 'national', k: null });
    expect(importAtStation(b.store, bundle)).toMatchObject({ applied: true });
    expect(shown(b.trends)).toEqual(['Dull emblem, sharp edges']);
    // B cannot revise A's alert.
    const [received] = b.trends.alertsForClass(CLASS);
    expect(() => b.trends.withdrawAlert(received!.id)).toThrow(/published by station [0-9a-f]{16}: only that station can replace or withdraw it/);
    expect(b.trends.ownAlerts()).toEqual([]);
  });

  it('withdraws an alert: shown nowhere, the withdrawal neither; a second station and the hub hide both', async () => {
    const [current] = a.trends.ownAlerts();
    const withdrawal = a.trends.withdrawAlert(current!.id);
    expect(withdrawal).toMatchObject({ supersedes: current!.id, week: '2026-W45', validUntilWeek: '2026-W44', hotspots: [], crops: [], title: current!.title });
    expect(isWithdrawal(withdrawal)).toBe(true);
    expect(shown(a.trends)).toEqual([]);
    expect(a.trends.ownAlerts()).toEqual([]);
    expect(a.trends.listAlerts()).toEqual([]);
    // Nothing left to withdraw or replace.
    expect(() => a.trends.withdrawAlert(current!.id)).toThrow(/already withdrawn/);
    expect(() => a.trends.withdrawAlert(withdrawal.id)).toThrow(/withdrawal of an alert, not an alert/);

    const { bundle } = a.trends.exportBundle({ since: null, scope: 'national', k: null });
    const c = station('c');
    trustForTrends(c.store, 'Station A', a.trends.identity().publicKey);
    expect(importAtStation(c.store, bundle)).toMatchObject({ applied: true });
    expect(shown(c.trends)).toEqual([]);
    expect(c.trends.listAlerts()).toEqual([]);
    // A clock still in the week before does not show the withdrawal either (it is "valid" until then).
    expect(c.store.currentAlerts('2026-W44', { classId: CLASS })).toEqual([]);

    // The withdrawal may arrive before the alert it withdraws (another path through the network).
    const d = station('d');
    const identity = a.trends.identity();
    trustForTrends(d.store, 'Station A', identity.publicKey);
    const reversed = encodeBundle([{ type: 'alert', alert: withdrawal }, { type: 'alert', alert: current! }], identity, { scope: 'national', k: null, since: null });
    expect(importAtStation(d.store, reversed)).toMatchObject({ applied: true, addedAlerts: 2 });
    expect(shown(d.trends)).toEqual([]);

    const hub = await openHub();
    await hub.addTrust(identity.publicKey, 'Station A', 'admin');
    await ingestBundle(hub, bundle, identity.station);
    expect((await hub.tableCounts()).hub_alerts).toBeGreaterThanOrEqual(6);
    expect((await currentAlerts(hub, NOW)).alerts).toEqual([]);
    expect((await currentAlerts(hub, new Date('2026-10-28T10:00:00Z'))).alerts).toEqual([]);
  });

  it('does not let one station hide another station’s alert', async () => {
    const e = station('e');
    const identity = a.trends.identity();
    const kept = await a.trends.publishAlert(input({ title: 'Blurred guilloche', hotspots: [] }));
    const partner = newIdentity();
    const attempt = makeAlert(partner.station, { title: 'Attempt to hide', week: '2026-W45', supersedes: kept.id });
    trustForTrends(e.store, 'Station A', identity.publicKey);
    trustForTrends(e.store, 'Partner', partner.publicKey);
    // Both orders: the foreign "replacement" first, then the alert, and the other way round.
    expect(importAtStation(e.store, encodeBundle([{ type: 'alert', alert: attempt }], partner, { scope: 'national', k: null, since: null })).applied).toBe(true);
    expect(importAtStation(e.store, encodeBundle([{ type: 'alert', alert: kept }], identity, { scope: 'national', k: null, since: null })).applied).toBe(true);
    expect(shown(e.trends)).toEqual(['Blurred guilloche']);
    expect(e.trends.listAlerts().map((x) => x.title).sort()).toEqual(['Attempt to hide', 'Blurred guilloche']);
    a.store.addAlert(attempt, partner.station);
    expect(shown(a.trends)).toEqual(['Blurred guilloche']);
    expect(a.trends.ownAlerts().map((x) => x.id)).toEqual([kept.id]);
  });
});
