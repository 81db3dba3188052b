// End to end: fraud trends in Debian's Chromium against the loopback host. A specimen arrives in
// the hot folder; the officer decides it forged; the proposal dialog shows the non-personal record;
// a note naming the holder is refused in place; the clean record is confirmed, asking to publish an
// alert next; the Trends screen counts it in its chart and lists it in the drill-down. The alert is
// drawn on the class's reference image — a hotspot with the mouse, one with the keyboard, one over
// the portrait refused on the spot, one security feature by checkbox — with redacted example crops
// from the examination; back in the inspection screen, the document shows the alert's banner, its
// crops, and its hotspots on the image.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeBundle } from '../../electron/exchange/bundle-codec';
import { identityFromPrivateKey } from '../../electron/trust/station-identity';
import { useTempDir } from '../helpers/temp-dir';
import { makeRecord } from '../unit/trends/trend-fixtures';
import { artifactsDir, chromiumMissing, repoRoot, signIn, useStation, waitForExpression } from './e2e-station';
import { READ_CSP_VIOLATIONS } from './page-scripts';

const specimensDir = join(repoRoot, 'assets', 'specimens');
const SPECIMEN = 'spc-9303-0000';
const OFFICER = { name: 'Mara Ilić', badge: 'B-2207' };

describe.skipIf(chromiumMissing)('fraud trends (Chromium against the loopback host)', () => {
  const station = useStation('loupe-e2e-trends-data-');
  const hotFolder = useTempDir('loupe-e2e-trends-hot-');
  const workDir = useTempDir('loupe-e2e-trends-work-');

  async function deliver(name: string): Promise<string> {
    const staging = join(workDir, name);
    mkdirSync(staging, { recursive: true });
    for (const light of ['white', 'ir', 'uv']) await copyFile(join(specimensDir, `${SPECIMEN}_${light}.png`), join(staging, `${name}_${light}.png`));
    const { page } = station;
    const before = await page.getByTestId('inspection').getAttribute('data-examination-id').catch(() => null);
    for (const light of ['white', 'ir', 'uv']) renameSync(join(staging, `${name}_${light}.png`), join(hotFolder, `${name}_${light}.png`));
    await waitForExpression(page, `(() => { const el = document.querySelector('[data-testid="inspection"]'); return el !== null && el.getAttribute('data-examination-id') !== ${JSON.stringify(before)}; })()`, 120_000);
    return (await page.getByTestId('inspection').getAttribute('data-examination-id'))!;
  }

  it('records a trend after a fraud verdict, charts it, and publishes a drawn expert alert shown on a document of that class', async () => {
    const { host, page, consoleErrors } = station;
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
    await page.getByTestId('proposal-then-alert').check();
    await page.getByTestId('proposal-confirm').click();
    await dialog.waitFor({ state: 'detached' });

    // "Then publish an alert" opened the Trends screen, which counts the record in the weekly chart
    // and lists it in the drill-down.
    await page.getByTestId('trends-view').waitFor();
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

    // The alert form came with the examination's class and offers crops from it.
    expect(await page.getByTestId('alert-class').inputValue()).toBe('aurora-td3');
    await page.getByTestId('alert-source').waitFor();
    await waitForExpression(page, `(() => { const img = document.querySelector('[data-testid="hotspot-image"]'); return img !== null && img.complete && img.naturalWidth > 0; })()`);
    const surface = page.getByTestId('hotspot-boxes');
    const toScreen = async (x: number, y: number) => {
      const r = (await surface.boundingBox())!;
      return { x: r.x + (x * r.width) / 1476, y: r.y + (y * r.height) / 1039 };
    };
    const drag = async (from: [number, number], to: [number, number]) => {
      await surface.scrollIntoViewIfNeeded();
      const a = await toScreen(...from);
      const b = await toScreen(...to);
      await page.mouse.move(a.x, a.y);
      await page.mouse.down();
      await page.mouse.move(b.x, b.y, { steps: 5 });
      await page.mouse.up();
    };
    const boxes = page.getByTestId('hotspot-box');
    const boxOf = async (i: number) => (await boxes.nth(i).getAttribute('data-box'))!.split(',').map(Number);

    // A hotspot drawn with the mouse on the background right of the data fields.
    await drag([1220, 150], [1450, 560]);
    await expect.poll(() => boxes.count()).toBe(1);
    const [mx, my, mw, mh] = await boxOf(0);
    expect(Math.abs(mx! - 1220) + Math.abs(my! - 150) + Math.abs(mw! - 230) + Math.abs(mh! - 410)).toBeLessThan(12);
    expect(await boxes.nth(0).getAttribute('data-refused')).toBe('false');

    // One over the portrait turns red on the spot, and Delete removes it.
    await drag([100, 250], [400, 600]);
    await expect.poll(() => boxes.count()).toBe(2);
    expect(await boxes.nth(1).getAttribute('data-refused')).toBe('true');
    expect(await page.getByTestId('hotspot-item').nth(1).textContent()).toContain('Portrait');
    await page.keyboard.press('Delete');
    await expect.poll(() => boxes.count()).toBe(1);

    // One with the keyboard: N adds it in a free place, arrows move it, Shift + arrows resize it,
    // Shift + Tab goes back to the first box.
    await page.getByTestId('hotspot-surface').focus();
    await page.keyboard.press('n');
    await expect.poll(() => boxes.count()).toBe(2);
    const [kx, ky, kw, kh] = await boxOf(1);
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowLeft', 'Shift+ArrowDown']) await page.keyboard.press(key);
    await expect.poll(() => boxOf(1)).toEqual([kx!, ky! + 30, kw!, kh! + 10]);
    expect(await boxes.nth(1).getAttribute('data-refused')).toBe('false');
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => boxes.nth(0).getAttribute('data-selected')).toBe('true');
    expect(await page.getByTestId('hotspot-status').textContent()).toMatch(/Hotspot 1 of 2/);
    await page.getByTestId('hotspot-label-0').fill('Guilloche break');
    await page.getByTestId('hotspot-label-1').fill('Header fine lines');
    // The UV emblem, the quick way.
    await page.getByTestId('alert-zone-uv-emblem').check();
    await expect.poll(() => boxes.count()).toBe(3);

    // Example crops of the emblem and of the drawn hotspot, shown redacted, confirmed, attached.
    await page.getByTestId('alert-crop-zone-uv-emblem').check();
    await page.locator('[data-testid^="alert-crop-spot-"]').first().check();
    await expect.poll(() => page.locator('[data-testid^="alert-crop-preview-"]').count(), { timeout: 30_000 }).toBe(2);
    await page.getByTestId('alert-crops-checked').check();
    mkdirSync(artifactsDir, { recursive: true });
    await page.getByTestId('hotspot-editor').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifactsDir, 'trend-alert-form.png') });
    await page.getByTestId('alert-title').fill('Re-laminated portraits');
    await page.getByTestId('alert-look-for').fill('A break in the guilloche right of the data fields; the emblem dull under UV.');
    await page.getByTestId('alert-publish-button').click();
    await page.getByTestId('alert-published').waitFor();

    // The document on screen is of that class: its banner, crops and hotspots appear.
    await page.getByTestId('nav-inspect').click();
    const banner = page.getByTestId('alert-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Re-laminated portraits');
    await expect.poll(() => page.getByTestId('alert-banner-crop').count()).toBe(2);
    await waitForExpression(page, `[...document.querySelectorAll('[data-testid="alert-banner-crop"]')].every((img) => img.complete && img.naturalWidth > 0)`);
    await page.keyboard.press('1');
    await expect.poll(() => page.locator('[data-testid^="overlay-alert-"]').count()).toBe(2);
    await page.keyboard.press('3');
    await expect.poll(() => page.locator('[data-testid^="overlay-alert-"]').count()).toBe(1);
    await page.screenshot({ path: join(artifactsDir, 'trend-alert-banner.png') });

    const violations: unknown = await page.evaluate(READ_CSP_VIOLATIONS);
    expect(violations).toEqual([]);
    // The one expected error: the refused note came back as 400 (InvalidInput), shown in the dialog.
    expect(consoleErrors.filter((e) => !/status of 400 .*trends:record/.test(e))).toEqual([]);
    expect(consoleErrors.filter((e) => /trends:record/.test(e))).toHaveLength(1);
  }, 300_000);
});
