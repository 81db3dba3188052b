// End to end: correcting trend records and syncing with the regional hub from the Trends screen,
// in Debian's Chromium against the loopback host and a real hub server (SQLite, signed requests)
// on another loopback port. The station starts with two records of its own and one received from
// a partner: only its own get "Correct…"; a correction with a document-number-like note is refused
// in the dialog, a clean one replaces the record in the counts, and the drill-down shows the old
// record as superseded with a link to the new one. Then "Sync now" says plainly that nothing
// answers at a wrong address, and against the hub pushes this station's records and brings in a
// partner's, with the counts updated and the time of the last sync shown.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrendRecord } from '../../electron/contract/trends.contract';
import { encodeBundle } from '../../electron/exchange/bundle-codec';
import { loadOrCreateStationKey } from '../../electron/trust/station-key';
import { HubClient } from '../../electron/trends/hub-client';
import { startHubServer, type HubServer } from '../../electron/hub/hub-server';
import { openSqliteHubStore } from '../../electron/hub/sqlite-hub-store';
import type { HubStore } from '../../electron/hub/hub-store';
import { isoWeekOf } from '../../electron/trends/iso-week';
import { openStationTrends, trustForTrends, importAtStation } from '../helpers/station-trends';
import { newIdentity, recordBundle } from '../helpers/trend-fixtures';
import { useTempDir } from '../helpers/temp-dir';
import { makeRecord } from '../unit/trends/trend-fixtures';
import { artifactsDir, chromiumMissing, signIn, startStation, stopStation, waitForExpression, type Station } from './e2e-station';
import { READ_CSP_VIOLATIONS } from './page-scripts';

const OFFICER = { name: 'Jovan Perić', badge: 'B-3310' };
const WEEK = isoWeekOf(new Date());
const total = (page: Page) => page.getByTestId('chart-weekly-total').textContent();

