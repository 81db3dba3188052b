// End to end: the trend record proposed after a counterfeit printed on ordinary paper, in Debian's
// Chromium against the loopback host. The substrate glows under UV over the whole page and the UV
// features are missing; the proposal names only what failed — the substrate check and the missing
// UV zones — not every zone lying under the page-wide finding; the examiner adds another feature of
// the class from its zone list, and the record keeps it.
import { mkdirSync, renameSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Examination } from '../../electron/contract/examination.contract';
import { generateSpecimens } from '../../electron/specimens/specimen-generator';
import { useTempDir } from '../helpers/temp-dir';
import { artifactsDir, chromiumMissing, signIn, useStation } from './e2e-station';
import { READ_CSP_VIOLATIONS } from './page-scripts';

const OFFICER = { name: 'Mara Ilić', badge: 'B-2207' };
const ADDED = 'Rosette guilloche background';

describe.skipIf(chromiumMissing)('trend proposal of a plain-paper counterfeit (Chromium against the loopback host)', () => {
  const station = useStation('loupe-e2e-proposal-data-', { viewport: { width: 1280, height: 720 } });
  const hotFolder = useTempDir('loupe-e2e-proposal-hot-');
  const workDir = useTempDir('loupe-e2e-proposal-work-');

  it('proposes only the zones of the failed checks and lets the examiner add one of the class', async () => {
    const { host, page, consoleErrors } = station;
    mkdirSync(artifactsDir, { recursive: true });
    const [truth] = await generateSpecimens({ outDir: workDir, count: 1, seed: 3, format: 'TD3', forgery: 'ordinary-paper' });
    expect(truth!.forgery?.kind).toBe('ordinary-paper');

    await signIn(page, host.url, OFFICER);
    await page.getByTestId('empty-state').waitFor();
    const configured = await page.evaluate(async (folder) => {
      const response = await fetch('/api/invoke/devices:configure', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'hot-folder', settings: { folder } }) });
      return response.status;
    }, hotFolder);
    expect(configured).toBe(200);
    for (const file of readdirSync(workDir).filter((f) => f.endsWith('.png'))) renameSync(join(workDir, file), join(hotFolder, file));
    await page.getByTestId('inspection').waitFor({ timeout: 120_000 });
    const examinationId = await page.getByTestId('inspection').getAttribute('data-examination-id');
    const exam = (await page.evaluate(async (id) => {
      const r = await fetch('/api/invoke/examination:get', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) });
      return r.json() as unknown;
    }, examinationId)) as Examination;
    expect(exam.identification?.classId).toBe('aurora-td3');
    const dullness = exam.checks.find((c) => c.id === 'uv.dullness')!;
    const uvFeatures = exam.checks.find((c) => c.id === 'uv.features')!;
    expect(dullness.status).toBe('fail');
    expect(uvFeatures.status).toBe('fail');
    // The UV features check names each missing zone in its evidence ("<label>: <problems>").
    const missingZones = uvFeatures.evidence.map((e) => e.note!.split(':')[0]!);
    expect(missingZones.length).toBeGreaterThan(0);

    await page.getByTestId('decision-verdict-false-counterfeit').check();
    await page.getByTestId('decision-reasons').fill('Printed on ordinary paper: the substrate glows under UV');
    await page.getByTestId('decision-submit').click();
    await page.getByTestId('trend-proposal').waitFor();
    await page.getByTestId('proposal-fraud-type').waitFor();
    expect(await page.getByTestId('proposal-fraud-type').inputValue()).toBe('counterfeit');

    // Proposed: the substrate check and the missing UV zones — nothing else of the class's 26 zones.
    const revealed = page.getByTestId('proposal-revealed-by');
    const proposed = (await revealed.inputValue()).split('\n');
    expect([...proposed].sort()).toEqual([dullness.title, ...missingZones].sort());
    expect(proposed).not.toContain(ADDED);
    await page.screenshot({ path: join(artifactsDir, 'trend-proposal-1280.png') });
    // At 1280×720 the form is taller than the screen: the dialog scrolls (by wheel, as an examiner
    // does) to its buttons, and keeps its padding.
    const dialogBox = (await page.getByTestId('trend-proposal').boundingBox())!;
    expect(dialogBox.y + dialogBox.height).toBeLessThanOrEqual(720);
    const titleBox = (await page.locator('#proposal-title').boundingBox())!;
    expect(titleBox.x - dialogBox.x).toBeGreaterThan(12);
    await page.mouse.move(dialogBox.x + dialogBox.width / 2, dialogBox.y + dialogBox.height / 2);
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 400);
    await expect.poll(async () => {
      const b = await page.getByTestId('proposal-confirm').boundingBox();
      return b !== null && b.y + b.height <= 720 && b.y >= 0;
    }).toBe(true);
    await page.screenshot({ path: join(artifactsDir, 'trend-proposal-1280-end.png') });

    // The examiner adds a feature of the class from its zones; a proposed one is not offered twice.
    const add = page.getByTestId('proposal-add-feature');
    const offered = await add.locator('option').allTextContents();
    expect(offered).toContain(ADDED);
    for (const zone of missingZones) expect(offered).not.toContain(zone);
    await add.selectOption(ADDED);
    expect((await revealed.inputValue()).split('\n')).toEqual([...proposed, ADDED]);
    expect(await add.locator('option').allTextContents()).not.toContain(ADDED);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.screenshot({ path: join(artifactsDir, 'trend-proposal-1600.png') });

    await page.getByTestId('proposal-confirm').click();
    await page.getByTestId('trend-proposal').waitFor({ state: 'detached' });
    await page.locator('body').press('t');
    await page.getByTestId('trends-view').waitFor();
    await page.getByTestId('trends-drill-all').click();
    const row = page.getByTestId('trend-record-row');
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells.some((c) => c.split(', ').sort().join('|') === [...proposed, ADDED].sort().join('|'))).toBe(true);

    expect(await page.evaluate(READ_CSP_VIOLATIONS)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 300_000);
});
