// The regional hub over HTTP(S) (docs/hub.md). Stations push and pull signed bundles with signed
// requests; a read-only dashboard is served at / to a browser holding the printed admin token.
//   GET  /v1/health                         no authentication
//   POST /v1/bundles                        push (body = bundle bytes, size-limited before reading)
//   GET  /v1/bundles?after=SEQ&limit=N      pull: descriptors in seq order
//   GET  /v1/bundles/<sha256>               the bytes of one bundle
//   GET  /v1/trust                          the active members (so stations learn the network)
//   GET  /v1/trends/summary|records|records.csv|emerging   dashboard data (signed or cookie)
//   GET  /v1/trends/alerts                  the current expert alerts (signed or cookie)
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { IsoWeekSchema } from '../contract/trends.contract';
import { cookieToken, newToken, sameToken, SECURITY_HEADERS } from '../common/http-security';
import { httpStatusOf } from '../common/error-status';
import { BUNDLE_LIMITS, BundleError } from '../exchange/bundle-codec';
import { RequestVerifier } from './hub-auth';
import { currentAlerts } from './hub-alert-queries';
import { createDashboardAssets } from './hub-dashboard-assets';
import { HubError } from './hub-errors';
import { ingestBundle } from './hub-ingest';
import { emergingTrends, RECORD_PAGE_MAX, recordPage, stationNames, TrendFilterSchema, trendSummary, writeRecordsCsv, type TrendFilter } from './hub-queries';
import type { HubStore } from './hub-store';
import { sha256Hex } from '../exchange/request-signing';

export const HUB_COOKIE = 'loupe_hub';
const SHA256 = /^[0-9a-f]{64}$/;
const MAX_PAGE = 1000;

export interface HubServerOptions {
  store: HubStore;
  port?: number;
  host?: string;
  /** Largest pushed bundle accepted (bytes). */
  maxBundleBytes?: number;
  tls?: { cert: Buffer; key: Buffer };
  /** Dashboard token; a fresh random one when absent. */
  token?: string;
  now?: () => number;
  /** A failure of the background refresh of the dashboard's tables (default: written to stderr; the next dashboard request retries it). */
  onBackgroundError?: (error: unknown) => void;
  /** The dashboard page's script entry (default electron/hub/dashboard/dashboard.ts, bundled on first request). */
  dashboardScriptEntry?: string;
  /** A dashboard file that could not be read or built (default: written to stderr; the browser gets a 500). */
  onDashboardError?: (path: string, error: unknown) => void;
}

export interface HubServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}


function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(value));
}

/** A fault of the hub's API (its own, or a bundle's): answered as it is. Anything else is the hub's trouble, said without detail. */
function isFault(error: unknown): error is HubError | BundleError {
  return (error instanceof HubError && error.fault !== 'internal') || error instanceof BundleError;
}

function sendError(res: ServerResponse, status: number, fault: string, message: string, details: unknown[] = []): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, { error: { fault, message, ...(details.length ? { details } : {}) } });
}

/**
 * After refusing an upload part-way, the rest of the body is read and discarded (never stored) so
 * the client sees the answer instead of a reset connection; the connection closes, and a sender
 * that keeps going for long is cut off.
 */
function discardRest(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  res.shouldKeepAlive = false;
  req.resume();
  setTimeout(() => req.socket.destroy(), 30_000).unref();
}

/** Reads the body, refusing (413) as soon as it would exceed `limit`, before it is held in full. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limit) return reject(new HubError('too-large', `body of ${declared} bytes exceeds the limit of ${limit}`));
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      refused = true;
      chunks.length = 0;
      reject(new HubError('too-large', `body exceeds the limit of ${limit} bytes`));
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HubError('bad-query', `bad query: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data;
}

const PageQuery = z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100) }).strict();
/** A document's issuer, type and series: the alerts a station shows on it. */
const AlertsQuery = z
  .object({ issuer: z.string().regex(/^[A-Z<]{1,3}$/).optional(), documentType: z.string().trim().min(1).max(120).optional(), series: z.string().trim().min(1).max(120).optional() })
  .strict();
const RecordsQuery = TrendFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(RECORD_PAGE_MAX).default(50),
  afterWeek: IsoWeekSchema.optional(),
  afterId: z.string().regex(SHA256).optional(),
}).strict();

