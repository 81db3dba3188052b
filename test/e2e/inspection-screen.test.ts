// End to end: the inspection screen in Debian's Chromium against the loopback host (real services,
// real virtual scanner, real OCR, real PDF). Sign in, scan, read the MRZ and checks, switch lights,
// decide, reopen from history, export the report and check its first page with poppler.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir';
import { artifactsDir, chromiumMissing, waitForExpression, useStation } from './e2e-station';
import { deviceStateIs, READ_CSP_VIOLATIONS, VIEWER_IMAGE_DECODED } from './page-scripts';

const OFFICER = { name: 'Ada Lindqvist', badge: 'B-4711' };

describe.skipIf(chromiumMissing)('inspection screen (Chromium against the loopback host)', () => {
  const station = useStation('loupe-e2e-data-', { acceptDownloads: true });
  const workDir = useTempDir('loupe-e2e-work-');

  it('signs in, scans, inspects, decides, reopens from history and exports the report', async () => {
    const { host, page, consoleErrors } = station;
    await page.goto(host.url);
    // The token became a cookie; it no longer shows in the address bar.
    expect(page.url()).not.toContain('token=');

    // Sign in.
    mkdirSync(artifactsDir, { recursive: true });
    await page.getByTestId('sign-in-name').fill(OFFICER.name);
    await page.getByTestId('sign-in-badge').fill(OFFICER.badge);
    await page.screenshot({ path: join(artifactsDir, 'sign-in.png') });
    await page.getByTestId('sign-in-submit').click();
    await expectText(page, 'officer', OFFICER.name);

    // A scan from a device that is not ready (no folder set): the device's words, and what to do
    // next for a device that failed, whatever its own kind of failure.
    const scanner = page.getByTestId('device-virtual-scanner');
    await scanner.waitFor();
    await page.getByTestId('device-picker').selectOption('hot-folder');
    await page.locator('body').press('s');
    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    expect(await banner.getAttribute('data-kind')).toBe('DeviceUnavailable');
    expect(await banner.getAttribute('data-category')).toBe('unavailable');
    expect(await banner.textContent()).toMatch(/not ready.*Check that the device is switched on and connected/s);
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await banner.waitFor({ state: 'detached' });
    // Chromium logs the refused request (the host answers a device failure with a 500), and nothing else.
    await expect.poll(() => consoleErrors.length).toBe(1);
    expect(consoleErrors.splice(0)).toEqual([expect.stringMatching(/status of 500 .*examination:scan/)]);

    // Scan from the virtual scanner, with the keyboard.
    await waitForExpression(page, deviceStateIs('virtual-scanner', 'connected'));
    await page.getByTestId('device-picker').selectOption('virtual-scanner');
    await page.locator('body').press('s');
    const inspection = page.getByTestId('inspection');
    await inspection.waitFor({ timeout: 60_000 });
    const examinationId = await inspection.getAttribute('data-examination-id');
    expect(examinationId).toBeTruthy();

    // The MRZ lines and the checks are on screen.
    const line0 = (await page.getByTestId('mrz-line-0').textContent()) ?? '';
    expect(line0).toMatch(/^[A-Z0-9<]{30,44}$/);
    expect(await page.locator('[data-testid^="mrz-field-"]').count()).toBeGreaterThan(3);
    const checks = page.locator('[data-testid^="check-"]');
    expect(await checks.count()).toBeGreaterThan(0);
    await page.getByTestId('layer-data-integrity').waitFor();
    // Layers that cannot run yet read "not performed", never pass or fail.
    expect(await page.locator('[data-testid^="check-"][data-status="not-performed"]').count()).toBeGreaterThan(0);

    // Switch lights with keys and the toolbar: the image source follows.
    const image = page.getByTestId('viewer-image');
    await waitForImage(page);
    const whiteSrc = await image.getAttribute('src');
    await page.locator('body').press('2');
    await expect.poll(() => image.getAttribute('data-light')).toBe('ir');
    const irSrc = await image.getAttribute('src');
    expect(irSrc).not.toBe(whiteSrc);
    await page.getByTestId('light-uv').click();
    await expect.poll(() => image.getAttribute('data-light')).toBe('uv');
    expect(await image.getAttribute('src')).not.toBe(irSrc);
    await waitForImage(page);
    await page.screenshot({ path: join(artifactsDir, 'ultraviolet.png') });
    await page.locator('body').press('1');
    await expect.poll(() => image.getAttribute('src')).toBe(whiteSrc);
    await waitForImage(page);

    // The inspection screen as an officer first sees it: saved as the test artefact.
    const screenshot = join(artifactsDir, 'inspection.png');
    await page.screenshot({ path: screenshot });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);

    await page.getByTestId('checks-list').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifactsDir, 'checks.png') });

    // The magnifier follows the pointer over the image.
    await page.locator('body').press('m');
    const box = await image.boundingBox();
    expect(box).not.toBeNull();
    await page.mouse.move(box!.x + box!.width * 0.3, box!.y + box!.height * 0.85);
    await page.getByTestId('magnifier').waitFor();
    await page.screenshot({ path: join(artifactsDir, 'magnifier.png') });
    await page.locator('body').press('m');
    await page.getByTestId('magnifier').waitFor({ state: 'detached' });

    // Zoom with the keyboard; the shortcut sheet opens on ? and closes on Escape.
    await page.locator('body').press('+');
    await expectText(page, 'zoom-level', '125');
    await page.locator('body').press('0');
    await expectText(page, 'zoom-level', '100');
    await page.locator('body').press('?');
    await page.getByTestId('shortcut-sheet').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcut-sheet').waitFor({ state: 'detached' });

    // Record a decision.
    await page.getByTestId('decision-verdict-genuine').check();
    await page.getByTestId('decision-reasons').fill('MRZ check digits correct\nSecurity features present under UV');
    await page.getByTestId('decision-notes').fill('Routine check at the first line.');
    await page.getByTestId('decision-submit').click();
    await expectText(page, 'decision-recorded', OFFICER.name);

    await page.screenshot({ path: join(artifactsDir, 'decision.png') });

    // History: the examination is listed with its decision; filters work; reopen it.
    await page.locator('body').press('h');
    const row = page.getByTestId(`history-row-${examinationId}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Genuine');
    await page.getByTestId('history-decision').selectOption('false-forged');
    await page.getByTestId('history-apply').click();
    await page.getByTestId('history-empty').waitFor();
    await page.getByTestId('history-decision').selectOption('genuine');
    await page.getByTestId('history-apply').click();
    await row.waitFor();
    await page.screenshot({ path: join(artifactsDir, 'history.png') });
    await page.getByTestId(`history-open-${examinationId}`).click();
    await page.locator(`[data-testid="inspection"][data-examination-id="${examinationId}"]`).waitFor();
    await expectText(page, 'decision-recorded', OFFICER.name);
    expect(await page.getByTestId('decision-verdict-genuine').isChecked()).toBe(true);

    // The PDF report: created, fetched with the page's cookie, first page rendered by poppler.
    await page.getByTestId('report-button').click();
    const link = page.getByTestId('report-link');
    await link.waitFor({ timeout: 60_000 });
    const href = await link.getAttribute('href');
    const response = await page.request.get(new URL(href ?? '', page.url()).toString());
    expect(response.status()).toBe(200);
    const pdf = await response.body();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdfPath = join(workDir, 'report.pdf');
    writeFileSync(pdfPath, pdf);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', pdfPath, join(workDir, 'page')]);
    const pngPath = [join(workDir, 'page-1.png'), join(workDir, 'page-01.png')].find((p) => existsSync(p));
    expect(pngPath).toBeDefined();
    const { channels } = await sharp(pngPath!).greyscale().stats();
    // A blank page has no variation at all.
    expect(channels[0]!.stdev).toBeGreaterThan(5);
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '2', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain(OFFICER.name);

    // A finding on MRZ characters: selecting it highlights those characters in the MRZ panel.
    // The virtual scanner cycles through the bundled specimens; some carry dated or corrected MRZs.
    const mrzFinding = page.locator('[data-evidence~="mrz"]').first();
    for (let scans = 0; scans < 5 && (await mrzFinding.count()) === 0; scans++) {
      const previous = await page.getByTestId('inspection').getAttribute('data-examination-id');
      await page.locator('body').press('s');
      await page.locator(`[data-testid="inspection"]:not([data-examination-id="${previous}"])`).waitFor({ timeout: 60_000 });
    }
    expect(await mrzFinding.count()).toBe(1);
    expect(await page.locator('.mrz-char--focus').count()).toBe(0);
    await mrzFinding.click();
    expect(await page.locator('.mrz-char--focus').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifactsDir, 'mrz-finding.png') });

    // Nothing went wrong on the page.
    const violations: unknown = await page.evaluate(READ_CSP_VIOLATIONS);
    expect(violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

async function expectText(page: Page, testId: string, text: string): Promise<void> {
  await expect.poll(async () => (await page.getByTestId(testId).textContent()) ?? '', { timeout: 30_000 }).toContain(text);
}

/** The viewer's image has decoded (served by the host, allowed by the page's CSP). */
async function waitForImage(page: Page): Promise<void> {
  await waitForExpression(page, VIEWER_IMAGE_DECODED);
}
