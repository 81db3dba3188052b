// The hub dashboard's current expert alerts, on SQLite and PostgreSQL: expired and superseded alerts
// are left out (superseded only by the same station), hotspot labels and the publishing station's
// country are shown, nothing else of the alert leaves (no crops), and the route serves them to the
// dashboard cookie and to signed station requests only.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { currentAlerts } from '../../../electron/hub/hub-alert-queries';
import { HubClient } from '../../../electron/trends/hub-client';
import { ingestBundle } from '../../../electron/hub/hub-ingest';
import { HUB_COOKIE, startHubServer } from '../../../electron/hub/hub-server';
import { makeAlert } from '../../helpers/hub-alerts';
import { STORE_KINDS, useHubStores } from '../../helpers/hub-stores';
import { bundleOf, newIdentity } from '../../helpers/trend-fixtures';

// 2026-10-07 is in ISO week 2026-W41.
const NOW = new Date('2026-10-07T12:00:00Z');

function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    })
      .on('error', reject)
      .end();
  });
}

describe.each(STORE_KINDS)('hub expert alerts on %s', (kind) => {
  const open = useHubStores(kind);

  it('lists the current alerts only, newest first, with hotspot labels and country', async () => {
    const a = newIdentity();
    const b = newIdentity();
    const store = await open();
    await store.addTrust(a.publicKey, 'Batrovci', 'admin');
    await store.addTrust(b.publicKey, 'Ljubljana', 'admin');
    const uv = { light: 'uv' as const, x: 10, y: 20, w: 30, h: 40, label: 'UV emblem' };
    const guilloche = { light: 'white' as const, x: 1, y: 2, w: 3, h: 4, label: 'Guilloche' };
    const old = makeAlert(a.station, { title: 'First warning', week: '2026-W30' });
    const correction = makeAlert(a.station, { title: 'Corrected warning', week: '2026-W35', supersedes: old.id, hotspots: [uv, guilloche, uv], withCrop: true });
    const expired = makeAlert(a.station, { title: 'Last summer', week: '2026-W20', validUntilWeek: '2026-W40' });
    const lastWeek = makeAlert(a.station, { title: 'Shown through this week', week: '2026-W38', validUntilWeek: '2026-W41', fraudType: 'stolen-blank', issuer: null, series: null });
    // Another station cannot retire A's alert.
    const foreign = makeAlert(b.station, { title: 'Attempt to hide', week: '2026-W39', supersedes: lastWeek.id, country: 'SVN' });
    await ingestBundle(store, bundleOf(a, [old, correction, expired, lastWeek].map((alert) => ({ type: 'alert' as const, alert }))), a.station);
    await ingestBundle(store, bundleOf(b, [{ type: 'alert', alert: foreign }]), b.station);

    const { week, alerts } = await currentAlerts(store, NOW);
    expect(week).toBe('2026-W41');
    expect(alerts.map((x) => x.title)).toEqual(['Attempt to hide', 'Shown through this week', 'Corrected warning']);
    expect(alerts[2]).toEqual({
      id: correction.id,
      station: a.station,
      country: 'SRB',
      documentClassId: 'uto-passport-2019',
      issuer: 'UTO',
      documentType: 'Passport',
      series: '2019',
      fraudType: 'counterfeit',
      title: 'Corrected warning',
      lookFor: 'Guilloche lines broken under the photo; UV emblem missing',
      hotspots: ['UV emblem', 'Guilloche'],
      // Published without a scope: shown on its own issuer, type and series, as stations do.
      scope: { kind: 'documents', issuers: ['UTO'], documentTypes: ['Passport'], series: ['2019'] },
      week: '2026-W35',
      validUntilWeek: null,
    });
    expect(alerts[1]).toMatchObject({ issuer: null, series: null, validUntilWeek: '2026-W41', fraudType: 'stolen-blank' });
    expect(alerts[0]).toMatchObject({ country: 'SVN', station: b.station });
    // The following week, the alert shown through W41 has expired.
    expect((await currentAlerts(store, new Date('2026-10-14T12:00:00Z'))).alerts.map((x) => x.title)).toEqual(['Attempt to hide', 'Corrected warning']);

    const server = await startHubServer({ store, now: () => NOW.getTime() });
    try {
      const url = `${server.url}/v1/trends/alerts`;
      expect((await get(url, {})).status).toBe(401);
      const answer = await get(url, { Cookie: `${HUB_COOKIE}=${server.token}` });
      expect(answer.status).toBe(200);
      const body = JSON.parse(answer.body) as { week: string; alerts: Record<string, unknown>[] };
      expect(body.alerts.map((x) => x.title)).toEqual(['Attempt to hide', 'Shown through this week', 'Corrected warning']);
      // No crops or other alert content: a fixed list of fields.
      for (const x of body.alerts) expect(Object.keys(x).sort()).toEqual(['country', 'documentClassId', 'documentType', 'fraudType', 'hotspots', 'id', 'issuer', 'lookFor', 'scope', 'series', 'station', 'title', 'validUntilWeek', 'week']);
      expect(answer.body).not.toContain('iVBORw0KGgo');
      expect((await get(`${url}?issuer=uto`, { Cookie: `${HUB_COOKIE}=${server.token}` })).status).toBe(400);
      expect((await get(`${url}?week=2026-W41`, { Cookie: `${HUB_COOKIE}=${server.token}` })).status).toBe(400);
    } finally {
      await server.close();
    }
    // A signed station request is answered too (as of the real clock, which signatures are checked against).
    const live = await startHubServer({ store });
    try {
      const signed = JSON.parse((await new HubClient(live.url, a).send('GET', '/v1/trends/alerts')).toString('utf8')) as { alerts: { title: string }[] };
      expect(signed.alerts.map((x) => x.title)).toContain('Corrected warning');
    } finally {
      await live.close();
    }
  });

  it('serves each alert with its scope and, for a document, only the alerts a station shows on it', async () => {
    const a = newIdentity();
    const store = await open();
    await store.addTrust(a.publicKey, 'Batrovci', 'admin');
    const old = makeAlert(a.station, { title: 'Old, unscoped', week: '2026-W39', issuer: null, documentType: 'Passport (specimen design aurora-td3)', series: '2024' });
    const swedish = makeAlert(a.station, { title: 'SWE passports', week: '2026-W40', scope: { kind: 'documents', issuers: ['SWE'], documentTypes: [], series: [] } });
    const nordic = makeAlert(a.station, { title: 'SWE and NOR, series 2024', week: '2026-W40', scope: { kind: 'documents', issuers: ['SWE', 'NOR'], documentTypes: [], series: ['2024'] } });
    const regional = makeAlert(a.station, { title: 'Every document', week: '2026-W41', scope: { kind: 'regional' } });
    await ingestBundle(store, bundleOf(a, [old, swedish, nordic, regional].map((alert) => ({ type: 'alert' as const, alert }))), a.station);
    const titles = async (document?: { issuer: string | null; documentType: string | null; series: string | null }) => (await currentAlerts(store, NOW, undefined, document)).alerts.map((x) => x.title).sort();
    expect(await titles()).toEqual(['Every document', 'Old, unscoped', 'SWE and NOR, series 2024', 'SWE passports']);
    const phl = { issuer: 'PHL', documentType: 'Passport (specimen design aurora-td3)', series: '2024' };
    expect(await titles(phl)).toEqual(['Every document', 'Old, unscoped']);
    expect(await titles({ ...phl, issuer: 'NOR' })).toEqual(['Every document', 'Old, unscoped', 'SWE and NOR, series 2024']);
    expect(await titles({ ...phl, issuer: 'SWE', series: '2019' })).toEqual(['Every document', 'SWE passports']);
    expect((await currentAlerts(store, NOW)).alerts.find((x) => x.title === 'Every document')?.scope).toEqual({ kind: 'regional' });
    const server = await startHubServer({ store, now: () => NOW.getTime() });
    try {
      const answer = await get(`${server.url}/v1/trends/alerts?issuer=NOR&series=2024`, { Cookie: `${HUB_COOKIE}=${server.token}` });
      expect(answer.status).toBe(200);
      expect((JSON.parse(answer.body) as { alerts: { title: string }[] }).alerts.map((x) => x.title).sort()).toEqual(['Every document', 'SWE and NOR, series 2024']);
    } finally {
      await server.close();
    }
  });
});
