// End to end: expert alerts scoped to issuers, document types and series, in Debian's Chromium
// against the loopback host. A FIN passport of the shared aurora-td3 design is decided a
// counterfeit; the alert form opens prefilled with its issuer, type and series; hotspots over the
// issuing state's name and over part of the UV emblem are accepted, one over the portrait is refused
// naming the portrait; the alert is published for FIN passports, a second one — by an explicit
// choice — for every document, and a partner's alert made before scopes existed arrives in a bundle.
// The FIN passport shows all three; a PHL passport of the same design does not show the FIN alert;
// an ESP identity card shows the regional one, without hotspots from another class, and the old
// alert of its own design.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ExpertAlert, ExpertAlertContent } from '../../electron/contract/trends.contract';
import { encodeBundle } from '../../electron/exchange/bundle-codec';
import { contentId } from '../../electron/exchange/canonical-json';
import { identityFromPrivateKey } from '../../electron/trust/station-identity';
import { generateSpecimens } from '../../electron/specimens/specimen-generator';
import { isoWeekOf } from '../../electron/trends/iso-week';
import { makeAlert } from '../helpers/hub-alerts';
import { useTempDir } from '../helpers/temp-dir';
import { artifactsDir, chromiumMissing, repoRoot, signIn, useStation, waitForExpression } from './e2e-station';
import { READ_CSP_VIOLATIONS } from './page-scripts';

const OFFICER = { name: 'Mara Ilić', badge: 'B-2207' };
const AURORA = { issuer: null, documentType: 'Passport (specimen design aurora-td3)', series: '2024', documentClassId: 'aurora-td3' };
const HARBOR = { issuer: null, documentType: 'Identity card (specimen design harbor-td1)', series: '2024', documentClassId: 'harbor-td1' };
const FIN_TITLE = 'FIN passports: reprinted state name';
const REGIONAL_TITLE = 'Every document: laminate lifted at the corner';
const OLD_TITLE = 'Aurora passports: dull emblem';
const OLD_HARBOR_TITLE = 'Harbor cards: blurred header';

/** A partner's alert as stations made them before scopes existed (no `scope` field). */
function oldAlert(station: string, title: string, cls: typeof AURORA): ExpertAlert {
  const { id: _id, ...base } = makeAlert(station, { title, week: isoWeekOf(new Date()), issuer: cls.issuer, documentType: cls.documentType, series: cls.series });
  const content: ExpertAlertContent = { ...base, documentClassId: cls.documentClassId };
  return { ...content, id: contentId(content) };
}

