// End to end: fraud trends in Debian's Chromium against the loopback host. A specimen arrives in
// the hot folder; the officer decides it forged; the proposal dialog shows the non-personal record;
// a note naming the holder is refused in place; the clean record is confirmed; the Trends screen
// counts it in its chart and lists it in the drill-down. An expert alert is published for the
// class, and the next examination of that class shows its banner and its hotspot on the image.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBundle } from '../../electron/exchange/bundle-codec';
import { identityFromPrivateKey } from '../../electron/exchange/station-identity';
import { useTempDir } from '../helpers/temp-dir';
import { makeRecord } from '../unit/trends/trend-fixtures';
import { chromiumMissing, repoRoot, signIn, startStation, stopStation, waitForExpression, type Station } from './e2e-station';
import { READ_CSP_VIOLATIONS } from './page-scripts';

const specimensDir = join(repoRoot, 'assets', 'specimens');
const SPECIMEN = 'spc-9303-0000';
const OFFICER = { name: 'Mara Ilić', badge: 'B-2207' };

describe.skipIf(chromiumMissing)('fraud trends (Chromium against the loopback host)', () => {
  const dataDir = useTempDir('loupe-e2e-trends-data-');
  const hotFolder = useTempDir('loupe-e2e-trends-hot-');
  const workDir = useTempDir('loupe-e2e-trends-work-');
  let host: Station['host'];
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    ({ host, browser, page } = await startStation(dataDir, consoleErrors));
  });
  afterAll(() => stopStation({ host, browser, page }));

  async function deliver(name: string): Promise<string> {
    const staging = join(workDir, name);
    mkdirSync(staging, { recursive: true });
    for (const light of ['white', 'ir', 'uv']) await copyFile(join(specimensDir, `${SPECIMEN}_${light}.png`), join(staging, `${name}_${light}.png`));
    const before = await page.getByTestId('inspection').getAttribute('data-examination-id').catch(() => null);
    for (const light of ['white', 'ir', 'uv']) renameSync(join(staging, `${name}_${light}.png`), join(hotFolder, `${name}_${light}.png`));
    await waitForExpression(page, `(() => { const el = document.querySelector('[data-testid="inspection"]'); return el !== null && el.getAttribute('data-examination-id') !== ${JSON.stringify(before)}; })()`, 120_000);
    return (await page.getByTestId('inspection').getAttribute('data-examination-id'))!;
  }

  it('records a trend after a fraud verdict, charts it, and shows an expert alert on the next document', async () => {
    await signIn(page, host.url, OFFICER);
    await page.getByTestId('empty-state').waitFor();
    const configured = await page.evaluate(async (folder) => {
      const response = await fetch('/api/invoke/devices:configure', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'hot-folder', settings: { folder } }) });
      return response.status;
    }, hotFolder);
    expect(configured).toBe(200);

    await deliver('first');
    const examinationId = await page.getByTestId('inspection').getAttribute('data-examination-id');
    const holderSurname = await page.evaluate(async (id) => {
      const r = await fetch('/api/invoke/examination:get', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) });
      return ((await r.json()) as { mrz: { fields: { surname: string } } }).mrz.fields.surname;
    }, examinationId);
    expect(holderSurname.length).toBeGreaterThan(1);

    // The fraud verdict opens the proposal.
    await page.getByTestId('decision-verdict-false-forged').check();
    await page.getByTestId('decision-reasons').fill('Laminate lifted over the portrait');
    await page.getByTestId('decision-submit').click();
    const dialog = page.getByTestId('trend-proposal');
    await dialog.waitFor();
    await page.getByTestId('proposal-fraud-type').waitFor();
    expect(await page.getByTestId('proposal-document').textContent()).toContain('aurora-td3');

    // A note naming the holder is refused, in the dialog, by kind — the name is not echoed.
    await page.getByTestId('proposal-notes').fill(`carried by ${holderSurname.toLowerCase()}`);
    await page.getByTestId('proposal-confirm').click();
    const problem = page.getByTestId('proposal-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/personal data \(name/);
    expect(await problem.textContent()).not.toContain(holderSurname);

    await page.getByTestId('proposal-fraud-type').selectOption('forged-photo-substitution');
    await page.getByTestId('proposal-notes').fill('Portrait replaced and re-laminated at the lower edge.');
    await page.getByTestId('proposal-confirm').click();
    await dialog.waitFor({ state: 'detached' });

    // The Trends screen counts it in the weekly chart and lists it in the drill-down.
    await page.getByTestId('nav-trends').click();
    await page.getByTestId('chart-weekly').waitFor();
    await waitForExpression(page, `document.querySelector('[data-testid="chart-weekly-total"]')?.textContent === '1'`);
    expect(await page.evaluate(`document.querySelectorAll('[data-testid="chart-weekly"] canvas').length`)).toBeGreaterThan(0);
    await page.getByTestId('trends-drill-all').click();
    const row = page.getByTestId('trend-record-row');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    const text = (await row.textContent())!;
    expect(text).toContain('photo substitution');
    expect(text).toContain('re-laminated');
    expect(text).not.toContain(holderSurname);

    // A partner's bundle on a stick: trusted through the trust panel, imported with the file picker.
    expect(await page.getByTestId('trust-identity').textContent()).toMatch(/[0-9a-f]{16}/);
    const partner = identityFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
    const bundleFile = join(workDir, 'partner.bundle');
    writeFileSync(bundleFile, encodeBundle([makeRecord({ station: partner.station }), makeRecord({ station: partner.station })].map((record) => ({ type: 'record' as const, record })), partner, { scope: 'national', k: null, since: null }));
    await page.getByTestId('trust-name').fill('Partner station');
    await page.getByTestId('trust-key').fill(partner.publicKey);
    await page.getByTestId('trust-add').click();
    await page.getByTestId('trust-member').waitFor();
    await page.getByTestId('import-file').setInputFiles(bundleFile);
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await report.getAttribute('data-applied')).toBe('true');
    expect(await report.textContent()).toMatch(/2 records and 0 alerts added/);

    // An expert alert for the class, with a hotspot on the UV emblem.
    await page.getByTestId('alert-class').selectOption('aurora-td3');
    await page.getByTestId('alert-zone-uv-emblem').check();
    await page.getByTestId('alert-title').fill('Weak UV emblem on altered books');
    await page.getByTestId('alert-look-for').fill('The emblem fluoresces dull and blurred; genuine books show sharp lines.');
    await page.getByTestId('alert-publish-button').click();
    await page.getByTestId('alert-published').waitFor();

    // The next document of that class shows the banner and the hotspot under UV.
    await page.getByTestId('nav-inspect').click();
    await deliver('second');
    const banner = page.getByTestId('alert-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Weak UV emblem on altered books');
    await page.keyboard.press('3');
    await waitForExpression(page, `document.querySelectorAll('[data-testid^="overlay-alert-"]').length > 0`);

    const violations: unknown = await page.evaluate(READ_CSP_VIOLATIONS);
    expect(violations).toEqual([]);
    // The one expected error: the refused note came back as 400 (InvalidInput), shown in the dialog.
    expect(consoleErrors.filter((e) => !/status of 400 .*trends:record/.test(e))).toEqual([]);
    expect(consoleErrors.filter((e) => /trends:record/.test(e))).toHaveLength(1);
  }, 300_000);
});
