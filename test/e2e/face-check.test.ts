// End to end: the imposter check in Debian's Chromium against the loopback host. The virtual scanner
// serves a portrait specimen (a face from the sample photos installed with @vladmandic/face-api,
// pasted into the photo and ghost zones); Chromium's fake camera plays an MJPEG made with ffmpeg
// from another crop of the same face. Scan, find the portraits, capture from the camera (Space),
// see the machine's band and the checklist, record the comparison, and see it in the report.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedFaceEngine } from '../../electron/face/face-engine';
import { cropPortrait, sampleIndividuals } from '../../electron/face/sample-faces';
import { ensurePortraitSpecimens } from '../../electron/specimens/portrait-specimens';
import { useTempDir } from '../helpers/temp-dir';
import { artifactsDir, chromiumMissing, signIn, startStation, stopStation, waitForExpression, type Station } from './e2e-station';
import { deviceStateIs, READ_CSP_VIOLATIONS } from './page-scripts';

const OFFICER = { name: 'Jonas Berg', badge: 'K-88' };
let ffmpegMissing = false;
try {
  execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
} catch {
  ffmpegMissing = true;
  console.warn('Face check browser test skipped: ffmpeg is not installed (scripts/install-system-packages.sh installs it).');
}

describe.skipIf(chromiumMissing || ffmpegMissing)('imposter check (Chromium fake camera against the loopback host)', () => {
  const dataDir = useTempDir('loupe-e2e-face-');
  const workDir = useTempDir('loupe-e2e-face-work-');
  let station: Station;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    // The same folder the station uses for portrait specimens: generated here once, found there.
    const specimens = await ensurePortraitSpecimens(join(dataDir, 'cache', 'portrait-specimens'), sharedFaceEngine());
    const index = JSON.parse(readFileSync(join(specimens, 'index.json'), 'utf8')) as { specimens: { id: string; individual: string }[] };
    const first = index.specimens[0]!;
    const person = (await sampleIndividuals(sharedFaceEngine())).find((p) => p.id === first.individual)!;
    // The camera sees the holder a little differently: wider crop, other light, centred on a grey frame.
    const face = await sharp(await cropPortrait(person, 2.6)).resize({ height: 420 }).linear(1.08, 6).toBuffer();
    const frame = join(workDir, 'frame.jpg');
    await sharp({ create: { width: 640, height: 480, channels: 3, background: '#5a6470' } }).composite([{ input: face, gravity: 'centre' }]).jpeg({ quality: 92 }).toFile(frame);
    const video = join(workDir, 'holder.mjpeg');
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-loop', '1', '-i', frame, '-t', '2', '-r', '10', '-pix_fmt', 'yuvj420p', '-c:v', 'mjpeg', '-q:v', '3', video]);
    station = await startStation(dataDir, consoleErrors, { permissions: ['camera'] }, {
      chromiumArgs: ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
      host: { portraitSpecimens: true },
    });
  }, 240_000);

  afterAll(() => stopStation(station));

  it('captures the holder from the camera, compares with the specimen portrait, and records the checklist', async () => {
    const { page, host } = station;
    await signIn(page, host.url, OFFICER);
    await waitForExpression(page, deviceStateIs('virtual-scanner', 'connected'));
    await page.getByTestId('device-picker').selectOption('virtual-scanner');
    await page.locator('body').press('s');
    await page.getByTestId('inspection').waitFor({ timeout: 90_000 });

    // Before any live capture: the bearer-match layer is honest about it.
    await page.getByTestId('face-panel').scrollIntoViewIfNeeded();
    await page.getByTestId('face-analyse').click();
    await page.getByTestId('portrait-printed').waitFor({ timeout: 60_000 });
    await page.getByTestId('portrait-ghost').waitFor();
    expect(await page.getByTestId('face-pair-printed-ghost').getAttribute('data-band')).toBe('match');
    // The document's own portrait is held against the MRZ, no live capture needed: this specimen is
    // a man born in 1956 whose passport shows a young woman's face.
    expect(await page.getByTestId('mrz-date-birthDate').getAttribute('data-date')).toBe('1956-03-05');
    const plausibility = page.getByTestId('check-bearer.face-plausibility');
    await plausibility.waitFor();
    expect(await plausibility.getAttribute('data-status')).toBe('warn');
    expect(await plausibility.textContent()).toMatch(/the printed portrait looks about \d+ years old; the date of birth gives 6\d–7\d/);
    expect(await page.getByTestId('verdict-finding-bearer.face-plausibility').getAttribute('data-status')).toBe('warn');

    // The camera flow: L opens it, Space captures, Enter uses the photo.
    await page.locator('body').press('l');
    await page.getByTestId('camera-dialog').waitFor();
    await waitForExpression(page, `(() => { const v = document.querySelector('[data-testid="camera-video"]'); return !!v && v.videoWidth > 0; })()`);
    await page.keyboard.press('Space');
    await page.getByTestId('camera-snapshot').waitFor();
    await page.keyboard.press('Space');
    await page.getByTestId('camera-snapshot').waitFor({ state: 'detached' });
    await page.keyboard.press('Space');
    await page.getByTestId('camera-snapshot').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('camera-dialog').waitFor({ state: 'detached' });

    const pair = page.getByTestId('face-pair-printed-live');
    await pair.waitFor({ timeout: 60_000 });
    expect(await pair.getAttribute('data-band')).toBe('match');
    expect(await pair.textContent()).toMatch(/Similarity \d+ %/);
    await page.getByTestId('portrait-live').waitFor();
    await page.getByTestId('face-checklist').waitFor();
    expect(await page.locator('[data-testid^="feature-"][data-testid$="-same"]').count()).toBe(8);
    await page.getByTestId('face-comparison').screenshot({ path: join(artifactsDir, 'face-comparison.png') });

    // The officer's structured comparison is recorded.
    for (const feature of ['face-shape', 'ears', 'eyes', 'nose']) await page.getByTestId(`feature-${feature}-same`).check();
    await page.getByTestId('feature-scars-marks-cannot-tell').check();
    await page.getByTestId('face-conclusion-same-person').check();
    await page.getByTestId('face-notes').fill('Ear shape and nose bridge agree.');
    await page.getByTestId('face-save').click();
    await page.getByTestId('face-saved').waitFor();
    expect(await page.getByTestId('face-saved').textContent()).toContain(OFFICER.name);
    await page.getByTestId('face-panel').screenshot({ path: join(artifactsDir, 'face-panel.png') });

    // The bearer-match check in the checks list now carries the machine's result.
    expect(await page.locator('[data-testid="check-bearer.face"]').getAttribute('data-status')).toBe('pass');

    // Report: the section with the comparison and the checklist.
    await page.getByTestId('report-button').click();
    const link = page.getByTestId('report-link');
    await link.waitFor({ timeout: 60_000 });
    const response = await page.request.get(new URL((await link.getAttribute('href')) ?? '', page.url()).toString());
    const pdf = join(workDir, 'report.pdf');
    writeFileSync(pdf, await response.body());
    const text = execFileSync('pdftotext', [pdf, '-']).toString();
    expect(text.toUpperCase()).toContain('HOLDER AND PORTRAIT');
    expect(text).toContain('Same person');
    expect(text).toContain('Ear shape and nose bridge agree.');

    // Without the camera permission the dialog says so in plain words.
    await page.context().clearPermissions();
    await page.locator('body').press('l');
    await page.getByTestId('camera-problem').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('camera-problem').textContent()).toMatch(/camera permission was denied|No camera was found/);
    await page.keyboard.press('Escape');
    await page.getByTestId('camera-dialog').waitFor({ state: 'detached' });

    // A stricter station threshold turns the same pair into "no match"; the recorded checklist stays.
    await page.getByTestId('face-threshold').locator('summary').click();
    await page.getByTestId('face-threshold-distance').fill('0.1');
    await page.getByTestId('face-threshold-margin').fill('0');
    await page.getByTestId('face-threshold-save').click();
    await expect.poll(() => page.getByTestId('face-pair-printed-live').getAttribute('data-band'), { timeout: 60_000 }).toBe('no-match');
    await page.getByTestId('face-saved').waitFor();

    // The next portrait specimen is of a design whose portrait drops out under infrared: genuine,
    // it passes the IR features and the photo zone (a real face's own edge is not a cut).
    const previous = await page.getByTestId('inspection').getAttribute('data-examination-id');
    await page.locator('body').press('s');
    await page.locator(`[data-testid="inspection"]:not([data-examination-id="${previous}"])`).waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('check-document.identification').textContent()).toContain('meridian-td3');
    expect(await page.getByTestId('check-ir.features').getAttribute('data-status')).toBe('pass');
    expect(await page.getByTestId('check-photo.substitution').getAttribute('data-status')).toBe('pass');
    expect(await page.getByTestId('verdict-banner').getAttribute('data-level')).not.toBe('fail');

    expect(await page.evaluate(READ_CSP_VIOLATIONS)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 240_000);
});
