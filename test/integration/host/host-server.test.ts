// The loopback host over real HTTP with the real services (SQLite, device bridge, MRZ engine).
import { request as httpRequest, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExaminationSchema } from '../../../electron/contract/examination.contract';
import { MAX_EVENT_STREAMS, startHost, type Host } from '../../../electron/host/host-server';
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

/** Opens GET /api/events on its own socket; resolves once the status line has arrived. */
function openStream(): Promise<{ status: number; req: ClientRequest; body: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path: '/api/events', method: 'GET', agent: false, headers: { 'x-loupe-token': host.token } }, (res) => {
      const body = new Promise<string>((done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => done(text));
        res.on('error', () => done(text));
      });
      resolve({ status: res.statusCode ?? 0, req, body });
    });
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    req.end();
  });
}

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('loopback host security', () => {
  it('refuses requests without the per-run token', async () => {
    const res = await fetch(`${base}/api/invoke/app:info`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
  });

  it('exchanges the start-up URL token for an HTTP-only, same-site cookie named after its port', async () => {
    const res = await fetch(host.url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^loupe_token_${host.port}=.+; HttpOnly; SameSite=Strict`));
    const pair = cookie.split(';')[0]!;
    expect((await fetch(`${base}/api/invoke/app:info`, { method: 'POST', headers: { cookie: pair }, body: '{}' })).status).toBe(200);
    // The same token under another port's name (another loopback service's cookie) is not ours.
    for (const other of [`loupe_token=${host.token}`, `loupe_token_${host.port + 1}=${host.token}`]) {
      expect((await fetch(`${base}/api/invoke/app:info`, { method: 'POST', headers: { cookie: other }, body: '{}' })).status).toBe(401);
    }
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

  it('answers a call that needs an officer with "sign in first", before looking at the request', async () => {
    expect((await call('session:current', {})).json).toBeNull();
    const invalid = { id: '', decision: { verdict: 'maybe' } };
    const valid = { id: 'no-such-examination', decision: { verdict: 'genuine', reasons: ['MRZ consistent'], notes: '' } };
    for (const body of [invalid, valid, 'not an object']) {
      const answer = await call('examination:decide', body);
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ kind: 'NotSignedIn', message: expect.stringMatching(/^sign in first: /) });
    }
    // Changing the face threshold needs an officer; reading it does not.
    expect((await call('face:settings', { threshold: 'x' })).json.kind).toBe('NotSignedIn');
    expect((await call('face:settings', { extra: 1 })).status).toBe(400);
    await call('session:signIn', { name: 'Ana Petrović', badge: 'B-1701' });
    try {
      const signedIn = await call('examination:decide', invalid);
      expect(signedIn.status).toBe(400);
      expect(signedIn.json.kind).toBe('InvalidInput');
      expect(signedIn.json.message).toMatch(/^invalid request for examination:decide: /);
    } finally {
      await call('session:signOut', {});
    }
  });

  it(`serves at most ${MAX_EVENT_STREAMS} event streams at once, without a listener-leak warning, and frees a slot when one closes`, async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    const open: ClientRequest[] = [];
    try {
      const answers: number[] = [];
      const refusals: string[] = [];
      for (let i = 0; i < 200; i++) {
        const { status, req, body } = await openStream();
        answers.push(status);
        if (status === 200) open.push(req);
        else refusals.push(await body);
      }
      expect(answers.filter((s) => s === 200)).toHaveLength(MAX_EVENT_STREAMS);
      expect(answers.filter((s) => s === 429)).toHaveLength(200 - MAX_EVENT_STREAMS);
      expect(JSON.parse(refusals[0]!)).toEqual({ kind: 'Busy', message: expect.stringContaining('Too many open Loupe windows or tabs') });
      expect(host.services.events.forwarders).toBe(MAX_EVENT_STREAMS);
      // Closing streams frees their slots (the server notices the closed socket a moment later).
      for (const req of open.splice(0, 3)) req.destroy();
      await waitFor(() => host.services.events.forwarders === MAX_EVENT_STREAMS - 3);
      for (let i = 0; i < 3; i++) {
        const again = await openStream();
        expect(again.status).toBe(200);
        open.push(again.req);
      }
      expect((await openStream()).status).toBe(429);
      await new Promise((r) => setTimeout(r, 50));
      expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      for (const req of open) req.destroy();
    }
    await waitFor(() => host.services.events.forwarders === 0);
  }, 60_000);

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

  it('records who did what in the append-only audit log, each entry under the officer who did it', async () => {
    // A change made through a domain's handler is audited by the one wrapper, under the caller.
    await call('session:signIn', { name: 'Marko Jovanović', badge: 'B-2202' });
    expect((await call('face:settings', { threshold: { distance: 0.6, margin: 0.05 } })).status).toBe(200);
    expect((await call('face:settings', {})).status).toBe(200);
    await call('session:signOut', {});
    const store = openStationStore(dataDir);
    try {
      const log = store.auditLog(50);
      expect(log.map((a) => a.action)).toEqual(expect.arrayContaining(['session.signIn', 'examination.create', 'examination.decide']));
      const thresholds = log.filter((a) => a.action === 'face.threshold');
      expect(thresholds).toHaveLength(1);
      expect(thresholds[0]).toMatchObject({ officer: { name: 'Marko Jovanović', badge: 'B-2202' }, details: { distance: 0.6, margin: 0.05 } });
      expect(log.find((a) => a.action === 'session.signOut')?.officer).toEqual({ name: 'Marko Jovanović', badge: 'B-2202' });
    } finally {
      store.close();
    }
  });
});
