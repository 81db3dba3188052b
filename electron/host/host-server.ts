// The loopback host: serves the renderer and the contract over HTTP on 127.0.0.1, for stations and
// tests without the Electron binary. Same services, same contract as the desktop app.
//   POST /api/invoke/<channel>   JSON request → JSON response, or { kind, message } with 4xx/5xx
//   GET  /api/events             server-sent events (event: <name>, data: <json>)
//   GET  /images/<sha256>        a stored capture image
//   GET  /reports/<file>.pdf     a generated report
//   GET  /reference/<class>/<light>  a reference image of the library
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentTypeOf } from '../common/content-types';
import { httpStatusOf } from '../common/error-status';
import { errorCategory } from '../common/loupe-error';
import { eventNames } from '../contract/api.contract';
import { createServices, type Services } from '../services/create-services';
import { toErrorDto } from '../services/dispatch';
import { cookieName, cookieToken, newToken, sameToken, SECURITY_HEADERS, trustedRequest } from '../common/http-security';

const rendererDir = resolve(fileURLToPath(new URL('../../dist/renderer', import.meta.url)));
const MAX_BODY = 1024 * 1024;
/** Channels that carry whole files from a file picker (a trend bundle, genuine captures to learn from; base64): a larger bound. */
const FILE_CHANNEL_MAX_BODY: Record<string, number> = { 'trends:import': 96 * 1024 * 1024, 'learning:propose': 256 * 1024 * 1024, 'learning:grow': 256 * 1024 * 1024 };
/**
 * Open event streams at once. The renderer keeps one per window or tab; a page that opens streams in
 * a loop must not pile up sockets and listeners until the station slows down.
 */
export const MAX_EVENT_STREAMS = 32;

export interface HostOptions {
  dataDir: string;
  port?: number;
  services?: Services;
  /** Passed to createServices: portrait specimens for the virtual scanner. */
  portraitSpecimens?: boolean;
}

export interface Host {
  url: string;
  token: string;
  port: number;
  services: Services;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function sendFile(res: ServerResponse, path: string, type: string, cache = 'no-store'): void {
  const size = statSync(path).size;
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': size, 'Cache-Control': cache });
  createReadStream(path).pipe(res);
}

async function readBody(req: IncomingMessage, maxBody = MAX_BODY): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBody) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw Object.assign(new Error('request body is not JSON'), { status: 400 });
  }
}

function serveStatic(res: ServerResponse, pathname: string): void {
  let rel: string;
  try {
    rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
  } catch {
    return send(res, 400, 'bad path', 'text/plain; charset=utf-8');
  }
  const file = normalize(join(rendererDir, rel));
  if (!file.startsWith(rendererDir + sep)) return send(res, 404, 'not found', 'text/plain; charset=utf-8');
  if (rel === 'index.html' && !existsSync(file)) {
    return send(res, 503, 'The user interface is not built: run `npm run build:renderer`.', 'text/plain; charset=utf-8');
  }
  if (!existsSync(file) || !statSync(file).isFile()) return send(res, 404, 'not found', 'text/plain; charset=utf-8');
  sendFile(res, file, contentTypeOf(file));
}

export async function startHost(opts: HostOptions): Promise<Host> {
  const token = newToken();
  let port = 0;
  const sockets = new Set<ServerResponse>();
  const services =
    opts.services ??
    (await createServices({ dataDir: opts.dataDir, transport: 'host', imageBase: '/images/', reportBase: '/reports/', referenceBase: '/reference/', ...(opts.portraitSpecimens ? { portraitSpecimens: true } : {}) }));

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!trustedRequest(req, port)) return send(res, 403, 'forbidden', 'text/plain; charset=utf-8');
      // First visit: the printed URL carries the token; exchange it for a same-site, HTTP-only cookie.
      const queryToken = url.searchParams.get('token') ?? undefined;
      if (req.method === 'GET' && url.pathname === '/' && sameToken(queryToken, token)) {
        res.writeHead(302, { ...SECURITY_HEADERS, Location: '/', 'Set-Cookie': `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/` });
        return res.end();
      }
      const headerToken = req.headers['x-loupe-token'];
      if (!sameToken(cookieToken(req, cookieName(port)), token) && !sameToken(typeof headerToken === 'string' ? headerToken : undefined, token)) {
        return send(res, 401, 'Loupe: open the URL printed at start-up (it carries this session’s token).', 'text/plain; charset=utf-8');
      }
      if (url.pathname.startsWith('/api/invoke/')) {
        if (req.method !== 'POST') return sendJson(res, 405, { kind: 'InvalidInput', message: 'POST only' });
        try {
          const channel = url.pathname.slice('/api/invoke/'.length);
          const body = await readBody(req, FILE_CHANNEL_MAX_BODY[channel] ?? MAX_BODY);
          const result = await services.invoke(channel, body);
          return sendJson(res, 200, result);
        } catch (err) {
          // The request's own framing (a body too large, not JSON) carries its status; a service's
          // error has the status of its category.
          const status = (err as { status?: number }).status;
          const dto = status ? { kind: 'InvalidInput', message: (err as Error).message } : toErrorDto(err);
          return sendJson(res, status ?? httpStatusOf(errorCategory(err)), dto);
        }
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        if (sockets.size >= MAX_EVENT_STREAMS) {
          res.writeHead(429, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '5' });
          return res.end(JSON.stringify({ kind: 'Busy', message: `Too many open Loupe windows or tabs (${MAX_EVENT_STREAMS}): close some, then reload this one.` }));
        }
        res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        sockets.add(res);
        const off = services.events.onAny((event, payload) => res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`), eventNames);
        res.on('close', () => {
          off();
          sockets.delete(res);
        });
        return;
      }
      const image = /^\/images\/([0-9a-f]{64})$/.exec(url.pathname);
      if (image && req.method === 'GET') {
        const path = services.imagePath(image[1]!);
        if (!path || !existsSync(path)) return send(res, 404, 'no such image', 'text/plain; charset=utf-8');
        return sendFile(res, path, contentTypeOf(path), 'private, max-age=31536000, immutable');
      }
      const reference = /^\/reference\/([a-z0-9][a-z0-9._-]{0,95})\/(white|ir|uv)$/.exec(url.pathname);
      if (reference && req.method === 'GET') {
        const path = services.referenceImagePath(reference[1]!, reference[2]!);
        if (!path || !existsSync(path)) return send(res, 404, 'no such reference image', 'text/plain; charset=utf-8');
        return sendFile(res, path, contentTypeOf(path));
      }
      const report = /^\/reports\/([A-Za-z0-9._-]+)$/.exec(url.pathname);
      if (report && req.method === 'GET') {
        const path = services.reportPath(report[1]!);
        if (!path || !existsSync(path)) return send(res, 404, 'no such report', 'text/plain; charset=utf-8');
        return sendFile(res, path, 'application/pdf');
      }
      if (req.method === 'GET') return serveStatic(res, url.pathname);
      return send(res, 405, 'method not allowed', 'text/plain; charset=utf-8');
    })().catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, toErrorDto(err));
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    services,
    async close() {
      for (const s of sockets) s.end();
      await new Promise<void>((r) => server.close(() => r()));
      if (!opts.services) await services.close();
    },
  };
}