function filterOf(query: TrendFilter & Record<string, unknown>): TrendFilter {
  const { from, to, issuer, fraudType, pointOfEntry } = query;
  return { ...(from && { from }), ...(to && { to }), ...(issuer && { issuer }), ...(fraudType && { fraudType }), ...(pointOfEntry && { pointOfEntry }) };
}

/**
 * The request target as a URL. Only the origin form ('/path?query', RFC 9112 §3.2.1) names an
 * endpoint here: 'http://[::1' or '//' as a target made new URL() throw, answered as the hub's own
 * failure (500) instead of the request's.
 */
function requestUrl(target: string): URL {
  if (target.startsWith('/')) {
    try {
      return new URL(`http://hub${target}`);
    } catch {
      // not a URL at all: refused below
    }
  }
  throw new HubError('not-found', 'no such endpoint: the request does not name a path of this hub');
}

export async function startHubServer(options: HubServerOptions): Promise<HubServer> {
  const { store } = options;
  const token = options.token ?? newToken();
  const maxBundleBytes = Math.min(options.maxBundleBytes ?? 256 * 1024 * 1024, BUNDLE_LIMITS.maxFileBytes);
  const verifier = new RequestVerifier(async (station) => (await store.activeKeys()).get(station), options.now);
  const secure = options.tls !== undefined;
  const reportBackground = options.onBackgroundError ?? ((error: unknown) => process.stderr.write(`hub: refreshing the dashboard tables failed: ${error instanceof Error ? error.message : String(error)}\n`));
  const reportDashboard = options.onDashboardError ?? ((path: string, error: unknown) => process.stderr.write(`hub: the dashboard file ${path} could not be prepared: ${error instanceof Error ? error.message : String(error)}\n`));
  const dashboardAsset = createDashboardAssets({ scriptEntry: options.dashboardScriptEntry });
  /** The dashboard's tables follow each stored bundle in the background (the pushing station does not wait for them). */
  let background: Promise<unknown> = Promise.resolve();
  const refreshLater = () => {
    background = background.then(() => store.refreshAggregates()).catch(reportBackground);
  };

  /** Who is asking: a station (verified signature) or the dashboard (cookie). */
  async function authenticate(req: IncomingMessage, pathAndQuery: string, body: Buffer | (() => Promise<Buffer>), allowDashboard: boolean): Promise<{ station: string | null; body: Buffer }> {
    if (allowDashboard && !RequestVerifier.isSigned(req.headers) && sameToken(cookieToken(req, HUB_COOKIE), token)) {
      return { station: null, body: Buffer.isBuffer(body) ? body : Buffer.alloc(0) };
    }
    const signed = await verifier.checkHeaders(req.headers);
    const bytes = Buffer.isBuffer(body) ? body : await body();
    verifier.verifySignature(signed, req.method ?? 'GET', pathAndQuery, sha256Hex(bytes));
    return { station: signed.station, body: bytes };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req.url ?? '/');
    const pathAndQuery = req.url ?? '/';
    const method = req.method ?? 'GET';
    const path = url.pathname;

    if (method === 'GET' && path === '/v1/health') {
      // Whether the dashboard's tables include every stored bundle (counts only, nothing personal).
      const pending = await store.pendingAggregation();
      const dashboardTables = pending ? { current: false, pendingBundles: pending.toSeq - pending.fromSeq + 1, pendingRecords: pending.records } : { current: true };
      return sendJson(res, 200, { status: 'ok', database: store.dialect, dashboardTables });
    }

    if (method === 'POST' && path === '/v1/bundles') {
      const { station, body } = await authenticate(req, pathAndQuery, () => readBody(req, maxBundleBytes), false);
      const result = await ingestBundle(store, body, station!);
      sendJson(res, result.status === 'stored' ? 201 : 200, result);
      if (result.status === 'stored') refreshLater();
      return;
    }
    if (method !== 'GET') throw new HubError('method-not-allowed', `${method} is not allowed here`);

    if (path === '/v1/bundles') {
      await authenticate(req, pathAndQuery, Buffer.alloc(0), false);
      const { after, limit } = parseQuery(PageQuery, url.searchParams);
      const bundles = await store.bundlesAfter(after, limit);
      return sendJson(res, 200, { bundles, next: bundles.length ? bundles[bundles.length - 1]!.seq : after, more: bundles.length === limit });
    }
    const bundleMatch = /^\/v1\/bundles\/([^/]+)$/.exec(path);
    if (bundleMatch) {
      await authenticate(req, pathAndQuery, Buffer.alloc(0), false);
      const sha = bundleMatch[1]!;
      if (!SHA256.test(sha)) throw new HubError('bad-id', 'a bundle is named by its lowercase sha256');
      const bytes = await store.bundleBytes(sha);
      if (!bytes) throw new HubError('not-found', `no bundle ${sha}`);
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.length, 'Cache-Control': 'no-store' });
      res.end(bytes);
      return;
    }
    if (path === '/v1/trust') {
      await authenticate(req, pathAndQuery, Buffer.alloc(0), true);
      const stations = (await store.trustList()).filter((t) => t.status === 'active').map((t) => ({ station: t.station, publicKey: t.publicKey, name: t.name }));
      return sendJson(res, 200, { stations });
    }
    if (path.startsWith('/v1/trends/')) {
      await authenticate(req, pathAndQuery, Buffer.alloc(0), true);
      switch (path) {
        case '/v1/trends/summary':
          return sendJson(res, 200, await trendSummary(store, filterOf(parseQuery(TrendFilterSchema, url.searchParams))));
        case '/v1/trends/emerging':
          return sendJson(res, 200, await emergingTrends(store, filterOf(parseQuery(TrendFilterSchema, url.searchParams))));
        case '/v1/trends/stations':
          parseQuery(z.object({}).strict(), url.searchParams);
          return sendJson(res, 200, await stationNames(store));
        case '/v1/trends/alerts': {
          // Current as of today, whatever the charts show; with a document's issuer, type and series,
          // only the alerts a station shows on it (their scope, alert-scope.ts).
          const q = parseQuery(AlertsQuery, url.searchParams);
          const document = q.issuer || q.documentType || q.series ? { issuer: q.issuer ?? null, documentType: q.documentType ?? null, series: q.series ?? null } : undefined;
          return sendJson(res, 200, await currentAlerts(store, new Date(options.now ? options.now() : Date.now()), undefined, document));
        }
        case '/v1/trends/records': {
          const q = parseQuery(RecordsQuery, url.searchParams);
          const after = q.afterWeek && q.afterId ? { week: q.afterWeek, id: q.afterId } : undefined;
          return sendJson(res, 200, { records: await recordPage(store, filterOf(q), q.limit, after) });
        }
        case '/v1/trends/records.csv': {
          const filter = filterOf(parseQuery(TrendFilterSchema, url.searchParams));
          res.writeHead(200, {
            ...SECURITY_HEADERS,
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': 'attachment; filename="loupe-trend-records.csv"',
            'Cache-Control': 'no-store',
          });
          await writeRecordsCsv(store, filter, (chunk) => new Promise<void>((resolve) => (res.write(chunk) ? resolve() : res.once('drain', resolve))));
          res.end();
          return;
        }
        default:
          throw new HubError('not-found', `no such endpoint ${path}`);
      }
    }
    // The dashboard: /?token=... trades the printed token for an HTTP-only cookie, then static files.
    if (path === '/' && url.searchParams.has('token')) {
      if (!sameToken(url.searchParams.get('token') ?? '', token)) throw new HubError('bad-token', 'this dashboard link is not valid; use the one the hub printed at start');
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        Location: '/',
        'Set-Cookie': `${HUB_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    const asset = dashboardAsset(path);
    if (asset) {
      // The whole file first, then the headers: a failure answers 500, never a partial file.
      let bytes: Buffer;
      try {
        bytes = await asset.bytes();
      } catch (error) {
        reportDashboard(path, error);
        throw new HubError('dashboard-unavailable', `the dashboard file ${path} could not be prepared; the hub's log says why`);
      }
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': asset.type, 'Cache-Control': 'no-cache' });
      res.end(bytes);
      return;
    }
    throw new HubError('not-found', `no such endpoint ${path}`);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (isFault(error)) sendError(res, httpStatusOf(error.category), error.fault, error.message, [...error.details]);
      else sendError(res, 500, 'internal', 'the hub could not complete this request');
      discardRest(req, res);
    });
  };
  const server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener) : createHttpServer(listener);
  server.requestTimeout = 10 * 60 * 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  // Bundles stored before a restart whose read side was not brought up to date yet.
  refreshLater();
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${secure ? 'https' : 'http'}://${host}:${address.port}`,
    port: address.port,
    token,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await background;
    },
  };
}
