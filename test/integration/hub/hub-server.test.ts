// The hub over real HTTP with real signed requests, on both databases: push, pull pages, idempotent
// re-push, authentication failures, size limits, hostile bundles, and station sync (resume after an
// interruption, a station offline for months catching up, re-running changes nothing).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { BundleItem } from '../../../electron/contract/trends.contract';
import { decodeBundle } from '../../../electron/exchange/bundle-codec';
import type { StationIdentity } from '../../../electron/trust/station-identity';
import { HubClient, HubClientError } from '../../../electron/trends/hub-client';
import { startHubServer, type HubServer } from '../../../electron/hub/hub-server';
import type { HubStore } from '../../../electron/hub/hub-store';
import { syncWithHub, type StationExport } from '../../../electron/trends/hub-sync';
import { signRequest } from '../../../electron/exchange/request-signing';
import { MemorySyncState } from '../../../electron/trends/hub-sync-state';
import { decompressionBomb, signedBundleOfLines } from '../../helpers/hostile-bundles';
import { STORE_KINDS, useHubStores } from '../../helpers/hub-stores';
import { useTempDir } from '../../helpers/temp-dir';
import { makeRecord, newIdentity, recordBundle } from '../../helpers/trend-fixtures';

interface RawAnswer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function raw(server: HubServer, method: string, path: string, headers: Record<string, string>, body: Buffer = Buffer.alloc(0)): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers: { ...headers, 'Content-Length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function failure(p: Promise<unknown>): Promise<{ status: number; fault: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HubClientError) return { status: e.status, fault: e.fault };
    throw e;
  }
  throw new Error('expected the hub to refuse');
}

/** A station: its key, the bundles it made, and what it imported from the hub. */
function station(name: string) {
  const identity = newIdentity();
  const made: Buffer[] = [];
  const imported = new Map<string, BundleItem>();
  return {
    name,
    identity,
    made,
    imported,
    state: new MemorySyncState(),
    /** Exports every bundle made after the mark (the mark = how many were pushed). */
    async exportSince(mark: string | null): Promise<StationExport> {
      return { bundles: made.slice(Number(mark ?? 0)), mark: String(made.length) };
    },
  };
}

async function setUp(open: () => Promise<HubStore>, members: StationIdentity[], maxBundleBytes?: number): Promise<{ store: HubStore; server: HubServer }> {
  const store = await open();
  for (const m of members) await store.addTrust(m.publicKey, `station ${m.station.slice(0, 4)}`, 'admin');
  const server = await startHubServer({ store, ...(maxBundleBytes ? { maxBundleBytes } : {}) });
  return { store, server };
}

