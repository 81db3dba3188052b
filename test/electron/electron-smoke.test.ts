// Launches the real desktop app through Playwright's Electron support. The Electron binary cannot be
// downloaded on every machine (npm installs run with ELECTRON_SKIP_BINARY_DOWNLOAD=1): where it is
// absent this test is skipped with the reason; where it is present it runs. The decisions it checks
// here in the real window (app:// scheme, sender check, permissions, CSP) are also unit-tested
// without the binary in test/unit/desktop/.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../../electron/common/electron-binary';
import { APP_CSP } from '../../electron/desktop/app-protocol';
import { UNTRUSTED_SENDER_MESSAGE } from '../../electron/desktop/ipc-sender-policy';
import { useTempDir } from '../helpers/temp-dir';

const binary = electronBinary();
if (!binary) console.warn('Electron smoke test skipped: the Electron binary is not installed on this machine (node_modules/electron has no dist/).');

type Api = Record<'app:info' | 'session:signIn' | 'examination:scan' | 'report:create', (r: object) => Promise<unknown>>;
// The Node-side type-check has no DOM: the page's globals are described here.
type PageGlobal = {
  loupe?: Api;
  require?: unknown;
  process?: unknown;
  inlineRan?: boolean;
  location: { href: string; origin: string };
  document: { createElement(t: string): { textContent: string }; head: { appendChild(n: unknown): void } };
  navigator: { permissions: { query(d: { name: string }): Promise<{ state: string }> } };
};

describe.skipIf(!binary)('desktop app (Electron)', () => {
  const dataDir = useTempDir('loupe-electron-');

  it('opens one hardened window at app://loupe with window.loupe, no Node, its CSP and its permissions', async () => {
    const built = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
    expect(built.status).toBe(0);
    const main = join(process.cwd(), 'dist', 'electron', 'main.mjs');
    const app = await electron.launch({ executablePath: binary!, args: [main], env: { ...process.env, LOUPE_DATA_DIR: dataDir } });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      // Served from the app's own origin, not file://.
      expect(page.url()).toBe('app://loupe/index.html');
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobal).location.origin)).toBe('app://loupe');
      expect(await page.evaluate(() => typeof (globalThis as unknown as PageGlobal).loupe)).toBe('object');
      expect(await page.evaluate(() => typeof (globalThis as unknown as PageGlobal).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as unknown as PageGlobal).process)).toBe('undefined');
      const info = (await page.evaluate(() => (globalThis as unknown as Required<PageGlobal>).loupe['app:info']({}))) as { transport: string; imageBase: string };
      expect(info.transport).toBe('electron');
      expect(info.imageBase).toBe('/images/');

      // The scheme: renderer files with their types and the CSP; no way out of dist/renderer.
      const answers = await page.evaluate(async () => {
        const get = async (u: string) => {
          const r = await fetch(u);
          return { status: r.status, type: r.headers.get('content-type'), csp: r.headers.get('content-security-policy') };
        };
        return { index: await get('/index.html'), traversal: await get('/..%2F..%2Fpackage.json'), missing: await get('/no-such-file.js') };
      });
      expect(answers.index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
      expect(answers.index.csp).toContain(APP_CSP);
      expect(answers.traversal.status).toBe(404);
      expect(answers.missing.status).toBe(404);
      // The CSP holds: an injected inline script does not run.
      await page.evaluate(() => {
        const g = globalThis as unknown as PageGlobal;
        const s = g.document.createElement('script');
        s.textContent = 'globalThis.inlineRan = true';
        g.document.head.appendChild(s);
      });
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobal).inlineRan === true)).toBe(false);

      // Permissions: nothing but the camera.
      const states = await page.evaluate(async () => {
        const q = (name: string) => (globalThis as unknown as PageGlobal).navigator.permissions.query({ name }).then((s) => s.state, (e: Error) => `error: ${e.message}`);
        return { microphone: await q('microphone'), notifications: await q('notifications'), geolocation: await q('geolocation') };
      });
      for (const [name, state] of Object.entries(states)) expect(state, name).not.toBe('granted');

      // An examination's images and report are served under the same origin.
      const served = await page.evaluate(async () => {
        const loupe = (globalThis as unknown as Required<PageGlobal>).loupe;
        await loupe['session:signIn']({ name: 'Ana Petrović', badge: 'B-1701' });
        const exam = (await loupe['examination:scan']({ deviceId: 'virtual-scanner' })) as { id: string; images: { hash: string }[] };
        const image = await fetch(`/images/${exam.images[0]!.hash}`);
        const report = (await loupe['report:create']({ id: exam.id })) as { url: string };
        const pdf = await fetch(report.url);
        return { image: [image.status, image.headers.get('content-type')], reportUrl: report.url, pdf: [pdf.status, pdf.headers.get('content-type')] };
      });
      expect(served.image[0]).toBe(200);
      expect(served.image[1]).toMatch(/^image\//);
      expect(served.reportUrl).toMatch(/^\/reports\/loupe-report-[0-9a-f-]{36}\.pdf$/);
      expect(served.pdf).toEqual([200, 'application/pdf']);

      // The sender check: the same page in another window reaches no service.
      const preload = join(process.cwd(), 'dist', 'electron', 'preload.cjs');
      const fromOtherWindow = await app.evaluate(async ({ BrowserWindow }, preloadPath) => {
        const other = new BrowserWindow({ show: false, webPreferences: { preload: preloadPath, sandbox: true, contextIsolation: true } });
        try {
          await other.loadURL('app://loupe/index.html');
          return (await other.webContents.executeJavaScript("window.loupe['app:info']({}).then(() => 'answered', (e) => e.message)")) as string;
        } finally {
          other.destroy();
        }
      }, preload);
      expect(fromOtherWindow).toContain(UNTRUSTED_SENDER_MESSAGE);
      // A file:// page with the preload gets no API at all.
      const fromFilePage = await app.evaluate(async ({ BrowserWindow }, preloadPath) => {
        const other = new BrowserWindow({ show: false, webPreferences: { preload: preloadPath, sandbox: true, contextIsolation: true } });
        try {
          await other.loadFile(preloadPath.replace(/electron[\\/]preload\.cjs$/, 'renderer/index.html'));
          return (await other.webContents.executeJavaScript('typeof window.loupe')) as string;
        } finally {
          other.destroy();
        }
      }, preload);
      expect(fromFilePage).toBe('undefined');

      // Navigation away from the app is blocked.
      const before = page.url();
      await page.evaluate(() => ((globalThis as unknown as PageGlobal).location.href = 'https://example.com/'));
      await page.waitForTimeout(500);
      expect(page.url()).toBe(before);
    } finally {
      await app.close();
    }
  }, 240_000);
});
