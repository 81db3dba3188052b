// End to end in Debian's Chromium against the loopback host, on real pages of the development set
// (../shared/mrz-real-dev):
//  - uncertain MRZ characters: a page whose face makes the readers take a 7 for a Z arrives through
//    the hot folder; the uncertain characters are amber with their alternatives and "compare with
//    the printed page"; the officer corrects the Z from the keyboard, the check digits verify, and
//    confirms the other one with Enter;
//  - the camera as a scanner: Chromium's fake camera plays an MJPEG made here from another page (far
//    away first, then held close with small movements and a blurred frame); the MRZ reading appears
//    with the document's truth and the examination keeps a camera frame as its white capture.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraFrame } from '../helpers/camera-frames';
import { useTempDir } from '../helpers/temp-dir';
import { artifactsDir, chromiumMissing, signIn, startStation, stopStation, waitForExpression, type Station } from './e2e-station';
import { READ_CSP_VIOLATIONS } from './page-scripts';
import { DEV_SET, devSetMissing } from '../helpers/dev-set';

const OFFICER = { name: 'Mara Quist', badge: 'Q-7' };
let ffmpegMissing = false;
try {
  execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
} catch {
  ffmpegMissing = true;
  console.warn('Camera scanner browser test skipped: ffmpeg is not installed (scripts/install-system-packages.sh installs it).');
}
const truth = (page: string): string[] => readFileSync(join(DEV_SET, `${page}.txt`), 'utf8').trim().split(/\r?\n/);

async function screenshots(page: Page, name: string): Promise<void> {
  for (const [w, h] of [[1280, 720], [1600, 1000]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(artifactsDir, `${name}-${w}x${h}.png`) });
  }
}

