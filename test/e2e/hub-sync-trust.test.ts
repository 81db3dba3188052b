// End to end: trusting the hub's stations after a sync refused their bundles, in Debian's Chromium
// against the loopback host and a real hub server (SQLite, signed requests) on another loopback
// port. The first sync refuses a third station's bundle (unknown signer) and moves past it; ticking
// "also trust the stations the hub trusts" makes the next sync adopt it and pull everything again by
// itself, so its records come in, and the trusted-stations panel lists it without a reload. A sync
// with nothing new pulls nothing; "Pull everything again" rescans on request.
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateStationKey } from '../../electron/trust/station-key';
import { HubClient } from '../../electron/trends/hub-client';
import { startHubServer, type HubServer } from '../../electron/hub/hub-server';
import { openSqliteHubStore } from '../../electron/hub/sqlite-hub-store';
import type { HubStore } from '../../electron/hub/hub-store';
import { isoWeekOf } from '../../electron/trends/iso-week';
import { newIdentity, recordBundle } from '../helpers/trend-fixtures';
import { useTempDir } from '../helpers/temp-dir';
import { artifactsDir, chromiumMissing, signIn, startStation, stopStation, waitForExpression, type Station } from './e2e-station';
import { READ_CSP_VIOLATIONS } from './page-scripts';

const OFFICER = { name: 'Jovan Perić', badge: 'B-3310' };
const WEEK = isoWeekOf(new Date());

describe.skipIf(chromiumMissing)('trusting the hub stations after a refused pull (Chromium, loopback host and hub)', () => {
  const dataDir = useTempDir('loupe-e2e-hub-trust-data-');
  const hubDir = useTempDir('loupe-e2e-hub-trust-hub-');
  let host: Station['host'];
  let browser: Browser;
  let page: Page;
  let hubStore: HubStore;
  let hub: HubServer;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const station = loadOrCreateStationKey(dataDir);
    hubStore = await openSqliteHubStore(join(hubDir, 'hub.sqlite'));
    await hubStore.addTrust(station.publicKey, 'This station', 'admin');
    const third = newIdentity();
    await hubStore.addTrust(third.publicKey, 'Third station', 'admin');
    hub = await startHubServer({ store: hubStore });
    await new HubClient(hub.url, third).push(recordBundle(third, 0, 2, { week: WEEK }));
    ({ host, browser, page } = await startStation(dataDir, consoleErrors, { viewport: { width: 1280, height: 720 } }));
  });
  afterAll(async () => {
    await stopStation({ host, browser, page });
    await hub?.close();
    await hubStore?.close();
  });

  const syncAndWait = async (button: 'hub-sync-button' | 'hub-rescan') => {
    const before = (await page.getByTestId('hub-result').getAttribute('data-finished-at', { timeout: 100 }).catch(() => null)) ?? '';
    await page.getByTestId(button).click();
    await waitForExpression(page, `(() => { const r = document.querySelector('[data-testid="hub-result"]'); return r !== null && r.getAttribute('data-finished-at') !== ${JSON.stringify(before)}; })()`);
    expect(await page.getByTestId('hub-result').getAttribute('data-ok')).toBe('true');
    return (await page.getByTestId('hub-result').textContent())!;
  };

  it('pulls the refused bundles again by itself once their station is trusted, and lists it at once', async () => {
    await signIn(page, host.url, OFFICER);
    await page.getByTestId('nav-trends').click();
    await page.getByTestId('chart-weekly').waitFor();
    const members = page.getByTestId('trust-member');
    expect(await members.count()).toBe(0);

    // First sync, trusting nobody: the third station's bundle is refused and the position moves past it.
    await page.getByTestId('hub-sync').scrollIntoViewIfNeeded();
    await page.getByTestId('hub-url').fill(hub.url);
    let text = await syncAndWait('hub-sync-button');
    expect(text).toMatch(/received: 1 · records added: 0/);
    expect(text).toMatch(/1 unknown-signer/);
    expect(await page.getByTestId('hub-rescanned').count()).toBe(0);

    // Trusting the hub's stations: adopted, pulled again from the start, its two records added.
    await page.getByTestId('hub-adopt').check();
    text = await syncAndWait('hub-sync-button');
    expect(text).toMatch(/added to the trusted stations: 1/);
    expect(text).toMatch(/received: 1 · records added: 2/);
    expect(await page.getByTestId('hub-rescanned').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('chart-weekly-total').textContent()).toBe('2');
    // The trusted-stations panel lists the adopted station without a reload.
    await expect.poll(() => members.count()).toBe(1);
    expect(await members.first().textContent()).toContain('Third station');
    for (const size of [{ width: 1280, height: 720 }, { width: 1600, height: 1000 }]) {
      await page.setViewportSize(size);
      await page.getByTestId('hub-result').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifactsDir, `hub-sync-trust-${size.width}.png`) });
      await page.getByTestId('trust-list').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifactsDir, `hub-sync-trust-list-${size.width}.png`) });
    }

    // Nothing new and the same trust: nothing pulled again.
    text = await syncAndWait('hub-sync-button');
    expect(text).toMatch(/received: 0 · records added: 0/);
    expect(await page.getByTestId('hub-rescanned').count()).toBe(0);

    // On request, everything again; what is held is skipped.
    text = await syncAndWait('hub-rescan');
    expect(text).toMatch(/received: 1 · records added: 0/);
    expect(await page.getByTestId('hub-rescanned').isVisible()).toBe(true);
    expect(await page.getByTestId('chart-weekly-total').textContent()).toBe('2');

    expect(await page.evaluate(READ_CSP_VIOLATIONS)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 180_000);
});
