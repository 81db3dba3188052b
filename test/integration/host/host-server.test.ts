// The loopback host over real HTTP with the real services (SQLite, device bridge, MRZ engine).
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExaminationSchema } from '../../../electron/contract/examination.contract';
import { startHost, type Host } from '../../../electron/host/host-server';
import { openStationStore } from '../../../electron/store';
import { useTempDir } from '../../helpers/temp-dir';

const dataDir = useTempDir('loupe-host-');
let host: Host;
let base: string;

beforeAll(async () => {
  host = await startHost({ dataDir });
  base = `http://127.0.0.1:${host.port}`;
});
afterAll(() => host.close());

async function call(channel: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-loupe-token': host.token, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** Raw request with a forged Host header (fetch does not allow setting it). */
function rawStatus(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, method: 'GET', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('loopback host security', () => {
  it('refuses requests without the per-run token', async () => {
    const res = await fetch(`${base}/api/invoke/app:info`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
  });

  it('exchanges the start-up URL token for an HTTP-only, same-site cookie', async () => {
    const res = await fetch(host.url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('set-cookie')).toMatch(/loupe_token=.+HttpOnly; SameSite=Strict/);
  });

  it('refuses a foreign Origin and a foreign Host (DNS rebinding) even with the token', async () => {
    const foreign = await fetch(`${base}/api/invoke/app:info`, { method: 'POST', headers: { 'x-loupe-token': host.token, origin: 'http://evil.example' }, body: '{}' });
    expect(foreign.status).toBe(403);
    expect(await rawStatus('/', { host: 'evil.example', 'x-loupe-token': host.token })).toBe(403);
  });

  it('validates every request against the contract', async () => {
    expect((await call('no:such', {})).status).toBe(400);
    const bad = await call('session:signIn', { name: '', badge: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.json.kind).toBe('InvalidInput');
    expect((await call('session:signIn', { name: 'A', badge: 'B', extra: 1 })).status).toBe(400);
  });

  it('never serves files outside its folders', async () => {
    const headers = { 'x-loupe-token': host.token };
    expect((await fetch(`${base}/images/..%2F..%2Fstation.sqlite`, { headers })).status).toBe(404);
    expect((await fetch(`${base}/reports/..%2Fstation.sqlite`, { headers })).status).toBe(404);
    expect((await fetch(`${base}/..%2F..%2Fpackage.json`, { headers })).status).toBe(404);
  });
});

describe('an examination through the host', () => {
  it('needs a signed-in officer, then scans, stores, decides and lists', async () => {
    expect((await call('examination:scan', { deviceId: 'virtual-scanner' })).status).toBe(401);
    await call('session:signIn', { name: 'Ana Petrović', badge: 'B-1701' });
    const scan = await call('examination:scan', { deviceId: 'virtual-scanner' });
    expect(scan.status).toBe(200);
    const exam = ExaminationSchema.parse(scan.json);
    expect(exam.officer.badge).toBe('B-1701');
    expect(exam.images.map((i) => i.light).sort()).toEqual(['ir', 'uv', 'white']);
    expect(exam.mrz?.valid).toBe(true);
    expect(exam.verdict.find((v) => v.layer === 'data-integrity')?.status).toBe('pass');
    expect(exam.verdict.find((v) => v.layer === 'bearer-match')?.status).toBe('not-performed');

    const img = await fetch(`${base}/images/${exam.images[0]!.hash}`, { headers: { 'x-loupe-token': host.token } });
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toMatch(/^image\//);

    const decided = await call('examination:decide', { id: exam.id, decision: { verdict: 'genuine', reasons: ['MRZ consistent'], notes: '' } });
    expect(decided.status).toBe(200);
    expect(ExaminationSchema.parse(decided.json).decision?.verdict).toBe('genuine');

    const list = await call('examination:list', { text: exam.document.issuer ?? '' });
    expect((list.json as unknown as { id: string }[]).some((s) => s.id === exam.id)).toBe(true);
  });

  it('records who did what in the append-only audit log', async () => {
    const store = openStationStore(dataDir);
    try {
      const actions = store.auditLog(50).map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['session.signIn', 'examination.create', 'examination.decide']));
    } finally {
      store.close();
    }
  });
});