describe.skipIf(chromiumMissing || ffmpegMissing || devSetMissing)('uncertain MRZ characters and the camera as a scanner (Chromium)', () => {
  const dataDir = useTempDir('loupe-e2e-mrz-review-');
  const workDir = useTempDir('loupe-e2e-mrz-review-work-');
  const hotFolder = useTempDir('loupe-e2e-mrz-review-hot-');
  const consoleErrors: string[] = [];
  let station: Station;

  beforeAll(async () => {
    mkdirSync(artifactsDir, { recursive: true });
    // The fake camera's film: the GBR page far away (too small to read), then held close, moving a
    // little, one frame shaken. Chromium loops the file; MJPEG must be yuvj420p.
    const page = join(DEV_SET, 'GBR', '00.jpg');
    const shots = [
      ...[0, 1, 2].map(() => ({ pageWidth: 600 })),
      ...[
        { dx: 0, dy: 0 }, { dx: 12, dy: -6 }, { dx: -10, dy: 8, blur: 3 }, { dx: 20, dy: -8 }, { dx: -16, dy: 4 },
        { dx: 6, dy: 10 }, { dx: -4, dy: -10 }, { dx: 14, dy: 2 }, { dx: -20, dy: -4 }, { dx: 2, dy: 6 },
      ].map((o) => ({ pageWidth: 1000, ...o })),
    ];
    for (const [i, o] of shots.entries()) writeFileSync(join(workDir, `frame-${String(i).padStart(3, '0')}.jpg`), await cameraFrame(page, o));
    const video = join(workDir, 'page.mjpeg');
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-framerate', '2', '-i', join(workDir, 'frame-%03d.jpg'), '-pix_fmt', 'yuvj420p', '-c:v', 'mjpeg', '-q:v', '2', video]);
    station = await startStation(dataDir, consoleErrors, { permissions: ['camera'] }, {
      chromiumArgs: ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
  }, 240_000);

  afterAll(() => stopStation(station));

  it('marks the uncertain characters in amber; the officer corrects and confirms them from the keyboard', async () => {
    const { page, host } = station;
    await signIn(page, host.url, OFFICER);
    await page.getByTestId('empty-state').waitFor();
    const configured = await page.evaluate(async (folder) => {
      const response = await fetch('/api/invoke/devices:configure', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'hot-folder', settings: { folder } }) });
      return response.status;
    }, hotFolder);
    expect(configured).toBe(200);
    copyFileSync(join(DEV_SET, 'D', '05.jpg'), join(workDir, 'd05_white.jpg'));
    renameSync(join(workDir, 'd05_white.jpg'), join(hotFolder, 'd05_white.jpg'));
    await page.getByTestId('inspection').waitFor({ timeout: 120_000 });

    const panel = page.getByTestId('mrz-uncertain');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('compare with the printed page');
    expect(await page.getByTestId('mrz-validity').textContent()).toBe('MRZ check digit or format errors');
    // The Z of the document number, amber in the MRZ lines, with 7 as its alternative.
    const z = page.getByTestId('mrz-line-1').locator('span').nth(7);
    expect(await z.textContent()).toBe('Z');
    expect(await z.getAttribute('class')).toContain('mrz-char--uncertain');
    expect(await z.getAttribute('title')).toContain('“7”');
    expect(await page.getByTestId('mrz-uncertain-item-1-7').textContent()).toContain('might be “7”');
    expect(await page.getByTestId('mrz-uncertain-remaining').textContent()).toBe('2 to compare');
    await page.getByTestId('mrz-panel').scrollIntoViewIfNeeded();
    await screenshots(page, 'mrz-uncertain');

    // Keyboard only: focus the first uncertain character, → to the Z, type 7.
    await page.getByTestId('mrz-uncertain-1-0').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(`document.activeElement?.getAttribute('data-testid')`)).toBe('mrz-uncertain-1-7');
    await page.keyboard.press('7');
    await waitForExpression(page, `document.querySelector('[data-testid="mrz-uncertain-item-1-7"]')?.getAttribute('data-state') === 'corrected'`);
    expect(await page.getByTestId('mrz-line-1').textContent()).toBe('OCFBEC17U8D<<3009299F3312304<<<<<<<<<<<<<<06');
    expect(await page.getByTestId('mrz-validity').textContent()).toBe('MRZ check digits correct');
    expect(await page.getByTestId('mrz-uncertain-item-1-7').textContent()).toContain('check digits verify');
    // Focus went on to the open one (the O/0 at the start of line 2): Enter confirms it as read.
    await page.getByTestId('mrz-uncertain-1-0').focus();
    await page.keyboard.press('Enter');
    await waitForExpression(page, `document.querySelector('[data-testid="mrz-uncertain-item-1-0"]')?.getAttribute('data-state') === 'confirmed'`);
    expect(await page.getByTestId('mrz-uncertain-remaining').textContent()).toBe('All compared');
    // The MRZ checks followed the corrected reading.
    expect(await page.getByTestId('check-mrz.check-digits').getAttribute('data-status')).toBe('pass');
    expect(await page.getByTestId('mrz-corrections').textContent()).toContain('corrected by the officer after comparing with the printed page');
    await screenshots(page, 'mrz-uncertain-reviewed');
  }, 240_000);

  it('reads the MRZ from the camera: hints, voting, and the sharpest frame as the white capture', async () => {
    const { page } = station;
    await page.setViewportSize({ width: 1600, height: 1000 });
    const before = await page.getByTestId('inspection').getAttribute('data-examination-id');
    // Out of the MRZ review (where a typed letter would correct the focused character).
    await page.evaluate('document.activeElement?.blur()');
    await page.locator('body').press('v');
    await page.getByTestId('camera-scan-dialog').waitFor();
    await waitForExpression(page, `(() => { const v = document.querySelector('[data-testid="camera-scan-video"]'); return !!v && v.videoWidth > 0; })()`);
    // Held too far first: the station says so.
    await waitForExpression(page, `document.querySelector('[data-testid="camera-scan-hint"]')?.getAttribute('data-hint') === 'move-closer'`, 60_000);
    await screenshots(page, 'camera-scan-move-closer');
    await page.getByTestId('camera-scan-lines').waitFor({ timeout: 60_000 });
    await page.getByTestId('camera-scan-mrz-box').waitFor({ timeout: 60_000 });
    await screenshots(page, 'camera-scan-reading');
    await waitForExpression(page, `(() => { const el = document.querySelector('[data-testid="inspection"]'); return el !== null && el.getAttribute('data-examination-id') !== ${JSON.stringify(before)}; })()`, 120_000);
    await page.getByTestId('camera-scan-dialog').waitFor({ state: 'detached' });

    const lines = [await page.getByTestId('mrz-line-0').textContent(), await page.getByTestId('mrz-line-1').textContent()];
    expect(lines).toEqual(truth('GBR/00'));
    expect(await page.getByTestId('mrz-validity').textContent()).toBe('MRZ check digits correct');
    const id = await page.getByTestId('inspection').getAttribute('data-examination-id');
    const exam = await page.evaluate(async (examId) => {
      const response = await fetch('/api/invoke/examination:get', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: examId }) });
      return (await response.json()) as { source: string; images: { light: string; width: number; height: number }[] };
    }, id);
    expect(exam.source).toBe('camera');
    expect(exam.images).toHaveLength(1);
    expect(exam.images[0]).toMatchObject({ light: 'white', width: 1280, height: 720 });
    await screenshots(page, 'camera-scan-examined');
    expect(await page.evaluate(READ_CSP_VIOLATIONS)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 240_000);
});
