// The regional hub over real HTTP: raw requests written to a socket of a real hub server
// (startHubServer on loopback, a SQLite store in a temporary folder), hostile in every part — the
// request line and path, the query, the headers (signature headers valid, mutated or missing,
// lengths that lie), and the body (bundles signed by a trusted station, mutated before or after
// signing). Every answer is a well-formed HTTP response that is not a 5xx, with a JSON error whose
// fault is one the API documents (hub.errors.ts, exchange.errors.ts) when it refuses; the server
// keeps answering (its health is asked after each request). A request the server does not answer
// before the connection closes is accepted only when the request itself was incomplete.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { EXCHANGE_ERROR_KINDS } from '../../../electron/contract/exchange.errors';
import { HUB_ERROR_KINDS } from '../../../electron/contract/hub.errors';
import { signRequest } from '../../../electron/exchange/request-signing';
import { startHubServer, type HubServer } from '../../../electron/hub/hub-server';
import type { HubStore } from '../../../electron/hub/hub-store';
import { openHubStore } from '../../../electron/hub/open-hub-store';
import type { StationIdentity } from '../../../electron/trust/station-identity';
import { newIdentity, recordBundle } from '../../helpers/trend-fixtures';
import { anyTarget, mutatedBytes, mutatedText, type AnyFuzzTarget, type FuzzTarget } from '../fuzz-kit';

interface HubSamples {
  dir: string;
  store: HubStore;
  server: HubServer;
  signer: StationIdentity;
  bundles: Uint8Array[];
}

let samples: HubSamples | undefined;

async function setUp(): Promise<void> {
  if (samples) return;
  const dir = mkdtempSync(join(tmpdir(), 'loupe-fuzz-hub-'));
  const store = await openHubStore(join(dir, 'hub.sqlite'));
  const signer = newIdentity();
  await store.addTrust(signer.publicKey, 'Fuzz station', 'admin');
  // Background refreshes of the dashboard's tables are the hub's own business: failures there are not the request's.
  const server = await startHubServer({ store, maxBundleBytes: 256 * 1024, onBackgroundError: () => undefined });
  const bundles = [recordBundle(signer, 1, 2), recordBundle(signer, 10, 1, { notes: null })].map((b) => new Uint8Array(b));
  samples = { dir, store, server, signer, bundles };
}

async function tearDown(): Promise<void> {
  if (!samples) return;
  await samples.server.close();
  await samples.store.close();
  rmSync(samples.dir, { recursive: true, force: true });
  samples = undefined;
}

const PATHS = [
  '/v1/health',
  '/v1/bundles',
  '/v1/bundles?after=0&limit=100',
  `/v1/bundles/${'a'.repeat(64)}`,
  '/v1/trust',
  '/v1/trends/summary?from=2026-W01&to=2026-W10',
  '/v1/trends/records?limit=50&issuer=UTO',
  '/v1/trends/records.csv',
  '/v1/trends/emerging',
  '/v1/trends/stations',
  '/v1/trends/alerts?issuer=UTO&documentType=Passport&series=2019',
  '/?token=abc',
  '/',
  '/index.html',
];

export interface HubRequest {
  method: string;
  path: string;
  /** 'signed': valid signature headers over what is sent; 'mutated': then altered; 'none': absent. */
  auth: 'signed' | 'mutated' | 'none';
  headerMutation: string | null;
  extraHeaders: [string, string][];
  body: Uint8Array;
  /** What Content-Length says, when it lies (null: the true length). */
  claimedLength: number | null;
  chunked: boolean;
}

