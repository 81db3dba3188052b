// Shared set-up of the browser tests: the renderer built once per file, a loopback host on a fresh
// data folder, Debian's Chromium with console errors and CSP violations recorded.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { rendererBuildIsCurrent } from '../../electron/common/renderer-build';
import { startHost, type Host, type HostOptions } from '../../electron/host/host-server';
import { useTempDir } from '../helpers/temp-dir';
import { RECORD_CSP_VIOLATIONS } from './page-scripts';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const artifactsDir = join(repoRoot, '.cache', 'e2e');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
export const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing) console.warn(`Browser tests skipped: Debian's Chromium is not installed at ${CHROMIUM} (scripts/install-system-packages.sh installs it).`);

export interface Station {
  host: Host;
  browser: Browser;
  page: Page;
}

/** Builds the UI, starts a host on `dataDir`, opens a page; console errors go into `consoleErrors`. */
export async function startStation(
  dataDir: string,
  consoleErrors: string[],
  context: BrowserContextOptions = {},
  /** Extra Chromium flags (e.g. a fake camera) and host options (e.g. portrait specimens). */
  options: { chromiumArgs?: string[]; host?: Omit<HostOptions, 'dataDir'> } = {},
): Promise<Station> {
  // Built once per change of the renderer's sources, not once per file. Several e2e files may build
  // the same output at the same time: never empty it under their feet.
  if (!rendererBuildIsCurrent()) {
    await build({ configFile: join(repoRoot, 'vite.config.ts'), root: join(repoRoot, 'renderer'), logLevel: 'error', build: { emptyOutDir: false } });
  }
  const host = await startHost({ dataDir, ...options.host });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...(options.chromiumArgs ?? [])] });
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 }, ...context })).newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
  await page.addInitScript({ content: RECORD_CSP_VIOLATIONS });
  return { host, browser, page };
}

export async function stopStation(station: Partial<Station> | undefined): Promise<void> {
  await station?.browser?.close();
  await station?.host?.close();
}

/** A station for the tests of one file: its data folder, console errors, and host/browser/page once started. */
export interface StationHandle extends Station {
  dataDir: string;
  consoleErrors: string[];
}

/**
 * Starts a station on a fresh data folder before the file's tests and stops it after them;
 * `prepare` fills the data folder first (e.g. a station reference library), as an earlier run would have.
 */
export function useStation(prefix: string, context: BrowserContextOptions = {}, prepare?: (dataDir: string) => void | Promise<void>): StationHandle {
  const dataDir = useTempDir(prefix);
  const consoleErrors: string[] = [];
  let station: Station | undefined;
  beforeAll(async () => {
    await prepare?.(dataDir);
    station = await startStation(dataDir, consoleErrors, context);
  });
  afterAll(() => stopStation(station));
  const started = (): Station => {
    if (!station) throw new Error('the station did not start (see the error of beforeAll)');
    return station;
  };
  return {
    dataDir,
    consoleErrors,
    get host() {
      return started().host;
    },
    get browser() {
      return started().browser;
    },
    get page() {
      return started().page;
    },
  };
}

/** Opens the printed URL; reloads while the UI is still being rebuilt by another test file. */
export async function openStation(page: Page, url: string): Promise<void> {
  await page.goto(url);
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      await page.getByTestId('sign-in-name').waitFor({ timeout: 5_000 });
      return;
    } catch {
      await page.reload();
    }
  }
  await page.getByTestId('sign-in-name').waitFor();
}

/** Opens the station and signs the officer in. */
export async function signIn(page: Page, url: string, officer: { name: string; badge: string }): Promise<void> {
  await openStation(page, url);
  await page.getByTestId('sign-in-name').fill(officer.name);
  await page.getByTestId('sign-in-badge').fill(officer.badge);
  await page.getByTestId('sign-in-submit').click();
}

/**
 * Waits until `expression` (a page-side JavaScript expression) is true, polling through the debugging
 * protocol: Playwright's waitForFunction re-evaluates strings inside the page, which its CSP forbids.
 */
export async function waitForExpression(page: Page, expression: string, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if ((await page.evaluate(expression)) === true) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${expression.slice(0, 120)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
