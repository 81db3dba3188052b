// The app:// scheme of the desktop app (electron/desktop/app-protocol.ts) on real files: the renderer
// folder with the right content types, stored images, reports and reference images under the same
// origin, the CSP on every answer, and no way out of its folders.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CSP, appProtocolResponse, fileUnderRoot, resolveAppRequest, type AppFiles } from '../../../electron/desktop/app-protocol';
import { SECURITY_HEADERS } from '../../../electron/common/http-security';
import { useTempDir } from '../../helpers/temp-dir';

const dir = useTempDir('loupe-app-protocol-');
const rendererDir = join(dir, 'dist', 'renderer');
const dataDir = join(dir, 'data');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
mkdirSync(join(dataDir, 'images'), { recursive: true });
mkdirSync(join(dataDir, 'reports'), { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><script type="module" src="./assets/index-x1.js"></script>');
writeFileSync(join(rendererDir, 'assets', 'index-x1.js'), 'console.log(1)');
writeFileSync(join(rendererDir, 'assets', 'index-x1.css'), 'body{}');
writeFileSync(join(rendererDir, 'assets', 'ocr b.woff2'), 'font');
writeFileSync(join(rendererDir, 'favicon.svg'), '<svg/>');
writeFileSync(join(rendererDir, 'assets', 'blob.xyz'), 'bytes');
writeFileSync(join(dir, 'dist', 'secret.txt'), 'outside the renderer');
writeFileSync(join(dir, 'package.json'), '{}');
const hash = 'a'.repeat(64);
writeFileSync(join(dataDir, 'images', `${hash}.png`), 'png');
const report = 'loupe-report-0b7d1b8e-6f1c-4b55-9a3c-3f1f0f6d9a10.pdf';
writeFileSync(join(dataDir, 'reports', report), '%PDF');
writeFileSync(join(dataDir, 'utopia-td3-white.png'), 'ref');

const files: AppFiles = {
  rendererDir,
  imagePath: (h) => join(dataDir, 'images', `${h}.png`),
  reportPath: (f) => (/^loupe-report-[0-9a-f-]{36}\.pdf$/.test(f) ? join(dataDir, 'reports', f) : null),
  referenceImagePath: (c, l) => (c === 'utopia-td3' ? join(dataDir, `${c}-${l}.png`) : null),
};

async function get(url: string, method = 'GET') {
  const res = await appProtocolResponse({ method, url }, files);
  return { status: res.status, type: res.headers.get('content-type'), csp: res.headers.get('content-security-policy'), nosniff: res.headers.get('x-content-type-options'), body: await res.text() };
}

describe('app:// scheme', () => {
  it('serves the renderer with the right content types', async () => {
    expect(await get('app://loupe/index.html')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(await get('app://loupe/')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(await get('app://loupe/assets/index-x1.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', body: 'console.log(1)' });
    expect(await get('app://loupe/assets/index-x1.css')).toMatchObject({ status: 200, type: 'text/css; charset=utf-8' });
    expect(await get('app://loupe/favicon.svg')).toMatchObject({ status: 200, type: 'image/svg+xml' });
    expect(await get('app://loupe/assets/ocr%20b.woff2')).toMatchObject({ status: 200, type: 'font/woff2' });
    // Unknown extensions are bytes, never sniffed.
    expect(await get('app://loupe/assets/blob.xyz')).toMatchObject({ status: 200, type: 'application/octet-stream', nosniff: 'nosniff' });
  });

  it('sends the renderer policy with every answer, the same as the loopback host', async () => {
    expect(APP_CSP).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).not.toContain('unsafe-');
    expect(APP_CSP).toContain("object-src 'none'");
    for (const url of ['app://loupe/index.html', 'app://loupe/assets/index-x1.js', 'app://loupe/nothing-here', `app://loupe/images/${hash}`]) {
      expect((await get(url)).csp, url).toBe(APP_CSP);
    }
  });

  it('serves stored images, reports and reference images under the same origin', async () => {
    expect(await get(`app://loupe/images/${hash}`)).toMatchObject({ status: 200, type: 'image/png', body: 'png' });
    expect(await get(`app://loupe/reports/${report}`)).toMatchObject({ status: 200, type: 'application/pdf', body: '%PDF' });
    expect(await get('app://loupe/reference/utopia-td3/white')).toMatchObject({ status: 200, type: 'image/png', body: 'ref' });
    expect((await get(`app://loupe/images/${'b'.repeat(64)}`)).status).toBe(404);
    expect((await get('app://loupe/images/short')).status).toBe(404);
    expect((await get('app://loupe/reports/station.sqlite')).status).toBe(404);
    expect((await get('app://loupe/reference/other/white')).status).toBe(404);
    expect((await get('app://loupe/reference/utopia-td3/xray')).status).toBe(404);
  });

  it('answers unknown files with 404', async () => {
    expect((await get('app://loupe/no-such-file.js')).status).toBe(404);
    expect((await get('app://loupe/assets')).status).toBe(404);
    expect((await get('app://loupe/assets/')).status).toBe(404);
  });

  it('refuses path traversal, plain and encoded', async () => {
    for (const url of [
      'app://loupe/../secret.txt',
      'app://loupe/..%2Fsecret.txt',
      'app://loupe/..%2f..%2fpackage.json',
      'app://loupe/assets/..%2F..%2Fsecret.txt',
      'app://loupe/%2e%2e%2fsecret.txt',
      'app://loupe/..%5Csecret.txt',
      'app://loupe/assets%5C..%5C..%5Csecret.txt',
      'app://loupe/%2F..%2F..%2Fsecret.txt',
      'app://loupe/index.html%00.png',
      'app://loupe/%E0%A4%A',
      `app://loupe/images/..%2F..%2Fdata%2Fimages%2F${hash}.png`,
      `app://loupe/reports/..%2F..%2Fsecret.txt`,
    ]) {
      const answer = await get(url);
      expect(answer.status, url).toBe(404);
      expect(answer.body, url).not.toContain('outside the renderer');
    }
    // The path check itself, without the URL parser's help.
    expect(fileUnderRoot(rendererDir, '/../secret.txt')).toBeNull();
    expect(fileUnderRoot(rendererDir, '/..')).toBeNull();
    expect(fileUnderRoot(rendererDir, '/assets/../../secret.txt')).toBeNull();
    expect(fileUnderRoot(rendererDir, '/assets/../index.html')).toBe(join(rendererDir, 'index.html'));
  });

  it('answers only the app origin, and only reads', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://loupe:1/index.html')).status).toBe(404);
    expect((await get('file:///etc/passwd')).status).toBe(404);
    expect((await get('app://loupe/index.html', 'POST')).status).toBe(405);
    const head = await get('app://loupe/index.html', 'HEAD');
    expect(head).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body: '' });
    expect(resolveAppRequest('GET', 'app://loupe/index.html', { ...files, rendererDir: 'dist/renderer' })).toMatchObject({ kind: 'refused' });
  });
});
