// End to end: an expert alert published, replaced and withdrawn from the Trends screen, in Debian's
// Chromium against the loopback host, with the inspection screen's banner checked after each step.
// An examination of a specimen of the class is in the station's history; the alert is published
// with the UV emblem as its hotspot; "Replace…" (from the keyboard) fills the form with it, a
// replacement that changes nothing is refused in plain words, a changed one takes its place in the
// list and in the banner; "Withdraw…" asks first, and afterwards the banner is gone.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExaminationService } from '../../electron/examination/examination.service';
import { builtinReferenceDir, openReferenceLibrary, userReferenceDir } from '../../electron/reference';
import { DATABASE_FILE, openStationStore } from '../../electron/store';
import { useTempDir } from '../helpers/temp-dir';
import { artifactsDir, chromiumMissing, repoRoot, signIn, startStation, stopStation, type Station } from './e2e-station';
import { READ_CSP_VIOLATIONS } from './page-scripts';

const specimensDir = join(repoRoot, 'assets', 'specimens');
const SPECIMEN = 'spc-9303-0000';
const OFFICER = { name: 'Nada Savić', badge: 'B-5120' };

describe.skipIf(chromiumMissing)('replacing and withdrawing an expert alert (Chromium against the loopback host)', () => {
  const dataDir = useTempDir('loupe-e2e-alerts-data-');
  const consoleErrors: string[] = [];
  let host: Station['host'];
  let browser: Browser;
  let page: Page;
  let examinationId: string;

  beforeAll(async () => {
    // The examination is made before the station starts (as a scan earlier in the shift), so no
    // capture is still being examined when the station closes.
    const store = openStationStore(dataDir);
    const library = openReferenceLibrary({ builtinDir: builtinReferenceDir(), userDir: userReferenceDir(dataDir) });
    const examinations = new ExaminationService(store, 'Gate 3', library);
    try {
      const exam = await examinations.examine({ source: 'files', images: (['white', 'ir', 'uv'] as const).map((light) => ({ light, path: join(specimensDir, `${SPECIMEN}_${light}.png`) })) }, OFFICER);
      expect(exam.identification?.classId).toBe('aurora-td3');
      examinationId = exam.id;
    } finally {
      await examinations.close();
      store.close();
    }
    ({ host, browser, page } = await startStation(dataDir, consoleErrors));
  }, 180_000);
  afterAll(() => stopStation({ host, browser, page }));

  it('publishes an alert, replaces it, withdraws it, and the inspection banner follows each step', async () => {
    await signIn(page, host.url, OFFICER);
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('nav-history').click();
    await page.getByTestId(`history-open-${examinationId}`).click();
    await page.getByTestId('inspection').waitFor();
    expect(await page.getByTestId('alert-banner').count()).toBe(0);
    const bannerItems = page.getByTestId('alert-banner-item');

    // Publish.
    await page.getByTestId('nav-trends').click();
    await page.getByTestId('own-alerts-empty').waitFor();
    await page.getByTestId('alert-class').selectOption('aurora-td3');
    await page.getByTestId('alert-zone-uv-emblem').check();
    await page.getByTestId('alert-title').fill('Dull UV emblem');
    await page.getByTestId('alert-look-for').fill('The emblem barely glows under UV.');
    await page.getByTestId('alert-publish-button').click();
    await page.getByTestId('alert-published').waitFor();
    await expect.poll(() => page.getByTestId('own-alert').count()).toBe(1);
    expect(await page.getByTestId('own-alert').textContent()).toContain('Dull UV emblem');

    await page.getByTestId('nav-inspect').click();
    await page.getByTestId('alert-banner').waitFor();
    await expect.poll(() => bannerItems.count()).toBe(1);
    expect(await bannerItems.first().textContent()).toContain('Dull UV emblem');

    // Replace, from the keyboard: the form comes filled with the alert.
    await page.getByTestId('nav-trends').click();
    await page.getByTestId('own-alert').waitFor();
    await page.getByTestId('own-alert-replace').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('alert-replacing').waitFor();
    await expect.poll(() => page.getByTestId('alert-title').inputValue()).toBe('Dull UV emblem');
    expect(await page.getByTestId('alert-class').inputValue()).toBe('aurora-td3');
    expect(await page.getByTestId('alert-look-for').inputValue()).toBe('The emblem barely glows under UV.');
    await expect.poll(() => page.getByTestId('hotspot-box').count()).toBe(1);
    await expect.poll(() => page.getByTestId('alert-zone-uv-emblem').isChecked()).toBe(true);
    // Nothing changed: refused in the form, in plain words.
    await page.getByTestId('alert-publish-button').click();
    await expect.poll(() => page.getByTestId('alert-problem').textContent()).toMatch(/says the same as the alert/);
    await page.getByTestId('alert-title').fill('Dull UV emblem and a blurred guilloche');
    await page.getByTestId('alert-look-for').fill('The emblem barely glows under UV; the guilloche lines run together.');
    mkdirSync(artifactsDir, { recursive: true });
    await page.getByTestId('own-alerts').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifactsDir, 'alert-replace-form.png') });
    await page.getByTestId('alert-publish-button').click();
    await expect.poll(() => page.getByTestId('alert-published').textContent()).toMatch(/in place of the earlier alert/);
    await page.getByTestId('alert-replacing').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('own-alert').textContent()).toContain('blurred guilloche');
    expect(await page.getByTestId('own-alert').count()).toBe(1);

    await page.getByTestId('nav-inspect').click();
    await expect.poll(() => bannerItems.first().textContent()).toContain('Dull UV emblem and a blurred guilloche');
    expect(await bannerItems.count()).toBe(1);

    // Withdraw: asked first (the safe choice has the focus), confirmed from the keyboard.
    await page.getByTestId('nav-trends').click();
    await page.getByTestId('own-alert').waitFor();
    await page.getByTestId('own-alert-withdraw').click();
    const dialog = page.getByTestId('alert-withdraw');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Dull UV emblem and a blurred guilloche');
    expect(await page.evaluate(`document.activeElement?.getAttribute('data-testid')`)).toBe('alert-withdraw-cancel');
    await page.screenshot({ path: join(artifactsDir, 'alert-withdraw-dialog.png') });
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('own-alerts-empty').waitFor();
    expect(await page.getByTestId('own-alerts-notice').textContent()).toContain('Withdrawn');

    await page.getByTestId('nav-inspect').click();
    await page.getByTestId('inspection').waitFor();
    await expect.poll(() => page.getByTestId('alert-banner').count()).toBe(0);

    // Each step is in the audit log under the officer's name, with the alerts' ids.
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      const audit = db.prepare("SELECT action, officer_name, details FROM audit_log WHERE action LIKE 'trends.%Alert' ORDER BY id").all() as { action: string; officer_name: string; details: string }[];
      expect(audit.map((r) => [r.action, r.officer_name])).toEqual([['trends.publishAlert', OFFICER.name], ['trends.replaceAlert', OFFICER.name], ['trends.withdrawAlert', OFFICER.name]]);
      const [published, replaced, withdrawn] = audit.map((r) => JSON.parse(r.details) as Record<string, string>);
      expect(replaced).toMatchObject({ replaces: published!.alert });
      expect(withdrawn).toMatchObject({ withdraws: replaced!.alert });
    } finally {
      db.close();
    }

    const violations: unknown = await page.evaluate(READ_CSP_VIOLATIONS);
    expect(violations).toEqual([]);
    // The one expected error: the unchanged replacement came back as 400 (InvalidInput), shown in the form.
    expect(consoleErrors.filter((e) => !/status of 400 .*trends:replaceAlert/.test(e))).toEqual([]);
  }, 300_000);
});