describe.skipIf(chromiumMissing)('trend corrections and hub sync (Chromium against the loopback host)', () => {
  const dataDir = useTempDir('loupe-e2e-corrections-data-');
  const hubDir = useTempDir('loupe-e2e-corrections-hub-');
  let host: Station['host'];
  let browser: Browser;
  let page: Page;
  let hubStore: HubStore;
  let hub: HubServer;
  let own: TrendRecord;
  let foreign: TrendRecord;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    // The station's database before the app starts: two records of its own, one of a partner.
    const store = openStationTrends(dataDir);
    const station = loadOrCreateStationKey(dataDir);
    const partner = newIdentity();
    own = makeRecord({ station: station.station, week: WEEK, fraudType: 'forged-other', notes: 'laminate lifted' });
    store.addRecord(own);
    store.addRecord(makeRecord({ station: station.station, week: WEEK, fraudType: 'counterfeit' }));
    trustForTrends(store, 'Partner station', partner.publicKey);
    foreign = makeRecord({ station: partner.station, week: WEEK, fraudType: 'counterfeit' });
    expect(importAtStation(store, encodeBundle([{ type: 'record', record: foreign }], partner, { scope: 'national', k: null, since: null })).applied).toBe(true);
    store.close();

    // The regional hub knows this station and a third one, which has pushed two records.
    hubStore = await openSqliteHubStore(join(hubDir, 'hub.sqlite'));
    await hubStore.addTrust(station.publicKey, 'This station', 'admin');
    const third = newIdentity();
    await hubStore.addTrust(third.publicKey, 'Third station', 'admin');
    hub = await startHubServer({ store: hubStore });
    await new HubClient(hub.url, third).push(recordBundle(third, 0, 2, { week: WEEK }));

    ({ host, browser, page } = await startStation(dataDir, consoleErrors));
  });
  afterAll(async () => {
    await stopStation({ host, browser, page });
    await hub?.close();
    await hubStore?.close();
  });

  it('corrects a record made here and shows the counts change; received records cannot be corrected', async () => {
    await signIn(page, host.url, OFFICER);
    await page.getByTestId('nav-trends').click();
    await page.getByTestId('chart-weekly').waitFor();
    await expect.poll(() => total(page)).toBe('3');

    // Only the forgeries of the "other" kind: one record, made here.
    await page.getByTestId('trends-fraud-type').selectOption('forged-other');
    await page.getByTestId('trends-apply').click();
    await expect.poll(() => total(page)).toBe('1');
    await page.getByTestId('trends-drill-all').click();
    const rows = page.getByTestId('trend-record-row');
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByTestId('record-correct').click();

    // The same fields as the proposal; a note that looks like a document number is refused there.
    const dialog = page.getByTestId('trend-correction');
    await dialog.waitFor();
    expect(await page.getByTestId('correction-fraud-type').inputValue()).toBe('forged-other');
    await page.getByTestId('correction-fraud-type').selectOption('forged-photo-substitution');
    await page.getByTestId('correction-notes').fill('same book AB1234567 seen before');
    await page.getByTestId('correction-save').click();
    await expect.poll(() => page.getByTestId('correction-problem').textContent()).toMatch(/personal data \(document-number-like\)/);
    await page.getByTestId('correction-notes').fill('Portrait replaced; laminate lifted at the corner.');
    await page.getByTestId('correction-save').click();
    await dialog.waitFor({ state: 'detached' });

    // The old record left the count of its kind; it stays listed, superseded, with a link.
    await expect.poll(() => total(page)).toBe('0');
    await page.getByTestId('trends-drill-notice').waitFor();
    const old = page.locator(`[data-testid="trend-record-row"][data-record-id="${own.id}"]`);
    expect(await old.getAttribute('data-superseded')).toBe('true');
    expect(await old.getByTestId('record-correct').count()).toBe(0);
    await old.getByTestId('record-replaced-by').click();
    // The replacement (outside this filter) is brought into the list and focused.
    await waitForExpression(page, `document.activeElement?.getAttribute('data-testid') === 'trend-record-row' && document.activeElement?.getAttribute('data-superseded') === 'false'`);
    expect(await page.evaluate(`document.activeElement.textContent`)).toContain('photo substitution');
    mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: join(artifactsDir, 'trend-correction.png') });

    // Without the filter: still three current records, the correction among them; the partner's
    // record has no "Correct…".
    await page.getByTestId('trends-fraud-type').selectOption('');
    await page.getByTestId('trends-apply').click();
    await expect.poll(() => total(page)).toBe('3');
    await page.getByTestId('trends-drill-all').click();
    await expect.poll(() => rows.count()).toBe(4);
    const received = page.locator(`[data-testid="trend-record-row"][data-record-id="${foreign.id}"]`);
    expect(await received.getByTestId('record-correct').count()).toBe(0);
    expect(await received.textContent()).toMatch(/From station [0-9a-f]{16}/);
    expect(await page.locator('[data-testid="record-correct"]').count()).toBe(2);
  }, 120_000);

  it('syncs with the hub: a plain message when nothing answers, then push and pull with the counts updated', async () => {
    const form = page.getByTestId('hub-sync');
    await form.scrollIntoViewIfNeeded();
    expect(await page.getByTestId('hub-last').textContent()).toMatch(/Not synced yet/);
    const result = page.getByTestId('hub-result');

    // A wrong port: nothing answers.
    await page.getByTestId('hub-url').fill(hub.url.replace(/:(\d+)$/, (_m, port: string) => `:${Number(port) === 1 ? 2 : 1}`));
    await page.getByTestId('hub-sync-button').click();
    await result.waitFor();
    expect(await result.getAttribute('data-fault')).toBe('unreachable');
    expect(await result.textContent()).toMatch(/cannot be reached/);

    // The hub: this station's own three records (the corrected one, its correction, the other)
    // go up in one bundle — never the partner's —, the third station's two records come down (its
    // key adopted from the hub's member list).
    await page.getByTestId('hub-url').fill(hub.url);
    await page.getByTestId('hub-adopt').check();
    await page.getByTestId('hub-sync-button').click();
    await waitForExpression(page, `document.querySelector('[data-testid="hub-result"]')?.getAttribute('data-ok') === 'true'`);
    const text = (await result.textContent())!;
    expect(text).toMatch(/Bundles sent: 1 \(already on the hub: 0\) · received: 1 · records added: 2 · alerts added: 0/);
    expect(text).toMatch(/added to the trusted stations: 1/);
    expect(await page.getByTestId('hub-last').textContent()).toMatch(/Last sync: .+ — succeeded/);
    await expect.poll(() => total(page)).toBe('5');
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifactsDir, 'trend-hub-sync.png') });
    expect((await hubStore.tableCounts()).hub_records).toBe(5);

    // The address is saved: it is there after a reload.
    await page.reload();
    await page.getByTestId('nav-trends').click();
    await expect.poll(() => page.getByTestId('hub-url').inputValue()).toBe(hub.url);

    const violations: unknown = await page.evaluate(READ_CSP_VIOLATIONS);
    expect(violations).toEqual([]);
    // The one expected error: the refused note came back as 400 (InvalidInput), shown in the dialog.
    expect(consoleErrors.filter((e) => !/status of 400 .*trends:correct/.test(e))).toEqual([]);
  }, 120_000);
});
