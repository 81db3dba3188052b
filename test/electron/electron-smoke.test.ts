// Launches the real desktop app through Playwright's Electron support. The Electron binary cannot be
// downloaded on every machine (npm installs run with ELECTRON_SKIP_BINARY_DOWNLOAD=1): where it is
// absent this test is skipped with the reason; where it is present it runs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../../electron/common/electron-binary';
import { useTempDir } from '../helpers/temp-dir';

const binary = electronBinary();
if (!binary) console.warn('Electron smoke test skipped: the Electron binary is not installed on this machine (node_modules/electron has no dist/).');

describe.skipIf(!binary)('desktop app (Electron)', () => {
  const dataDir = useTempDir('loupe-electron-');

  it('opens one hardened window with window.loupe and no Node in the page', async () => {
    const built = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
    expect(built.status).toBe(0);
    const app = await electron.launch({ executablePath: binary!, args: [join(process.cwd(), 'dist', 'electron', 'main.mjs')], env: { ...process.env, LOUPE_DATA_DIR: dataDir } });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      type PageGlobal = { loupe?: { 'app:info': (r: object) => Promise<{ transport: string }> }; require?: unknown; process?: unknown; location: { href: string } };
      expect(await page.evaluate(() => typeof (globalThis as unknown as PageGlobal).loupe)).toBe('object');
      expect(await page.evaluate(() => typeof (globalThis as unknown as PageGlobal).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as unknown as PageGlobal).process)).toBe('undefined');
      const info = await page.evaluate(() => (globalThis as unknown as Required<PageGlobal>).loupe['app:info']({}));
      expect(info.transport).toBe('electron');
      // Navigation away from the app is blocked.
      const before = page.url();
      await page.evaluate(() => ((globalThis as unknown as PageGlobal).location.href = 'https://example.com/'));
      await page.waitForTimeout(500);
      expect(page.url()).toBe(before);
    } finally {
      await app.close();
    }
  }, 180_000);
});
