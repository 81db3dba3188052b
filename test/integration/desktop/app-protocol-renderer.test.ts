// The built renderer (as `npm run build` makes it into dist/renderer) through the desktop app's app://
// scheme: every file it references resolves under app://loupe with the type a browser will accept for
// it (module scripts are refused unless served as JavaScript), and the page's own policy no longer
// names a scheme the app does not have.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { appProtocolResponse, type AppFiles } from '../../../electron/desktop/app-protocol';
import { useTempDir } from '../../helpers/temp-dir';

// Built into a folder of its own: other test files build dist/renderer at the same time.
const rendererDir = join(useTempDir('loupe-app-renderer-'), 'renderer');
const files: AppFiles = { rendererDir, imagePath: () => null, reportPath: () => null, referenceImagePath: () => null };

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

beforeAll(async () => {
  await build({ configFile: resolve('vite.config.ts'), root: resolve('renderer'), logLevel: 'error', build: { outDir: rendererDir, emptyOutDir: true } });
}, 180_000);

describe('built renderer over app://', () => {
  it('serves every built file with its content type', async () => {
    const expected: Record<string, RegExp> = { '.html': /^text\/html/, '.js': /^text\/javascript/, '.css': /^text\/css/, '.svg': /^image\/svg\+xml$/, '.woff2': /^font\/woff2$/, '.png': /^image\/png$/ };
    const built = walk(rendererDir);
    expect(built.some((f) => f.endsWith('.js'))).toBe(true);
    for (const file of built) {
      const rel = relative(rendererDir, file).split('\\').join('/');
      const res = await appProtocolResponse({ method: 'GET', url: `app://loupe/${rel.split('/').map(encodeURIComponent).join('/')}` }, files);
      expect(res.status, rel).toBe(200);
      const ext = /\.[a-z0-9]+$/.exec(rel)?.[0] ?? '';
      if (expected[ext]) expect(res.headers.get('content-type'), rel).toMatch(expected[ext]!);
      expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(file)), rel).toBe(true);
    }
  });

  it('resolves what index.html references, relative to app://loupe/index.html', async () => {
    const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(1);
    for (const ref of refs) {
      const url = new URL(ref, 'app://loupe/index.html').toString();
      expect(url.startsWith('app://loupe/'), ref).toBe(true);
      expect((await appProtocolResponse({ method: 'GET', url }, files)).status, ref).toBe(200);
    }
    expect(html).not.toContain('loupe-image:');
    expect(html).toContain("script-src 'self'");
  });
});