describe.each(STORE_KINDS)('hub server on %s', (kind) => {
  const open = useHubStores(kind);

  it('takes pushes, answers pulls in pages and refuses what it must with clear errors', async () => {
    const a = newIdentity();
    const outsider = newIdentity();
    const { store, server } = await setUp(open, [a], 64 * 1024);
    try {
      const client = new HubClient(server.url, a);
      const health = await raw(server, 'GET', '/v1/health', {});
      expect(JSON.parse(health.body)).toEqual({ status: 'ok', database: kind, dashboardTables: { current: true } });
      expect(health.headers['content-security-policy']).toContain("default-src 'self'");

      const bundles = [recordBundle(a, 0, 10), recordBundle(a, 10, 10), recordBundle(a, 20, 10)];
      const first = await client.push(bundles[0]!);
      expect(first).toMatchObject({ status: 'stored', seq: 1, records: { added: 10, duplicates: 0 } });
      expect(await client.push(bundles[0]!)).toMatchObject({ status: 'already-have', seq: 1 });
      await client.push(bundles[1]!);
      await client.push(bundles[2]!);

      const page1 = await client.listBundles(0, 2);
      expect(page1.bundles.map((b) => b.seq)).toEqual([1, 2]);
      expect(page1).toMatchObject({ next: 2, more: true });
      const page2 = await client.listBundles(page1.next, 2);
      expect(page2.bundles.map((b) => b.seq)).toEqual([3]);
      expect(page2.more).toBe(false);
      expect((await client.fetchBundle(page2.bundles[0]!.sha256)).equals(bundles[2]!)).toBe(true);
      expect(await client.members()).toEqual([{ station: a.station, publicKey: a.publicKey, name: `station ${a.station.slice(0, 4)}` }]);
      expect(await failure(client.send('GET', '/v1/bundles/..%2F..%2Fetc%2Fpasswd'))).toEqual({ status: 400, fault: 'bad-id' });
      expect(await failure(client.fetchBundle('0'.repeat(64)))).toEqual({ status: 404, fault: 'not-found' });
      expect(await failure(client.send('GET', '/v1/bundles?after=-1'))).toMatchObject({ status: 400, fault: 'bad-query' });

      // The dashboard's tables follow the pushes in the background, without a dashboard request.
      await vi.waitFor(async () => expect(await store.pendingAggregation()).toBeUndefined(), { timeout: 10_000, interval: 20 });
      expect(JSON.parse((await raw(server, 'GET', '/v1/health', {})).body).dashboardTables).toEqual({ current: true });
      const [facts] = await store.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM hub_facts');
      expect(Number(facts!.n)).toBe(30);

      // Authentication.
      const before = await store.tableCounts();
      expect(await failure(new HubClient(server.url, outsider).push(recordBundle(outsider, 0, 1)))).toEqual({ status: 401, fault: 'unknown-station' });
      expect((await raw(server, 'GET', '/v1/bundles', {})).status).toBe(401);
      const forged = signRequest(a, 'GET', '/v1/bundles?after=0&limit=5');
      expect(JSON.parse((await raw(server, 'GET', '/v1/bundles?after=0&limit=50', forged)).body).error.fault).toBe('bad-signature');
      const once = signRequest(a, 'GET', '/v1/trust');
      expect((await raw(server, 'GET', '/v1/trust', once)).status).toBe(200);
      const replay = await raw(server, 'GET', '/v1/trust', once);
      expect([replay.status, JSON.parse(replay.body).error.fault]).toEqual([401, 'replay']);
      const stale = signRequest(a, 'GET', '/v1/trust', Buffer.alloc(0), Date.now() - 6 * 60 * 1000);
      expect(JSON.parse((await raw(server, 'GET', '/v1/trust', stale)).body).error.fault).toBe('clock-skew');
      // A body other than the signed one.
      const bundle = recordBundle(a, 100, 1);
      const signedForOther = signRequest(a, 'POST', '/v1/bundles', recordBundle(a, 200, 1));
      expect(JSON.parse((await raw(server, 'POST', '/v1/bundles', signedForOther, bundle)).body).error.fault).toBe('bad-signature');

      // Size limit (64 KB on this hub), then hostile bundles: 400 with the fault, nothing stored.
      const big = signedBundleOfLines(a, [{ type: 'record', record: { ...makeRecord(a.station, 1), notes: randomBytes(50_000).toString('hex') } }]);
      expect(await failure(client.push(Buffer.concat([big, big])))).toEqual({ status: 413, fault: 'too-large' });
      expect(await failure(client.push(bundle.subarray(0, bundle.length - 5)))).toEqual({ status: 400, fault: 'truncated' });
      expect(await failure(client.push(signedBundleOfLines(a, [{ type: 'record', record: { ...makeRecord(a.station, 1), documentNumber: 'L898902C3' } }])))).toEqual({
        status: 400,
        fault: 'refused-lines',
      });
      expect(await failure(client.push(recordBundle(outsider, 0, 1)))).toEqual({ status: 400, fault: 'unknown-signer' });
      const bombHub = await startHubServer({ store });
      try {
        expect(await failure(new HubClient(bombHub.url, a).push(decompressionBomb(a)))).toEqual({ status: 400, fault: 'decompression-bomb' });
      } finally {
        await bombHub.close();
      }
      expect(await store.tableCounts()).toEqual(before);
      // A revoked station is locked out at once.
      await store.revokeTrust(a.station, 'admin');
      expect(await failure(client.listBundles(0, 1))).toEqual({ status: 401, fault: 'unknown-station' });
    } finally {
      await server.close();
    }
  });

  it('syncs stations: resumes after an interruption, catches up after months offline, and re-running moves nothing', async () => {
    const a = station('A');
    const b = station('B');
    const c = station('C');
    const { server } = await setUp(open, [a.identity, b.identity, c.identity]);
    try {
      const members = new Map<string, string>([a, b, c].map((s) => [s.identity.station, s.identity.publicKey]));
      const sync = (s: ReturnType<typeof station>, opts: { failAfter?: number; pageSize?: number } = {}) => {
        let imports = 0;
        return syncWithHub({
          client: new HubClient(server.url, s.identity),
          state: s.state,
          exportSince: (mark) => s.exportSince(mark),
          pageSize: opts.pageSize ?? 100,
          async importBundle(bytes) {
            if (opts.failAfter !== undefined && imports >= opts.failAfter) throw new Error('network lost');
            imports++;
            const decoded = decodeBundle(bytes, (id) => members.get(id));
            for (const item of decoded.items) s.imported.set(item.type === 'record' ? item.record.id : item.alert.id, item);
          },
        });
      };

      // A records 3 weeks of findings; B and C record one each. All push.
      for (let w = 0; w < 3; w++) a.made.push(recordBundle(a.identity, w * 5, 5, { week: `2026-W${30 + w}` }));
      b.made.push(recordBundle(b.identity, 0, 4));
      expect(await sync(a)).toMatchObject({ pushed: 3, pulled: 0, skippedOwn: 3, cursor: 3 });
      // B's pull is cut after the first foreign bundle: the cursor keeps what was imported.
      await expect(sync(b, { failAfter: 1 })).rejects.toThrow(/network lost/);
      expect((await b.state.load()).cursor).toBe(1);
      expect(b.imported.size).toBe(5);
      expect(await sync(b)).toMatchObject({ pushed: 0, pulled: 2, skippedOwn: 1, cursor: 4 });
      expect(b.imported.size).toBe(15);
      // Nothing new: re-running pushes and pulls nothing.
      expect(await sync(b)).toEqual({ pushed: 0, alreadyOnHub: 0, pulled: 0, skippedOwn: 0, cursor: 4 });

      // C is offline while A keeps pushing for months (a bundle a week), then catches up in pages.
      for (let w = 0; w < 40; w++) {
        a.made.push(recordBundle(a.identity, 1000 + w * 3, 3, { week: `2026-W${String(1 + (w % 52)).padStart(2, '0')}` }));
        await sync(a);
      }
      c.made.push(recordBundle(c.identity, 0, 2));
      const caughtUp = await sync(c, { pageSize: 7 });
      expect(caughtUp).toMatchObject({ pushed: 1, pulled: 44, skippedOwn: 1, cursor: 45 });
      expect(c.imported.size).toBe(15 + 4 + 120);
      expect(await sync(c, { pageSize: 7 })).toMatchObject({ pushed: 0, pulled: 0, cursor: 45 });
      // A lost its push mark (reinstalled state): re-pushing is answered "already have".
      a.state = new MemorySyncState();
      const repush = await sync(a);
      expect(repush).toMatchObject({ pushed: 0, alreadyOnHub: 43 });
    } finally {
      await server.close();
    }
  });

  it('serves dashboard data to a browser only after the printed token was exchanged for a cookie', async () => {
    const a = newIdentity();
    const { server } = await setUp(open, [a]);
    try {
      await new HubClient(server.url, a).push(recordBundle(a, 0, 3));
      expect((await raw(server, 'GET', '/v1/trends/summary', {})).status).toBe(401);
      expect((await raw(server, 'GET', '/?token=wrong', {})).status).toBe(401);
      const exchange = await raw(server, 'GET', `/?token=${server.token}`, {});
      expect(exchange.status).toBe(303);
      const cookie = String(exchange.headers['set-cookie']).split(';')[0]!;
      expect(String(exchange.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
      const summary = await raw(server, 'GET', '/v1/trends/summary?fraudType=forged-photo-substitution', { Cookie: cookie });
      expect(JSON.parse(summary.body).total).toBe(3);
      const csv = await raw(server, 'GET', '/v1/trends/records.csv', { Cookie: cookie });
      expect(csv.body.trimEnd().split('\r\n')).toHaveLength(4);
      expect((await raw(server, 'GET', '/v1/trends/summary?issuer=../../x', { Cookie: cookie })).status).toBe(400);
      // Push and pull stay station-only.
      expect((await raw(server, 'GET', '/v1/bundles', { Cookie: cookie })).status).toBe(401);
    } finally {
      await server.close();
    }
  });
});

const opensslMissing = !existsSync('/usr/bin/openssl');
if (opensslMissing) console.warn('Hub HTTPS test skipped: /usr/bin/openssl is not installed to make its test certificate (scripts/install-system-packages.sh installs it).');

describe.skipIf(opensslMissing)('hub server over HTTPS', () => {
  const dir = useTempDir('loupe-hub-tls-');
  const open = useHubStores('sqlite');

  it('serves signed requests over TLS with the given certificate', async () => {
    const key = join(dir, 'hub.key');
    const cert = join(dir, 'hub.crt');
    execFileSync('/usr/bin/openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const a = newIdentity();
    const store = await open();
    await store.addTrust(a.publicKey, 'Batrovci', 'admin');
    const server = await startHubServer({ store, tls: { cert: readFileSync(cert), key: readFileSync(key) } });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:/);
      const client = new HubClient(server.url, a, { ca: readFileSync(cert) });
      expect(await client.push(recordBundle(a, 0, 2))).toMatchObject({ status: 'stored', seq: 1 });
      await expect(new HubClient(server.url, a).listBundles(0, 10)).rejects.toThrow(/self.signed|certificate/i);
    } finally {
      await server.close();
    }
  });
});
