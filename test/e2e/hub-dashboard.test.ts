// The hub dashboard in Chromium under its CSP: the printed link signs the browser in, the four
// charts draw (echarts, dark theme), the current expert alerts (not the superseded or expired
// ones), emerging trends and the records table fill, a chart click filters, and nothing is blocked
// or logged as an error.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestBundle } from '../../electron/hub/hub-ingest';
import { startHubServer, type HubServer } from '../../electron/hub/hub-server';
import { openSqliteHubStore } from '../../electron/hub/sqlite-hub-store';
import type { HubStore } from '../../electron/hub/hub-store';
import { isoWeekOf } from '../../electron/trends/iso-week';
import { useTempDir } from '../helpers/temp-dir';
import { makeAlert } from '../helpers/hub-alerts';
import { bundleOf, makeRecord, newIdentity, recordItem } from '../helpers/trend-fixtures';
import { artifactsDir, CHROMIUM, CHROMIUM_ARGS, chromiumMissing, waitForExpression } from './e2e-station';
import { READ_CSP_VIOLATIONS, RECORD_CSP_VIOLATIONS } from './page-scripts';
import { accessibilityViolations, blocking, describeViolations } from './screen-audit';

const dir = useTempDir('loupe-hub-e2e-');
let store: HubStore | undefined;
let server: HubServer | undefined;
let browser: Browser | undefined;

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
});

describe.skipIf(chromiumMissing)('hub dashboard', () => {
  it('draws the trend charts and filters by a clicked series, under a strict CSP', async () => {
    const station = newIdentity();
    store = openSqliteHubStore(join(dir, 'hub.sqlite'));
    await store.addTrust(station.publicKey, 'Batrovci', 'admin');
    const thisWeek = isoWeekOf(new Date());
    const weeks = Array.from({ length: 8 }, (_, i) => isoWeekOf(new Date(Date.now() - (7 - i) * 7 * 86_400_000)));
    const items = weeks.flatMap((week, w) =>
      Array.from({ length: 6 + w }, (_, i) =>
        recordItem(makeRecord(station.station, w * 100 + i, { week, fraudType: i % 3 === 0 ? 'counterfeit' : 'forged-photo-substitution', pointOfEntry: i % 2 ? 'RS-HORGOS' : 'RS-BATROVCI', caughtBy: ['uv-dullness'] })),
      ),
    );
    for (let i = 0; i < 5; i++) items.push(recordItem(makeRecord(station.station, 9000 + i, { week: thisWeek, issuer: 'D', fraudType: 'stolen-blank' })));
    const first = makeAlert(station.station, { title: 'Guilloche break (first version)', week: weeks[2]! });
    const alerts = [
      first,
      makeAlert(station.station, { title: 'Guilloche break under the photo', week: weeks[5]!, supersedes: first.id, hotspots: [{ light: 'white', x: 10, y: 10, w: 40, h: 20, label: 'Guilloche' }, { light: 'uv', x: 60, y: 10, w: 40, h: 20, label: 'UV emblem' }] }),
      makeAlert(station.station, { title: 'Expired warning', week: weeks[0]!, validUntilWeek: weeks[1]! }),
    ];
    items.push(...alerts.map((alert) => ({ type: 'alert' as const, alert })));
    await ingestBundle(store, bundleOf(station, items), station.station);
    server = await startHubServer({ store });

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1100 } })).newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript({ content: RECORD_CSP_VIOLATIONS });
    await page.goto(`${server.url}/?token=${server.token}`);
    await waitForExpression(page, "document.body.dataset.ready === 'true'");

    for (const d of ['fraudType', 'document', 'pointOfEntry', 'check']) {
      expect(await page.locator(`[data-testid="chart-${d}"] canvas`).count(), d).toBeGreaterThan(0);
    }
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^81 records match/);
    // Fraud types in words and stations by their trust-list names, never raw keys or key fingerprints.
    expect(await page.locator('[data-testid="emerging"] tbody').textContent()).toMatch(/newD · Passport · 2019Stolen blank5/);
    expect(await page.locator('[data-testid="records"] tbody tr').count()).toBe(50);
    const named = `Batrovci (${station.station.slice(0, 8)}…)`;
    const recordCells = await page.locator('[data-testid="records"] tbody tr').first().locator('td').allTextContents();
    expect(recordCells).toContain(named);
    expect(recordCells.some((c) => /Counterfeit|Forged — photo substitution|Stolen blank/.test(c))).toBe(true);
    const tableText = (await page.locator('[data-testid="records"] tbody').textContent())!;
    expect(tableText).not.toContain('forged-photo-substitution');
    expect(tableText).not.toContain(station.station);
    const legend = (await page.evaluate(`echarts.getInstanceByDom(document.querySelector('[data-testid="chart-fraudType"]')).getOption().series.map((s) => s.name)`)) as string[];
    expect(legend.sort()).toEqual(['Counterfeit', 'Forged — photo substitution', 'Stolen blank']);
    expect(await page.locator('#fraud-type option[value="forged-photo-substitution"]').textContent()).toBe('Forged — photo substitution');
    // One current alert: the superseded first version and the expired one are not listed.
    const alertRows = page.locator('[data-testid="alerts"] tbody tr');
    expect(await alertRows.count()).toBe(1);
    // Its scope: an alert published without one stands for its own issuer, type and series.
    expect(await alertRows.first().locator('td').allTextContents()).toEqual([
      weeks[5], 'until replaced', 'UTO · Passport · 2019', 'Counterfeit', 'Guilloche break under the photo', 'Guilloche lines broken under the photo; UV emblem missing', 'Guilloche, UV emblem', 'UTO · Passport · 2019', named, 'SRB',
    ]);
    // The page's background is dark (color-scheme dark, dark echarts theme).
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(17, 20, 24)');
    mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: join(artifactsDir, 'hub-dashboard.png'), fullPage: true });
    // The dashboard passes the same accessibility audit as the station's screens.
    expect(describeViolations('hub dashboard', blocking(await accessibilityViolations(page)))).toBe('');

    // Filtering through the form reloads charts, tables and the CSV link.
    await page.selectOption('#fraud-type', 'counterfeit');
    await page.getByRole('button', { name: 'Apply' }).click();
    await waitForExpression(page, "document.body.dataset.ready === 'true' && /^28 records match/.test(document.getElementById('status').textContent)");
    expect(await page.locator('#csv').getAttribute('href')).toBe('/v1/trends/records.csv?fraudType=counterfeit');
    expect(await page.evaluate(READ_CSP_VIOLATIONS)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
