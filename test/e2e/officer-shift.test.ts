// End to end: an officer's shift at the inspection screen in Debian's Chromium against the loopback
// host (real hot folder, real virtual scanner, real OCR, real checks, real PDF). A photo-substituted
// passport arrives in the hot folder: the overall verdict is the first thing in the side panel and
// stays in view; the layout holds at 1280×720 and 1600×1000 with no page scroll; an expired
// document needs a confirming reason for "genuine" (on the Node side too); every decision is kept
// as a version, on screen and in the report; a new capture waits while the officer is deciding and
// nothing typed is lost without a confirmation; a damaged file in the hot folder is reported in
// plain words; MRZ dates show as dates; error titles say what happened, messages show no paths.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderSpecimen, writeSpecimen } from '../../electron/specimens';
import { useTempDir } from '../helpers/temp-dir';
import { artifactsDir, chromiumMissing, repoRoot, signIn, useStation, waitForExpression } from './e2e-station';
import { BLUR_ACTIVE_ELEMENT, deviceStateIs, INSPECTION_LAYOUT, PAGE_FITS_WINDOW, READ_CSP_VIOLATIONS, ROOM_OF_THE_CASE, SCROLL_EVERY_REGION_TO_END, SCROLL_SIDE_PANEL_TO_END } from './page-scripts';

const OFFICER = { name: 'Ada Lindqvist', badge: 'B-4711' };
const EXPERT_ALERTS = [
  ['Re-laminated portraits', 'A break in the guilloche right of the data fields, and a raised edge around the portrait; the laminate lifts at the corner under raking light.'],
  ['Glued-over portraits from a print shop', 'The portrait sits a little high in its frame; the rosette lines do not continue into it under magnification, and the blue UV emblem is interrupted.'],
  ['Counterfeit header band', 'The header band is a shade too pale and the SPECIMEN tab is printed in halftone dots instead of solid ink.'],
] as const;
const SPECIMENS = join(repoRoot, 'assets', 'specimens');