describe.skipIf(chromiumMissing)('expert alert scope (Chromium against the loopback host)', () => {
  const station = useStation('loupe-e2e-alert-scope-data-');
  const hotFolder = useTempDir('loupe-e2e-alert-scope-hot-');
  const workDir = useTempDir('loupe-e2e-alert-scope-work-');

  /** Puts a document's three images into the hot folder at once and waits for its examination. */
  async function deliver(name: string, files: Record<'white' | 'ir' | 'uv', string>): Promise<string> {
    const { page } = station;
    const staging = join(workDir, `staging-${name}`);
    mkdirSync(staging, { recursive: true });
    for (const light of ['white', 'ir', 'uv'] as const) await copyFile(files[light], join(staging, `${name}_${light}.png`));
    const before = await page.getByTestId('inspection').getAttribute('data-examination-id').catch(() => null);
    for (const light of ['white', 'ir', 'uv']) renameSync(join(staging, `${name}_${light}.png`), join(hotFolder, `${name}_${light}.png`));
    // A capture that arrives while a case is on screen waits until the officer opens it.
    if (before !== null) {
      await page.getByTestId('nav-inspect').click();
      await page.getByTestId('capture-queue-open').click({ timeout: 120_000 });
    }
    await waitForExpression(page, `(() => { const el = document.querySelector('[data-testid="inspection"]'); return el !== null && el.getAttribute('data-examination-id') !== ${JSON.stringify(before)}; })()`, 120_000);
    return (await page.getByTestId('inspection').getAttribute('data-examination-id'))!;
  }
  const bundled = (id: string) => ({ white: join(repoRoot, 'assets', 'specimens', `${id}_white.png`), ir: join(repoRoot, 'assets', 'specimens', `${id}_ir.png`), uv: join(repoRoot, 'assets', 'specimens', `${id}_uv.png`) });

  async function bannerTitles(page: Page): Promise<string[]> {
    await page.getByTestId('nav-inspect').click();
    await page.getByTestId('inspection').waitFor();
    // The banner is read once the alerts of the document on screen have arrived.
    await page.waitForTimeout(500);
    return (await page.locator('[data-testid="alert-banner-item"] strong').allTextContents()).map((s) => s.replace(/^Expert alert: /, '')).sort();
  }

  it('shows an alert only on documents of its issuers, types and series, and a regional one everywhere', async () => {
    const { host, page, consoleErrors } = station;
    mkdirSync(artifactsDir, { recursive: true });
    const specimenDir = join(workDir, 'fin');
    const [fin] = await generateSpecimens({ outDir: specimenDir, count: 1, seed: 3, format: 'TD3' });
    expect(fin!.design).toBe('aurora-td3');
    expect(fin!.mrzFields.issuingState).toBe('FIN');
    const finFiles = Object.fromEntries(readdirSync(specimenDir).filter((f) => f.endsWith('.png')).map((f) => [f.replace(/^.*_(white|ir|uv)\.png$/, '$1'), join(specimenDir, f)])) as Record<'white' | 'ir' | 'uv', string>;

    await signIn(page, host.url, OFFICER);
    await page.getByTestId('empty-state').waitFor();
    const configured = await page.evaluate(async (folder) => {
      const response = await fetch('/api/invoke/devices:configure', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'hot-folder', settings: { folder } }) });
      return response.status;
    }, hotFolder);
    expect(configured).toBe(200);

    // A FIN passport of the shared design, decided a counterfeit: publish an alert from it.
    await deliver('fin', finFiles);
    await page.getByTestId('decision-verdict-false-counterfeit').check();
    await page.getByTestId('decision-reasons').fill('State name reprinted');
    await page.getByTestId('decision-submit').click();
    await page.getByTestId('trend-proposal').waitFor();
    await page.getByTestId('proposal-then-alert').check();
    await page.getByTestId('proposal-confirm').click();
    await page.getByTestId('trends-view').waitFor();
    await expect.poll(() => page.getByTestId('alert-class').inputValue()).toBe('aurora-td3');
    // Prefilled from the examination: its issuer (the class names none), the class's type and series.
    await expect.poll(() => page.getByTestId('alert-scope-issuers').inputValue()).toBe('FIN');
    expect(await page.getByTestId('alert-scope-types').inputValue()).toBe(AURORA.documentType);
    expect(await page.getByTestId('alert-scope-series').inputValue()).toBe('2024');
    expect(await page.getByTestId('alert-scope-documents').isChecked()).toBe(true);
    expect(await page.getByTestId('alert-scope-regional').isChecked()).toBe(false);

    // Hotspots: the issuing state's name and part of the UV emblem are no holder data; the portrait is.
    await waitForExpression(page, `(() => { const img = document.querySelector('[data-testid="hotspot-image"]'); return img !== null && img.complete && img.naturalWidth > 0; })()`);
    const surface = page.getByTestId('hotspot-boxes');
    const drag = async (from: [number, number], to: [number, number]) => {
      await surface.scrollIntoViewIfNeeded();
      const r = (await surface.boundingBox())!;
      const at = (x: number, y: number) => ({ x: r.x + (x * r.width) / 1476, y: r.y + (y * r.height) / 1039 });
      const a = at(...from);
      const b = at(...to);
      await page.mouse.move(a.x, a.y);
      await page.mouse.down();
      await page.mouse.move(b.x, b.y, { steps: 5 });
      await page.mouse.up();
    };
    const boxes = page.getByTestId('hotspot-box');
    await drag([190, 15], [1080, 70]);
    await expect.poll(() => boxes.count()).toBe(1);
    expect(await boxes.nth(0).getAttribute('data-refused')).toBe('false');
    await drag([700, 300], [1000, 600]);
    await expect.poll(() => boxes.count()).toBe(2);
    expect(await boxes.nth(1).getAttribute('data-refused')).toBe('false');
    await drag([100, 250], [400, 600]);
    await expect.poll(() => boxes.count()).toBe(3);
    expect(await boxes.nth(2).getAttribute('data-refused')).toBe('true');
    expect(await boxes.nth(2).getAttribute('data-refused-by')).toBe('photo');
    expect(await boxes.nth(2).getByTestId('hotspot-refused-by').textContent()).toBe('Covers Portrait');
    expect(await page.getByTestId('hotspot-item').nth(2).textContent()).toContain('Covers the holder’s data (Portrait)');
    await page.getByTestId('hotspot-editor').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifactsDir, 'alert-hotspots-refused.png') });
    await page.keyboard.press('Delete');
    await expect.poll(() => boxes.count()).toBe(2);
    await page.getByTestId('hotspot-label-0').fill('State name print');
    await page.getByTestId('hotspot-label-1').fill('Emblem tips');

    // A scope that names nothing is refused in words; FIN passports it is.
    await page.getByTestId('alert-title').fill(FIN_TITLE);
    await page.getByTestId('alert-look-for').fill('The state name is printed by inkjet: no fine lines, dots under the loupe.');
    for (const field of ['alert-scope-issuers', 'alert-scope-types', 'alert-scope-series']) await page.getByTestId(field).fill('');
    await page.getByTestId('alert-publish-button').click();
    expect(await page.getByTestId('alert-problem').textContent()).toBe('Name at least one issuer, document type or series, or choose regional.');
    await page.getByTestId('alert-scope-issuers').fill('fin');
    await page.getByTestId('alert-scope-types').fill(AURORA.documentType);
    await page.getByTestId('alert-scope-series').fill('2024');
    await page.getByTestId('alert-scope').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifactsDir, 'alert-scope-form-1600.png') });
    await page.getByTestId('alert-publish-button').click();
    await page.getByTestId('alert-published').waitFor();

    // The regional one, by choosing it.
    await page.getByTestId('alert-class').selectOption('aurora-td3');
    await page.getByTestId('alert-title').fill(REGIONAL_TITLE);
    await page.getByTestId('alert-look-for').fill('The laminate lifts at the lower right corner.');
    await page.getByTestId('alert-scope-regional').check();
    expect(await page.getByTestId('alert-scope-issuers').isDisabled()).toBe(true);
    await drag([1250, 150], [1450, 500]);
    await page.getByTestId('hotspot-label-0').fill('Corner');
    await page.getByTestId('alert-publish-button').click();
    await expect.poll(() => page.getByTestId('alert-published').textContent()).toContain(REGIONAL_TITLE);

    // The station's own alerts say where each is shown.
    const own = page.getByTestId('own-alert');
    await expect.poll(() => own.count()).toBe(2);
    const scopes = Object.fromEntries(await Promise.all((await own.all()).map(async (row) => [(await row.locator('strong').textContent())!, (await row.getByTestId('own-alert-scope').textContent())!])));
    expect(scopes).toEqual({ [FIN_TITLE]: `For issuer FIN · ${AURORA.documentType} · series 2024`, [REGIONAL_TITLE]: 'Regional: every document' });

    // A partner's alerts made before scopes existed, for aurora-td3 and harbor-td1, arrive in a bundle.
    const partner = identityFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
    const bundleFile = join(workDir, 'partner.bundle');
    writeFileSync(bundleFile, encodeBundle([oldAlert(partner.station, OLD_TITLE, AURORA), oldAlert(partner.station, OLD_HARBOR_TITLE, HARBOR)].map((alert) => ({ type: 'alert' as const, alert })), partner, { scope: 'national', k: null, since: null }));
    await page.getByTestId('trust-name').fill('Partner station');
    await page.getByTestId('trust-key').fill(partner.publicKey);
    await page.getByTestId('trust-add').click();
    await page.getByTestId('trust-member').waitFor();
    await page.getByTestId('import-file').setInputFiles(bundleFile);
    await expect.poll(() => page.getByTestId('import-report').getAttribute('data-applied')).toBe('true');

    // The FIN passport: its alert (with hotspots drawn), the regional one, the partner's old one for its design.
    expect(await bannerTitles(page)).toEqual([OLD_TITLE, FIN_TITLE, REGIONAL_TITLE].sort());
    expect(await page.locator('[data-testid="alert-banner-scope"]').allTextContents()).toContain(`For any issuer · ${AURORA.documentType} · series 2024`);
    await page.keyboard.press('1');
    await expect.poll(() => page.locator('[data-testid^="overlay-alert-"]').count()).toBe(3);
    for (const size of [{ width: 1280, height: 720 }, { width: 1600, height: 1000 }]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: join(artifactsDir, `alert-scope-banner-${size.width}.png`) });
    }

    // A PHL passport of the same design: never the FIN alert.
    await deliver('phl', bundled('spc-9303-0000'));
    expect(await bannerTitles(page)).toEqual([OLD_TITLE, REGIONAL_TITLE].sort());

    // An ESP identity card of another design: the regional alert, its hotspots (aurora-td3 pixels)
    // not drawn, and the partner's old alert for its own design.
    await deliver('esp', bundled('spc-9303-0001'));
    expect(await bannerTitles(page)).toEqual([OLD_HARBOR_TITLE, REGIONAL_TITLE].sort());
    expect((await page.locator('[data-testid="alert-banner-scope"]').allTextContents()).sort()).toEqual([`For any issuer · ${HARBOR.documentType} · series 2024`, 'Regional: every document']);
    expect(await page.locator('[data-testid^="overlay-alert-"]').count()).toBe(0);

    expect(await page.evaluate(READ_CSP_VIOLATIONS)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 300_000);
});