function requestBytes(r: HubRequest): { bytes: Buffer; complete: boolean } {
  const s = samples!;
  const body = Buffer.from(r.body);
  const headers: [string, string][] = [['Host', '127.0.0.1'], ['Connection', 'close']];
  if (r.auth !== 'none') {
    const signed = Object.entries(signRequest(s.signer, r.method, r.path, body));
    if (r.auth === 'mutated' && r.headerMutation !== null) {
      const i = r.headerMutation.length % signed.length;
      signed[i] = [signed[i]![0], r.headerMutation];
    }
    headers.push(...signed);
  }
  headers.push(...r.extraHeaders);
  let payload: Buffer;
  if (r.chunked) {
    headers.push(['Transfer-Encoding', 'chunked']);
    payload = Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
  } else {
    headers.push(['Content-Length', String(r.claimedLength ?? body.length)]);
    payload = body;
  }
  // Header values go out as latin1 bytes (what arrives on the wire); a CR or LF in one is the request's own fault.
  const head = `${r.method} ${r.path} HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
  const complete = r.chunked || r.claimedLength === null || r.claimedLength <= body.length;
  return { bytes: Buffer.concat([Buffer.from(head, 'latin1'), payload]), complete };
}

interface RawAnswer {
  status: number | null;
  body: string;
}

/**
 * Writes the bytes and reads until the server closes the connection (every request says
 * `Connection: close`). A request whose body is shorter than it claims is left waiting for half a
 * second, then the client closes its side. (Closing it at once would be no test: Node's server
 * drops a connection whose client ended it before the answer was written.)
 */
function exchange(port: number, bytes: Buffer, complete: boolean, timeoutMs: number): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no end of answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const giveUp = complete ? undefined : setTimeout(() => socket.end(), 500);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      clearTimeout(giveUp);
      const text = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3}) /.exec(text);
      const split = text.indexOf('\r\n\r\n');
      resolve({ status: match ? Number(match[1]) : null, body: split < 0 ? '' : text.slice(split + 4) });
    });
    socket.write(bytes);
  });
}

const FAULTS = new Set<string>([...HUB_ERROR_KINDS.filter((k) => k !== 'internal'), ...EXCHANGE_ERROR_KINDS]);

/** A JSON error body, possibly chunked (the CSV streams): the fault it names, if any. */
function faultOf(body: string): string | null {
  const start = body.indexOf('{');
  if (start < 0) return null;
  try {
    const parsed = JSON.parse(body.slice(start, body.lastIndexOf('}') + 1)) as { error?: { fault?: unknown } };
    return typeof parsed.error?.fault === 'string' ? parsed.error.fault : null;
  } catch {
    return null;
  }
}

const hubServerTarget: FuzzTarget<HubRequest> = {
  name: 'hub-server',
  area: 'hub',
  setUp,
  tearDown,
  timeBoundMs: 4000,
  input: () =>
    fc.record({
      method: fc.oneof({ arbitrary: fc.constantFrom('GET', 'POST'), weight: 6 }, { arbitrary: fc.constantFrom('PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'get', 'CONNECT', 'X'), weight: 1 }),
      path: fc.oneof(
        { arbitrary: fc.constantFrom(...PATHS), weight: 3 },
        { arbitrary: mutatedText(PATHS, fc.constantFrom('%', '%00', '%ff', '?', '&', '=', '/', '..', '#', '[', ']', ':', '@', '\\', 'é', '%2F', ';', '*', 'a')), weight: 6 },
        { arbitrary: fc.constantFrom('*', 'http://hub/v1/trust', 'http://[::1', '//v1/trust', '/v1/bundles/../trust', '/%', '/v1/trends/records?limit=1e9', '/v1/bundles?after=-1', '/v1/bundles?after=99999999999999999999'), weight: 1 },
      ).map((p) => p.replace(/[\s]/g, '')),
      auth: fc.constantFrom('signed' as const, 'signed' as const, 'mutated' as const, 'none' as const),
      headerMutation: fc.option(fc.string({ unit: 'binary-ascii', maxLength: 120 }).map((v) => v.replace(/[\r\n]/g, ''))),
      extraHeaders: fc.array(
        fc.tuple(
          fc.constantFrom('Cookie', 'Content-Type', 'Origin', 'X-Loupe-Station', 'Accept-Encoding', 'Expect', 'X-Forwarded-For', 'If-None-Match'),
          fc.oneof(fc.constantFrom('loupe_hub=abc', 'loupe_hub=', '100-continue', 'gzip', 'application/json'), fc.string({ unit: 'binary-ascii', maxLength: 60 })).map((v) => v.replace(/[\r\n]/g, '')),
        ),
        { maxLength: 3 },
      ),
      body: fc.oneof({ arbitrary: fc.constant(new Uint8Array()), weight: 3 }, { arbitrary: fc.constantFrom(...samples!.bundles), weight: 1 }, { arbitrary: mutatedBytes(samples!.bundles), weight: 3 }, { arbitrary: fc.uint8Array({ maxLength: 300 }), weight: 1 }),
      claimedLength: fc.option(fc.constantFrom(0, 1, 2 ** 31, 2 ** 53, 300 * 1024), { freq: 6 }),
      chunked: fc.boolean(),
    }),
  // Request targets that are not a path (found by this property: both were answered 500).
  examples: () =>
    ['http://[::1', '//', '//v1/trust', '*'].map((path) => ({ method: 'GET', path, auth: 'signed' as const, headerMutation: null, extraHeaders: [], body: new Uint8Array(), claimedLength: null, chunked: false })),
  run: async (request) => {
    const s = samples!;
    const { bytes, complete } = requestBytes(request);
    const answer = await exchange(s.server.port, bytes, complete, 3500);
    const health = await exchange(s.server.port, Buffer.from('GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'), true, 3500);
    // Node's server drops a CONNECT it has no handler for: no answer, and nothing of the hub's ran.
    return { answer, health, complete: complete && request.method !== 'CONNECT' };
  },
  isOwnError: () => false,
  check: (result) => {
    const { answer, health, complete } = result as { answer: RawAnswer; health: RawAnswer; complete: boolean };
    if (health.status !== 200) throw new Error(`the hub stopped answering its health (${health.status})`);
    if (answer.status === null) {
      if (complete) throw new Error('a complete request got no HTTP answer');
      return;
    }
    if (answer.status >= 500) throw new Error(`answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    if (answer.status >= 400) {
      const fault = faultOf(answer.body);
      // Node's own parser answers malformed requests with a bare 400 before the hub sees them.
      if (fault !== null && !FAULTS.has(fault)) throw new Error(`answered ${answer.status} with an undocumented fault '${fault}'`);
    }
  },
  bytes: (request) => new Uint8Array(requestBytes(request).bytes),
};

export const HUB_TARGETS: AnyFuzzTarget[] = [anyTarget(hubServerTarget)];
