// What the app:// scheme answers: the built renderer (dist/renderer), stored capture images,
// generated reports and reference images, all under the app's one origin. The decision (which file,
// which type, or which refusal) is a pure function; the response reads the file. Nothing here
// imports Electron: main.ts hands requests to appProtocolResponse().
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { contentTypeOf } from '../common/content-types';
import { APP_BASES, isAppOrigin, parseUrl } from './app-origin';

/**
 * The renderer's policy, sent with every response of the scheme (and set on the session for the rest):
 * scripts, styles and fonts from the app only, images from the app, blobs and data URLs (camera
 * frames, crops), nothing framed, no forms, no plugins.
 */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export interface AppFiles {
  /** Absolute path of the built renderer (dist/renderer). */
  rendererDir: string;
  imagePath(hash: string): string | null;
  reportPath(fileName: string): string | null;
  referenceImagePath(classId: string, light: string): string | null;
}

export type AppFile = { kind: 'file'; path: string; contentType: string; cache: string };
export type AppTarget = AppFile | { kind: 'refused'; status: 404 | 405; reason: string };

const IMAGE = new RegExp(`^${APP_BASES.imageBase}([0-9a-f]{64})$`);
const REPORT = new RegExp(`^${APP_BASES.reportBase}([A-Za-z0-9._-]+)$`);
const REFERENCE = new RegExp(`^${APP_BASES.referenceBase}([a-z0-9][a-z0-9._-]{0,95})/(white|ir|uv)$`);

const notFound = (reason: string): AppTarget => ({ kind: 'refused', status: 404, reason });
const file = (path: string, cache = 'no-store'): AppFile => ({ kind: 'file', path, contentType: contentTypeOf(path), cache });

/** The file under `root` that a URL path names, or null (malformed escape, NUL, backslash, or outside root). */
export function fileUnderRoot(root: string, urlPath: string): string | null {
  let rel: string;
  try {
    rel = urlPath === '/' || urlPath === '' ? 'index.html' : decodeURIComponent(urlPath.replace(/^\//, ''));
  } catch {
    return null;
  }
  // Chromium treats '\' as '/' in standard URLs and Windows paths do too: a name never contains one.
  if (rel.includes('\0') || rel.includes('\\')) return null;
  const path = normalize(join(root, rel));
  return path.startsWith(root.endsWith(sep) ? root : root + sep) ? path : null;
}

/** Which file an app:// request names, or why it is refused. Pure: it does not look at the disk. */
export function resolveAppRequest(method: string, url: string, files: AppFiles): AppTarget {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'refused', status: 405, reason: 'method not allowed' };
  const parsed = parseUrl(url);
  if (!parsed || !isAppOrigin(url)) return notFound('not this app');
  const path = parsed.pathname;

  const image = IMAGE.exec(path);
  if (image) {
    const found = files.imagePath(image[1]!);
    return found ? file(found, 'private, max-age=31536000, immutable') : notFound('no such image');
  }
  const report = REPORT.exec(path);
  if (report) {
    const found = files.reportPath(report[1]!);
    return found ? { ...file(found), contentType: 'application/pdf' } : notFound('no such report');
  }
  const reference = REFERENCE.exec(path);
  if (reference) {
    const found = files.referenceImagePath(reference[1]!, reference[2]!);
    return found ? file(found) : notFound('no such reference image');
  }
  if (!isAbsolute(files.rendererDir)) return notFound('renderer folder unknown');
  const own = fileUnderRoot(files.rendererDir, path);
  if (own === null) return notFound('not found');
  return file(own);
}

function headers(contentType: string, cache: string): Record<string, string> {
  return { 'Content-Type': contentType, 'Cache-Control': cache, 'Content-Security-Policy': APP_CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
}

/** The response to one app:// request: the file's bytes with its type and the CSP, or a plain refusal. */
export async function appProtocolResponse(request: { method: string; url: string }, files: AppFiles): Promise<Response> {
  const target = resolveAppRequest(request.method, request.url, files);
  if (target.kind === 'refused') return new Response(target.reason, { status: target.status, headers: headers('text/plain; charset=utf-8', 'no-store') });
  try {
    const info = await stat(target.path);
    if (!info.isFile()) throw new Error('not a file');
    const body = request.method === 'HEAD' ? null : await readFile(target.path);
    return new Response(body, { status: 200, headers: { ...headers(target.contentType, target.cache), 'Content-Length': String(info.size) } });
  } catch {
    return new Response('not found', { status: 404, headers: headers('text/plain; charset=utf-8', 'no-store') });
  }
}
