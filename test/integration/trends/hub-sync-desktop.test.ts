// "Sync now" as the desktop runs it (TrendsService.hubSync): the hub address and CA from the trend
// settings, a real hub server on a loopback port (SQLite, signed requests), progress events, the
// last result kept, and every way it can stop said as one fault: no address, nothing listening,
// station not on the hub's trust list, an untrusted certificate, http/https mixed up, a sync
// already running.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubSyncProgress } from '../../../electron/contract/hub-sync.contract';
import { HubClient } from '../../../electron/trends/hub-client';
import { startHubServer, type HubServer } from '../../../electron/hub/hub-server';
import { openSqliteHubStore } from '../../../electron/hub/sqlite-hub-store';
import type { HubStore } from '../../../electron/hub/hub-store';
import type { StationTrendStore } from '../../helpers/station-trends';
import type { TrendsService } from '../../../electron/trends/trends.service';
import { makeRecord, newIdentity, recordBundle } from '../../helpers/trend-fixtures';
import { useTempDir } from '../../helpers/temp-dir';
import { trendsWithoutExaminations } from '../../helpers/trend-service';

const dir = useTempDir('loupe-hub-sync-desktop-');
let hubStore: HubStore;
let hub: HubServer;
let store: StationTrendStore;
let trends: TrendsService;
const progress: HubSyncProgress[] = [];

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  hubStore = await openSqliteHubStore(join(dir, 'hub.sqlite'));
  hub = await startHubServer({ store: hubStore });
  const dataDir = join(dir, 'station');
  ({ store, trends } = trendsWithoutExaminations(dataDir, { emitSyncProgress: (p) => progress.push(p) }));
});
afterAll(async () => {
  await hub.close();
  await hubStore.close();
  store.close();
});

describe('sync with the hub from the desktop', () => {
  it('says when no hub is saved, and refuses an address that is not one', async () => {
    expect(await trends.hubSync({ adoptHubMembers: false })).toMatchObject({ ok: false, fault: 'no-hub', pushed: 0 });
    expect(() => trends.saveSettings({ hubUrl: 'ftp://hub.example' })).toThrow(/starts with https:\/\//);
    expect(() => trends.saveSettings({ hubCaPem: '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----' })).toThrow(/not a certificate in PEM form/);
    expect(trends.hubStatus()).toMatchObject({ hubUrl: null, ca: null, running: false });
  });

  it('says when nothing answers at the address', async () => {
    trends.saveSettings({ hubUrl: `http://127.0.0.1:${await closedPort()}` });
    const result = await trends.hubSync({ adoptHubMembers: false });
    expect(result).toMatchObject({ ok: false, fault: 'unreachable' });
    expect(result.detail).toMatch(/ECONNREFUSED/);
  });

  it('says when this station is not on the hub trust list', async () => {
    trends.saveSettings({ hubUrl: hub.url });
    store.addRecord(makeRecord(trends.identity().station, 1));
    const result = await trends.hubSync({ adoptHubMembers: false });
    expect(result).toMatchObject({ ok: false, fault: 'not-trusted', pushed: 0 });
    expect(result.detail).toMatch(/unknown-station|not an active member|unknown/i);
    expect(await hubStore.tableCounts()).toMatchObject({ hub_bundles: 0 });
  });

  it('pushes, pulls, reports progress and keeps the last result', async () => {
    await hubStore.addTrust(trends.identity().publicKey, 'This station', 'admin');
    // A partner station has pushed 4 records to the hub already.
    const partner = newIdentity();
    await hubStore.addTrust(partner.publicKey, 'Partner', 'admin');
    await new HubClient(hub.url, partner).push(recordBundle(partner, 100, 4));
    progress.length = 0;

    const result = await trends.hubSync({ adoptHubMembers: true });
    expect(result).toMatchObject({ ok: true, fault: null, hub: hub.url, pushed: 1, toPush: 1, pulled: 1, importedRecords: 4, adoptedMembers: 1 });
    expect(store.db.prepare('SELECT count(*) FROM trend_records').pluck().get()).toBe(5);
    // Progress: start, the push, the pull, done — with the counts so far.
    expect(progress[0]).toMatchObject({ stage: 'start', pushed: 0 });
    expect(progress.some((p) => p.stage === 'push' && p.pushed === 1)).toBe(true);
    expect(progress.some((p) => p.stage === 'pull' && p.pulled === 1 && p.importedRecords === 4)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ stage: 'done', pushed: 1, pulled: 1 });
    const status = trends.hubStatus();
    expect(status).toMatchObject({ hubUrl: hub.url, running: false, last: { ok: true, pushed: 1 }, lastSuccessAt: result.finishedAt });

    // Nothing new: nothing moves. Two clicks at once: the second is told a sync is running.
    const [again, second] = await Promise.all([trends.hubSync({ adoptHubMembers: false }), trends.hubSync({ adoptHubMembers: false })]);
    expect(again).toMatchObject({ ok: true, pushed: 0, pulled: 0 });
    expect(second).toMatchObject({ ok: false, fault: 'busy' });
  });

  it('keeps the time of the last successful sync after a failure', async () => {
    const lastSuccessAt = trends.hubStatus().lastSuccessAt;
    trends.saveSettings({ hubUrl: `http://127.0.0.1:${await closedPort()}` });
    expect(await trends.hubSync({ adoptHubMembers: false })).toMatchObject({ ok: false, fault: 'unreachable' });
    expect(trends.hubStatus()).toMatchObject({ last: { ok: false, fault: 'unreachable' }, lastSuccessAt });
  });

  it('says when an https address points at a plain-HTTP hub', async () => {
    trends.saveSettings({ hubUrl: hub.url.replace('http://', 'https://') });
    expect(await trends.hubSync({ adoptHubMembers: false })).toMatchObject({ ok: false, fault: 'protocol' });
  });
});

const opensslMissing = !existsSync('/usr/bin/openssl');
if (opensslMissing) console.warn('Desktop HTTPS sync test skipped: /usr/bin/openssl is not installed to make its test certificate (scripts/install-system-packages.sh installs it).');

describe.skipIf(opensslMissing)('sync with an HTTPS hub behind its own certificate', () => {
  it('says the certificate is not trusted, then syncs once its CA file is saved', async () => {
    const key = join(dir, 'hub.key');
    const cert = join(dir, 'hub.crt');
    execFileSync('/usr/bin/openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const tls = await startHubServer({ store: hubStore, tls: { cert: readFileSync(cert), key: readFileSync(key) } });
    try {
      trends.saveSettings({ hubUrl: tls.url, hubCaPem: null });
      const refused = await trends.hubSync({ adoptHubMembers: false });
      expect(refused).toMatchObject({ ok: false, fault: 'certificate' });
      expect(refused.detail).toMatch(/self.signed|certificate/i);
      // The http address of an HTTPS hub is a protocol mix-up too.
      trends.saveSettings({ hubUrl: tls.url.replace('https://', 'http://') });
      expect(await trends.hubSync({ adoptHubMembers: false })).toMatchObject({ ok: false, fault: 'protocol' });

      trends.saveSettings({ hubUrl: tls.url, hubCaPem: readFileSync(cert, 'utf8') });
      expect(trends.hubStatus().ca).toMatchObject({ subject: expect.stringContaining('CN=127.0.0.1'), fingerprint: expect.stringMatching(/^[0-9A-F:]+$/) });
      // A new hub address: a new cursor, so every bundle is walked again and held ones are skipped.
      expect(await trends.hubSync({ adoptHubMembers: false })).toMatchObject({ ok: true, fault: null, importedRecords: 0 });
    } finally {
      await tls.close();
    }
  });
});
