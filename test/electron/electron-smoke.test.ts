// Launches the real desktop app through Playwright's Electron support. The Electron binary cannot be
// downloaded on every machine (npm installs run with ELECTRON_SKIP_BINARY_DOWNLOAD=1): where it is
// absent this test is skipped with the reason; where it is present it runs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir';

function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown as string;
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

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
      expect(await page.evaluate(() => typeof (window as unknown as { loupe?: unknown }).loupe)).toBe('object');
      expect(await page.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require)).toBe('undefined');
      const info = await page.evaluate(() => (window as unknown as { loupe: { 'app:info': (r: object) => Promise<{ transport: string }> } }).loupe['app:info']({}));
      expect(info.transport).toBe('electron');
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const w = BrowserWindow.getAllWindows()[0]!;
        const p = w.webContents.getLastWebPreferences();
        return { contextIsolation: p?.contextIsolation, sandbox: p?.sandbox, nodeIntegration: p?.nodeIntegration };
      });
      expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    } finally {
      await app.close();
    }
  }, 180_000);
});
