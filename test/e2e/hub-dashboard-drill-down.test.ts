// The hub dashboard's drill-down in Chromium, with real mouse clicks on the charts: a click on a
// series of the fraud type, point of entry or document chart sets that filter and reloads the page,
// and "more" appends the next records page until none is left.
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestBundle } from '../../electron/hub/hub-ingest';
import { startHubServer, type HubServer } from '../../electron/hub/hub-server';
import type { HubStore } from '../../electron/hub/hub-store';
import { openSqliteHubStore } from '../../electron/hub/sqlite-hub-store';
import { isoWeekOf } from '../../electron/trends/iso-week';
import { useTempDir } from '../helpers/temp-dir';
import { bundleOf, makeRecord, newIdentity, recordItem } from '../helpers/trend-fixtures';
import { CHROMIUM, CHROMIUM_ARGS, chromiumMissing, waitForExpression } from './e2e-station';
import { READ_CSP_VIOLATIONS, RECORD_CSP_VIOLATIONS } from './page-scripts';

const dir = useTempDir('loupe-hub-drill-');
let store: HubStore | undefined;
let server: HubServer | undefined;
let browser: Browser | undefined;

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
});

const WEEKS = 4;
/** The chart's grid margins in dashboard-charts.ts (left, right, bottom). */
const GRID = { left: 40, right: 16, bottom: 28 };

/** Clicks the lowest stacked series (the chart's largest key) in the last week's bar. */
async function clickLargestSeries(page: Page, dimension: string): Promise<void> {
  const chart = page.locator(`[data-testid="chart-${dimension}"]`);
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  if (!box) throw new Error(`chart ${dimension} is not shown`);
  const plotWidth = box.width - GRID.left - GRID.right;
  await page.mouse.click(box.x + GRID.left + (plotWidth * (WEEKS - 0.5)) / WEEKS, box.y + box.height - GRID.bottom - 3);
}

const statusIs = (count: number) => `document.body.dataset.ready === 'true' && /^${count} records match/.test(document.getElementById('status').textContent)`;

describe.skipIf(chromiumMissing)('hub dashboard drill-down', () => {
  it('narrows the filters to a clicked series and pages the records with "more"', async () => {
    const station = newIdentity();
    store = openSqliteHubStore(join(dir, 'hub.sqlite'));
    await store.addTrust(station.publicKey, 'Batrovci', 'admin');
    const weeks = Array.from({ length: WEEKS }, (_, i) => isoWeekOf(new Date(Date.now() - (WEEKS - 1 - i) * 7 * 86_400_000)));
    // Each week: 15 UTO photo substitutions at Batrovci (the largest key of every chart), 4 D counterfeits at Horgoš.
    const items = weeks.flatMap((week, w) => [
      ...Array.from({ length: 15 }, (_, i) => recordItem(makeRecord(station.station, w * 100 + i, { week }))),
      ...Array.from({ length: 4 }, (_, i) => recordItem(makeRecord(station.station, w * 100 + 50 + i, { week, issuer: 'D', fraudType: 'counterfeit', pointOfEntry: 'RS-HORGOS' }))),
    ]);
    await ingestBundle(store, bundleOf(station, items), station.station);
    server = await startHubServer({ store });

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1100 } })).newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.addInitScript({ content: RECORD_CSP_VIOLATIONS });
    await page.goto(`${server.url}/?token=${server.token}`);
    await waitForExpression(page, statusIs(76));
    const clear = async () => {
      await page.getByRole('button', { name: 'Clear' }).click();
      await waitForExpression(page, statusIs(76));
    };

    await clickLargestSeries(page, 'fraudType');
    await waitForExpression(page, statusIs(60));
    expect(await page.inputValue('#fraud-type')).toBe('forged-photo-substitution');
    expect(await page.locator('#csv').getAttribute('href')).toBe('/v1/trends/records.csv?fraudType=forged-photo-substitution');
    await clear();

    await clickLargestSeries(page, 'pointOfEntry');
    await waitForExpression(page, statusIs(60));
    expect(await page.inputValue('input[name="pointOfEntry"]')).toBe('RS-BATROVCI');
    await clear();

    // A document key is issuer · document · series: the click filters by its issuer.
    await clickLargestSeries(page, 'document');
    await waitForExpression(page, statusIs(60));
    expect(await page.inputValue('input[name="issuer"]')).toBe('UTO');
    const rows = page.locator('[data-testid="records"] tbody tr');
    expect(await rows.count()).toBe(50);
    await page.locator('#more').click();
    await expect.poll(() => rows.count()).toBe(60);
    expect(await page.locator('#more').isHidden()).toBe(true);
    expect(await rows.last().textContent()).toMatch(new RegExp(`^${weeks[0]}UTO`));
    // The tooltip of a hovered bar is drawn on the canvas: nothing the CSP refuses (an HTML
    // tooltip writes style attributes into markup).
    const chart = page.locator('[data-testid="chart-fraudType"]');
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    for (let x = box.x + GRID.left; x < box.x + box.width - GRID.right; x += 40) await page.mouse.move(x, box.y + box.height / 2);
    await page.waitForTimeout(300);
    expect(await page.evaluate(READ_CSP_VIOLATIONS)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