async function invoke(page: Page, channel: string, body: unknown): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ({ channel, body }) => {
      const response = await fetch(`/api/invoke/${channel}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, json: (await response.json()) as unknown };
    },
    { channel, body },
  );
}

/** A shortcut key for the screen (whatever field had the focus keeps what was typed in it). */
async function shortcut(page: Page, key: string): Promise<void> {
  await page.evaluate(BLUR_ACTIVE_ELEMENT);
  await page.keyboard.press(key);
}

/** Every scrollable region scrolled to its end, and the wheel turned over the side panel past its end. */
async function scrollEverythingToTheEnd(page: Page): Promise<void> {
  await page.evaluate(SCROLL_EVERY_REGION_TO_END);
  const side = await page.locator('.inspection__side').boundingBox({ timeout: 2_000 }).catch(() => null);
  if (side) {
    await page.mouse.move(side.x + side.width / 2, side.y + side.height / 2);
    for (let i = 0; i < 30; i++) await page.mouse.wheel(0, 900);
  }
  await page.waitForTimeout(200);
}

interface LayoutMetrics {
  scrollHeight: number;
  scrollWidth: number;
  scrollY: number;
  innerHeight: number;
  innerWidth: number;
  mrzLines: boolean[];
  mrzScroll: boolean;
  header: boolean;
  devices: boolean[];
  statusBottom: number;
}

interface RoomOfTheCase {
  alerts: number;
  inspection: number;
  inspectionBottom: number;
  verdictBottom: number;
  verdictLevelVisible: boolean;
}

describe.skipIf(chromiumMissing)('an officer’s shift at the inspection screen (Chromium against the loopback host)', () => {
  const station = useStation('loupe-e2e-shift-');
  const hotFolder = useTempDir('loupe-e2e-shift-hot-');
  const workDir = useTempDir('loupe-e2e-shift-work-');
  const staging = () => {
    const dir = join(workDir, 'staging');
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  /** Complete files appear at once (rename), as scanner software that writes then moves. */
  const drop = (files: Record<string, string>) => {
    for (const [name, from] of Object.entries(files)) {
      copyFileSync(from, join(staging(), name));
      renameSync(join(staging(), name), join(hotFolder, name));
    }
  };
  const shownId = (page: Page) => page.getByTestId('inspection').getAttribute('data-examination-id');

  it('puts the overall verdict of a photo-substituted passport first, in words, and keeps it in view', async () => {
    const { host, page } = station;
    mkdirSync(artifactsDir, { recursive: true });
    await signIn(page, host.url, OFFICER);
    await page.getByTestId('empty-state').waitFor();
    expect((await invoke(page, 'devices:configure', { id: 'hot-folder', settings: { folder: hotFolder } })).status).toBe(200);
    await waitForExpression(page, deviceStateIs('hot-folder', 'connected'));

    // Three expert alerts for the passport's class, as a busy week brings them.
    for (const [title, lookFor] of EXPERT_ALERTS) {
      const published = await invoke(page, 'trends:publishAlert', {
        documentClassId: 'aurora-td3',
        fraudType: 'forged-photo-substitution',
        title,
        lookFor,
        hotspots: [
          { light: 'white', x: 1110, y: 20, w: 300, h: 90, label: 'Header band' },
          { light: 'white', x: 1220, y: 150, w: 200, h: 300, label: 'Guilloche right of the data' },
        ],
        examinationId: null,
        cropZoneIds: [],
        validUntilWeek: null,
      });
      expect(published.status).toBe(200);
    }

    const rendered = await renderSpecimen(11, 0, { design: 'aurora-td3', degrade: 'none', forgery: 'photo-substitution' });
    const forged = join(workDir, 'forged');
    mkdirSync(forged, { recursive: true });
    writeSpecimen(forged, rendered);
    drop(Object.fromEntries((['white', 'ir', 'uv'] as const).map((light) => [`case1_${light}.png`, join(forged, rendered.truth.images[light])])));
    await page.getByTestId('inspection').waitFor({ timeout: 120_000 });

    const banner = page.getByTestId('verdict-banner');
    expect(await banner.getAttribute('data-level')).toBe('fail');
    // Words and an icon, not colour alone; the MRZ badge says only what it measures.
    expect(await page.getByTestId('verdict-level').textContent()).toBe('Fail — defects found');
    expect(await banner.locator('.exam-verdict__icon').textContent()).toBe('✕');
    expect(await page.getByTestId('mrz-validity').textContent()).toBe('MRZ check digits correct');
    // How many failed, in the head: the list may scroll on a short window.
    const failedCount = await page.locator('[data-testid^="verdict-finding-"][data-status="fail"]').count();
    expect(failedCount).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('verdict-count').textContent()).toContain(`${failedCount} failed`);
    const photo = page.getByTestId('verdict-finding-photo.substitution');
    expect(await photo.getAttribute('data-status')).toBe('fail');
    expect(await photo.textContent()).toContain('Photo zone: a straight cut or shadow line around the portrait');
    const gaps = (await page.getByTestId('verdict-not-performed').textContent()) ?? '';
    expect(gaps).toContain('Issuer signature, Chip genuineness: No chip reader is connected to this station');
    expect(gaps).toContain('Bearer match: No live capture of the holder was taken');
    expect(await page.getByTestId('verdict-next-step').textContent()).toContain('Refer the document and its holder to a document expert');
    // Above the fold, at the top of the side panel.
    const side = (await page.locator('.inspection__side').boundingBox())!;
    const top = (await banner.boundingBox())!;
    expect(top.y).toBeLessThanOrEqual(side.y + 1);
    await page.screenshot({ path: join(artifactsDir, 'verdict-fail.png') });

    // Scrolled to the end of the panel, the verdict is still there.
    await page.getByTestId('decision-form').scrollIntoViewIfNeeded();
    expect(await page.evaluate(SCROLL_SIDE_PANEL_TO_END)).toBeGreaterThan(500);
    const scrolled = (await banner.boundingBox())!;
    expect(Math.abs(scrolled.y - side.y)).toBeLessThanOrEqual(1);

    // A finding in the verdict leads to its check.
    await photo.getByRole('button').click();
    await expect.poll(() => page.getByTestId('check-photo.substitution').getAttribute('aria-pressed')).toBe('true');

    // The next step is the station's procedure: an officer changes it, the verdict shows it.
    await page.getByTestId('verdict-procedure').click();
    await page.getByTestId('procedure-dialog').waitFor();
    await page.getByTestId('procedure-fail').fill('Retain the document. Call the duty document expert (ext. 4410).');
    await page.getByTestId('procedure-save').click();
    await page.getByTestId('procedure-saved').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('procedure-dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('verdict-next-step').textContent()).toContain('Call the duty document expert (ext. 4410).');
    expect(((await invoke(page, 'examination:nextSteps', {})).json as { nextSteps: { fail: string } }).nextSteps.fail).toBe('Retain the document. Call the duty document expert (ext. 4410).');
  }, 180_000);

  it('holds the layout at 1280×720 and 1600×1000: no page scroll after every panel is scrolled to its end, nothing clipped', async () => {
    const { page } = station;
    for (const [width, height] of [[1280, 720], [1600, 1000]] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(200);
      await scrollEverythingToTheEnd(page);
      await page.screenshot({ path: join(artifactsDir, `layout-${width}x${height}-scrolled.png`) });
      const m = (await page.evaluate(INSPECTION_LAYOUT)) as LayoutMetrics;
      expect(m.scrollHeight).toBe(m.innerHeight);
      expect(m.scrollWidth).toBe(m.innerWidth);
      expect(m.scrollY).toBe(0);
      expect(m.mrzLines.length).toBe(2);
      expect(m.mrzLines.every(Boolean)).toBe(true);
      expect(m.mrzScroll).toBe(true);
      expect(m.header).toBe(true);
      expect(m.devices.length).toBeGreaterThanOrEqual(3);
      expect(m.devices.every(Boolean)).toBe(true);
      expect(m.statusBottom).toBeLessThanOrEqual(height + 0.5);
      // Three expert alerts take a line each: the verdict and the document keep the room.
      const alerts = page.getByTestId('alert-banner');
      expect(await alerts.getAttribute('data-open')).toBe('no');
      expect(await page.getByTestId('alert-banner-item').count()).toBe(3);
      const room = (await page.evaluate(ROOM_OF_THE_CASE)) as RoomOfTheCase;
      expect(room.alerts).toBeLessThanOrEqual(0.2 * height);
      expect(room.inspection).toBeGreaterThanOrEqual(0.6 * height);
      expect(room.verdictBottom).toBeLessThanOrEqual(room.inspectionBottom);
      expect(room.verdictLevelVisible).toBe(true);
      // Opened in full, the alerts still leave the case in view (their list scrolls).
      await page.getByTestId('alert-banner-toggle').click();
      expect(await alerts.getAttribute('data-open')).toBe('yes');
      expect(await page.getByTestId('alert-banner').textContent()).toContain('the SPECIMEN tab is printed in halftone dots');
      await scrollEverythingToTheEnd(page);
      await page.screenshot({ path: join(artifactsDir, `alerts-open-${width}x${height}.png`) });
      const opened = (await page.evaluate(ROOM_OF_THE_CASE)) as RoomOfTheCase;
      expect(opened.alerts).toBeLessThanOrEqual(0.36 * height);
      expect(opened.inspection).toBeGreaterThanOrEqual(0.45 * height);
      expect(opened.verdictLevelVisible).toBe(true);
      expect(await page.evaluate(PAGE_FITS_WINDOW)).toBe(true);
      await page.getByTestId('alert-banner-toggle').click();
      expect(await alerts.getAttribute('data-open')).toBe('no');
    }
    // The other views stay in the window too.
    for (const view of ['history', 'reference', 'trends', 'inspect']) {
      await page.getByTestId(`nav-${view}`).click();
      await page.waitForTimeout(view === 'trends' ? 1500 : 300);
      await scrollEverythingToTheEnd(page);
      expect(await page.evaluate(PAGE_FITS_WINDOW)).toBe(true);
    }
  }, 120_000);

  it('asks for a confirming reason before recording an expired document as genuine, and the Node side insists', async () => {
    const { page } = station;
    await page.setViewportSize({ width: 1280, height: 720 });
    // The bundled TD1 specimen expired in 2022.
    expect((await invoke(page, 'devices:configure', { id: 'virtual-scanner', settings: { specimen: 'spc-9303-0001' } })).status).toBe(200);
    await waitForExpression(page, deviceStateIs('virtual-scanner', 'connected'));
    await page.getByTestId('device-picker').selectOption('virtual-scanner');
    const before = await shownId(page);
    await shortcut(page, 's');
    await page.locator(`[data-testid="inspection"]:not([data-examination-id="${before}"])`).waitFor({ timeout: 60_000 });

    const banner = page.getByTestId('verdict-banner');
    expect(await banner.getAttribute('data-expired')).toBe('yes');
    // Expired is what the verdict is called when nothing else was found, with its own next step only.
    expect(await banner.getAttribute('data-headline')).toBe('expired');
    expect(await page.getByTestId('verdict-level').textContent()).toBe('Expired — no defect found in the checks');
    expect(await page.getByTestId('verdict-next-step').textContent()).not.toContain('Examine each flagged feature');
    expect(await page.getByTestId('verdict-count').count()).toBe(0);
    expect(await page.getByTestId('verdict-expired').textContent()).toMatch(/Expired on .*2022 — not valid for travel/);
    expect(await page.getByTestId('verdict-next-step').textContent()).toContain('not valid for travel: apply the rules for expired documents');

    // MRZ dates as dates, the printed characters beside.
    expect(await page.getByTestId('mrz-date-expiryDate').getAttribute('data-date')).toBe('2022-05-24');
    expect(await page.getByTestId('mrz-date-expiryDate').textContent()).toMatch(/2022/);
    expect(await page.getByTestId('mrz-raw-expiryDate').textContent()).toBe('220524');
    expect(await page.getByTestId('mrz-date-birthDate').getAttribute('data-date')).toBe('1964-12-15');
    expect(await page.getByTestId('mrz-raw-birthDate').textContent()).toBe('641215');

    await page.getByTestId('decision-verdict-genuine').check();
    const confirmation = page.getByTestId('decision-confirmation');
    await confirmation.waitFor();
    await page.getByTestId('decision-reasons').fill('Holder known to the post');
    await page.getByTestId('decision-submit').click();
    expect(await page.getByTestId('decision-form').getByRole('alert').textContent()).toContain('Give the reason that confirms the document is genuine');
    await page.screenshot({ path: join(artifactsDir, 'decision-confirmation.png') });

    // The Node side refuses it too, and the banner's title says what happened.
    await page.route('**/api/invoke/examination:decide', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { decision: Record<string, unknown> };
      delete body.decision.confirmation;
      await route.continue({ postData: JSON.stringify(body) });
    });
    await confirmation.fill('Expired passport accepted for the return journey under the bilateral agreement');
    await page.getByTestId('decision-submit').click();
    const error = page.getByTestId('error-banner');
    await error.waitFor();
    expect(await error.getAttribute('data-kind')).toBe('ConfirmationRequired');
    expect(await page.locator('.error-banner__title').first().textContent()).toBe('Not accepted: check what was entered');
    expect(await error.textContent()).toContain('This document has expired: to record it as genuine, give the reason that confirms it.');
    expect(await error.textContent()).not.toContain('Something went wrong');
    await page.unroute('**/api/invoke/examination:decide');
    await error.getByRole('button', { name: 'Dismiss' }).click();

    await page.getByTestId('decision-submit').click();
    await page.getByTestId('decision-version-1').waitFor();
    expect(await page.getByTestId('decision-version-1').textContent()).toContain('Why genuine: Expired passport accepted for the return journey under the bilateral agreement');
  }, 120_000);

  it('keeps every decision as a version, on screen and in the report', async () => {
    const { page } = station;
    // Two more decisions on the case on screen: neither replaces the one before.
    await page.getByTestId('decision-verdict-inconclusive-refer').check();
    await page.getByTestId('decision-reasons').fill('Second opinion: refer to the document expert');
    const decided = () => page.waitForResponse((r) => r.url().endsWith('/api/invoke/examination:decide') && r.status() === 200);
    await Promise.all([decided(), page.getByTestId('decision-submit').click()]);
    await page.getByTestId('decision-verdict-inconclusive-refer').check();
    await page.getByTestId('decision-reasons').fill('Expert: fantasy series never issued');
    await Promise.all([decided(), page.getByTestId('decision-submit').click()]);
    await expect.poll(() => page.getByTestId('decision-reasons').inputValue()).toBe('Expert: fantasy series never issued');

    // The case file carries every version: who, when, what and why.
    await page.getByTestId('report-button').click();
    const link = page.getByTestId('report-link');
    await link.waitFor({ timeout: 60_000 });
    const response = await page.request.get(new URL((await link.getAttribute('href')) ?? '', page.url()).toString());
    const pdf = join(workDir, 'versions.pdf');
    writeFileSync(pdf, await response.body());
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Second opinion: refer to the document expert');
    expect(text).toContain('Expert: fantasy series never issued');
    expect(text).toContain('Decision history');
    expect(text).toMatch(/of 3 \(current\)/);
    expect(text).toMatch(/Overall verdict .*Expired on 2022-05-24/i);

    // And so does the screen, newest first.
    const history = page.getByTestId('decision-history');
    const current = await page.locator('[data-testid^="decision-version-"]').first().textContent();
    expect(current).toMatch(/Version \d · current/);
    expect(current).toContain('Expert: fantasy series never issued');
    expect(await history.textContent()).toContain('Second opinion: refer to the document expert');
    // Deciding again says what it does: a new version, not an update.
    expect(await page.getByTestId('decision-submit').textContent()).toBe('Record as a new version');
    await history.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifactsDir, 'decision-history.png') });
    // With the report's link in it, the header still fits 1280 px: sign-out stays in reach.
    expect(((await page.evaluate(INSPECTION_LAYOUT)) as LayoutMetrics).header).toBe(true);
    const signOut = (await page.getByTestId('sign-out').boundingBox())!;
    expect(signOut.x + signOut.width).toBeLessThanOrEqual(1280);
  }, 120_000);

  it('queues a capture that arrives while the officer is deciding, and loses nothing typed without asking', async () => {
    const { page } = station;
    // A stale error first: a scan from a device that is not there.
    await page.getByTestId('device-picker').selectOption('usb');
    await shortcut(page, 's');
    await page.getByTestId('error-banner').waitFor();
    await page.getByTestId('device-picker').selectOption('virtual-scanner');

    const onScreen = await shownId(page);
    await page.getByTestId('decision-verdict-false-forged').check();
    await page.getByTestId('decision-reasons').fill('Laminate lifted at the portrait edge');
    drop(Object.fromEntries((['white', 'ir', 'uv'] as const).map((light) => [`case2_${light}.jpg`, join(SPECIMENS, `spc-9303-0002_${light}.jpg`)])));
    const queue = page.getByTestId('capture-queue');
    await queue.waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('capture-queue-text').textContent()).toBe('1 new capture waiting');
    // The case on screen and what was typed are untouched.
    expect(await shownId(page)).toBe(onScreen);
    expect(await page.getByTestId('decision-reasons').inputValue()).toBe('Laminate lifted at the portrait edge');
    await page.screenshot({ path: join(artifactsDir, 'capture-waiting.png') });

    // A look at the history and back keeps the draft.
    await page.getByTestId('nav-history').click();
    await page.getByTestId('nav-inspect').click();
    expect(await page.getByTestId('decision-reasons').inputValue()).toBe('Laminate lifted at the portrait edge');

    // Opening the waiting capture asks first; keeping the work keeps everything.
    await page.getByTestId('capture-queue-open').click();
    await page.getByTestId('unsaved-dialog').waitFor();
    expect(await page.getByTestId('unsaved-decision').textContent()).toBe('the decision you are writing');
    await page.getByTestId('unsaved-keep').click();
    await page.getByTestId('unsaved-dialog').waitFor({ state: 'detached' });
    expect(await shownId(page)).toBe(onScreen);
    expect(await page.getByTestId('decision-reasons').inputValue()).toBe('Laminate lifted at the portrait edge');
    // A scan would replace the case too: it asks the same.
    await shortcut(page, 's');
    await page.getByTestId('unsaved-dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('unsaved-dialog').waitFor({ state: 'detached' });
    expect(await shownId(page)).toBe(onScreen);

    // Discarding opens the capture; the stale error and the queue are gone.
    await page.getByTestId('capture-queue-open').click();
    await page.getByTestId('unsaved-discard').click();
    await page.locator(`[data-testid="inspection"]:not([data-examination-id="${onScreen}"])`).waitFor({ timeout: 30_000 });
    await queue.waitFor({ state: 'detached' });
    expect(await page.getByTestId('error-banner').count()).toBe(0);
    expect(await page.getByTestId('decision-reasons').inputValue()).toBe('');
  }, 180_000);

  it('reports a damaged file in the hot folder when it arrives, in plain words and without paths', async () => {
    const { page } = station;
    const onScreen = await shownId(page);
    const png = readFileSync(join(SPECIMENS, 'spc-9303-0000_white.png'));
    writeFileSync(join(staging(), 'CASE9_white.png'), png.subarray(0, Math.floor(png.length / 3)));
    renameSync(join(staging(), 'CASE9_white.png'), join(hotFolder, 'CASE9_white.png'));
    const failed = page.getByTestId('capture-failed');
    await failed.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('capture-failed-title').textContent()).toBe('A capture from Hot folder could not be examined');
    const text = (await failed.textContent()) ?? '';
    expect(text).toContain('The white-light image (CASE9_white.png) could not be read: the file is damaged, not an image, or was still being written. Nothing was stored.');
    expect(text).not.toMatch(/\/|\\/);
    expect(await shownId(page)).toBe(onScreen);
    await page.screenshot({ path: join(artifactsDir, 'capture-failed.png') });
    await failed.getByRole('button', { name: 'Dismiss' }).click();
    await failed.waitFor({ state: 'detached' });
  }, 120_000);

  it('titles an error by what happened, and its message shows no station path', async () => {
    const { page, consoleErrors } = station;
    const empty = join(workDir, 'empty-hot-folder');
    mkdirSync(empty, { recursive: true });
    expect((await invoke(page, 'devices:configure', { id: 'hot-folder', settings: { folder: empty } })).status).toBe(200);
    await expect
      .poll(async () => ((await invoke(page, 'devices:list', {})).json as { id: string; state: string; settings: { folder?: string } }[]).find((d) => d.id === 'hot-folder'))
      .toMatchObject({ state: 'connected', settings: { folder: empty } });
    await page.getByTestId('device-picker').selectOption('hot-folder');
    await shortcut(page, 's');
    const error = page.getByTestId('error-banner');
    await error.waitFor();
    expect(await page.locator('.error-banner__title').first().textContent()).toBe('Not found at this station');
    const message = (await error.locator('.error-banner__message').textContent()) ?? '';
    expect(message).toBe('No complete image set in empty-hot-folder yet.');
    expect(message).not.toContain(workDir);
    expect(await error.locator('.error-banner__next').textContent()).toBe('The device had nothing to deliver. Check that the document was scanned (for a hot folder: that the scanner software has saved all the images), then scan again.');

    expect(await page.evaluate(READ_CSP_VIOLATIONS)).toEqual([]);
    // The refused requests of this shift (a missing device, a refused decision, an empty hot folder), nothing else.
    expect(consoleErrors.filter((e) => !/status of (4\d\d|5\d\d)/.test(e))).toEqual([]);
  }, 120_000);
});
