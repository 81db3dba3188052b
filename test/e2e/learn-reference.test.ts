// End to end: learning a reference class in the Reference screen, in Debian's Chromium against the
// loopback host. The expert chooses genuine captures (three lights each, named as a hot folder
// names them), Loupe proposes the class drawn on its own reference image, the expert corrects a
// zone (its label, its place) and saves it: a new class of the station library, version 1, whose
// calibrated thresholds say how many measurements back them. Screenshots at 1600×1000 and 1280×720.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentClass } from '../../electron/contract/reference.contract';
import { renderSpecimen, writeSpecimen } from '../../electron/specimens';
import { openReferenceLibrary, builtinReferenceDir, userReferenceDir } from '../../electron/reference';
import { useTempDir } from '../helpers/temp-dir';
import { artifactsDir, chromiumMissing, signIn, useStation, waitForExpression } from './e2e-station';
import { READ_CSP_VIOLATIONS } from './page-scripts';

const OFFICER = { name: 'Ada Lindqvist', badge: 'B-4711' };
const ID = 'aurora-learned-e2e';
const captures = useTempDir('loupe-e2e-learn-captures-');
const IMAGES_DECODED = `(() => {
  const imgs = [...document.querySelectorAll('[data-testid="class-image-img"]')];
  return imgs.length > 0 && imgs.every((img) => img.complete && img.naturalWidth > 0);
})()`;

describe.skipIf(chromiumMissing)('learning a class in the Reference screen (Chromium against the loopback host)', () => {
  const station = useStation('loupe-e2e-learn-data-');
  let files: string[] = [];

  beforeAll(async () => {
    mkdirSync(captures, { recursive: true });
    for (let i = 0; i < 3; i++) writeSpecimen(captures, await renderSpecimen(5151, i, { design: 'aurora-td3', degrade: 'light' }));
    files = readdirSync(captures).filter((f) => /_(white|ir|uv)\.(png|jpg)$/.test(f)).map((f) => join(captures, f));
  }, 120_000);

  it('uploads captures, shows the proposal on the image, takes a corrected zone and saves a new class', async () => {
    const { page, consoleErrors } = station;
    mkdirSync(artifactsDir, { recursive: true });
    await signIn(page, station.host.url, OFFICER);
    await page.getByTestId('device-picker').waitFor();
    await page.locator('body').press('f');
    await page.getByTestId('reference-view').waitFor();

    // The form refuses too few captures in plain words before sending anything.
    await page.getByTestId('learn-open').click();
    await page.getByTestId('learn-id').fill(ID);
    await page.getByTestId('learn-title').fill('Passport (learned here)');
    await page.getByTestId('learn-types').fill('P');
    await page.getByTestId('learn-series').fill('2024');
    await page.getByTestId('learn-files').setInputFiles(files.filter((f) => !f.includes(readdirSync(captures).find((n) => n.endsWith('.truth.json'))!.replace('.truth.json', ''))));
    expect(await page.getByTestId('learn-chosen').textContent()).toBe('6 files, 2 captures');
    await page.getByTestId('learn-start').click();
    expect(await page.getByTestId('learn-problem').textContent()).toContain('at least 3 captures');

    await page.getByTestId('learn-files').setInputFiles(files);
    expect(await page.getByTestId('learn-chosen').textContent()).toBe('9 files, 3 captures');
    await page.getByTestId('learn-start').click();
    await page.getByTestId('learn-running').waitFor();

    // The proposal: drawn on its own reference image, in three lights, with what Loupe made of each capture.
    const proposal = page.getByTestId('learn-proposal');
    await proposal.waitFor({ timeout: 240_000 });
    await waitForExpression(page, IMAGES_DECODED);
    expect(await proposal.getAttribute('data-class-id')).toBe(ID);
    const zones = page.locator('[data-testid="class-zones"] [data-zone-id]');
    const zoneCount = await zones.count();
    expect(zoneCount).toBeGreaterThan(3);
    expect(await page.locator('[data-testid^="proposal-capture-"][data-used="true"]').count()).toBe(3);
    for (const l of ['white', 'ir', 'uv']) expect(await page.getByTestId(`reference-light-${l}`).isDisabled()).toBe(false);
    expect(await page.getByTestId('calibration-captures').getAttribute('data-captures')).toBe('3');
    await page.screenshot({ path: join(artifactsDir, 'learn-proposal-1600x1000.png') });

    // The expert corrects a proposed personal zone: a clearer label, moved 2 px right.
    const field = page.locator('[data-testid^="zone-item-field-"]').first();
    const fieldId = (await field.getAttribute('data-testid'))!.replace('zone-item-', '');
    await field.locator('button').click();
    await page.getByTestId('zone-form').waitFor();
    await page.getByTestId('zone-label').fill('Corrected by the expert');
    const x0 = Number(await page.getByTestId('zone-box-x').inputValue());
    await page.getByTestId('class-image').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => Number(await page.getByTestId('zone-box-x').inputValue())).toBe(x0 + 2);

    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: join(artifactsDir, 'learn-proposal-1280x720.png') });
    await page.setViewportSize({ width: 1600, height: 1000 });

    // Saved: a new class of the station library, version 1, listed as learned from 3 captures.
    await page.getByTestId('proposal-save').click();
    const detail = page.locator(`[data-testid="class-detail"][data-class-id="${ID}"]`);
    await detail.waitFor({ timeout: 60_000 });
    expect(await detail.getAttribute('data-version')).toBe('1');
    expect(await detail.getAttribute('data-source')).toBe('user');
    await page.getByTestId(`reference-learned-${ID}`).waitFor();
    expect(await page.getByTestId(`reference-learned-${ID}`).textContent()).toBe('learned from 3 captures');
    expect(await page.getByTestId('zone-list').textContent()).toContain('Corrected by the expert');
    await page.getByTestId('calibration-bounds').waitFor();
    expect(await page.locator('[data-testid="calibration-bounds"] tbody tr').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('calibration-few').textContent()).toContain('fewer than 5 measurements');
    await page.getByTestId('class-grow').waitFor();
    await waitForExpression(page, IMAGES_DECODED);
    await page.screenshot({ path: join(artifactsDir, 'learn-saved-1600x1000.png') });
    await page.getByTestId('calibration-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifactsDir, 'learn-calibration-1600x1000.png') });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('class-meta').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifactsDir, 'learn-saved-1280x720.png') });
    await page.getByTestId('calibration-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifactsDir, 'learn-calibration-1280x720.png') });

    // On disk: the expert's correction, bounds recalibrated for the zones as saved, audited.
    const saved: DocumentClass = openReferenceLibrary({ builtinDir: builtinReferenceDir(), userDir: userReferenceDir(station.dataDir) }).get(ID).cls;
    const zone = saved.zones.find((z) => z.id === fieldId)!;
    expect(zone).toMatchObject({ label: 'Corrected by the expert', box: { x: x0 + 2 } });
    expect(saved.learning).toMatchObject({ captures: 3, lights: ['white', 'ir', 'uv'] });
    expect(saved.author).toBe(OFFICER.name);
    expect(consoleErrors).toEqual([]);
    expect(await page.evaluate(READ_CSP_VIOLATIONS)).toEqual([]);
  }, 420_000);
});
