// End to end: reviewing a finding in Debian's Chromium against the loopback host (real services,
// real hot folder, real OCR, real checks, real PDF). A specimen whose infrared MRZ was whitened —
// what a forgery printed with non-B900 ink looks like — arrives in the hot folder; the B900 check
// fails, its card shows the document crop beside the reference crop for infrared and white light;
// the officer confirms the finding with the keyboard and a reason; the review survives a reload and
// is printed in the PDF report. The reference crop's box is checked against the Node side's own
// inverse of the identification homography.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Examination } from '../../electron/contract/examination.contract';
import { applyH, invertH } from '../../electron/identify/homography';
import { useTempDir } from '../helpers/temp-dir';
import { artifactsDir, chromiumMissing, waitForExpression, signIn, repoRoot, useStation } from './e2e-station';
import { READ_CSP_VIOLATIONS } from './page-scripts';

const specimensDir = join(repoRoot, 'assets', 'specimens');
/** Undegraded TD3 specimen: its truth regions are in capture pixels. */
const SPECIMEN = 'spc-9303-0000';
const CHECK = 'mrz.b900';
const REASON = 'MRZ drops out under IR: printed with ordinary toner <not B900> & confirmed under the lamp';
const OFFICER = { name: 'Ada Lindqvist', badge: 'B-4711' };

describe.skipIf(chromiumMissing)('findings review (Chromium against the loopback host)', () => {
  const station = useStation('loupe-e2e-review-data-');
  const hotFolder = useTempDir('loupe-e2e-review-hot-');
  const workDir = useTempDir('loupe-e2e-review-work-');

  it('shows the failed B900 check with its crops, records a confirmation and prints it in the report', async () => {
    const { host, page, consoleErrors } = station;
    mkdirSync(artifactsDir, { recursive: true });
    await signIn(page, host.url, OFFICER);
    await page.getByTestId('empty-state').waitFor();

    // Point the hot folder at a fresh directory through the page's own API.
    const configured = await page.evaluate(async (folder) => {
      const response = await fetch('/api/invoke/devices:configure', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'hot-folder', settings: { folder } }),
      });
      return response.status;
    }, hotFolder);
    expect(configured).toBe(200);

    // The forgery: the MRZ whitened in the infrared image (non-absorbing ink drops out under IR).
    const truth = JSON.parse(readFileSync(join(specimensDir, `${SPECIMEN}.truth.json`), 'utf8')) as { regions: { kind: string; box: { x: number; y: number; w: number; h: number } }[] };
    const mrz = truth.regions.find((r) => r.kind === 'mrz')!.box;
    const pad = 8;
    const whiteOut = await sharp({ create: { width: mrz.w + 2 * pad, height: mrz.h + 2 * pad, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const staging = join(workDir, 'staging');
    mkdirSync(staging, { recursive: true });
    await sharp(join(specimensDir, `${SPECIMEN}_ir.png`)).composite([{ input: whiteOut, left: mrz.x - pad, top: mrz.y - pad }]).png().toFile(join(staging, 'case7_ir.png'));
    for (const light of ['white', 'uv'] as const) await sharp(join(specimensDir, `${SPECIMEN}_${light}.png`)).toFile(join(staging, `case7_${light}.png`));
    // Complete files appear at once (rename), as scanner software that writes then moves.
    for (const light of ['white', 'ir', 'uv']) renameSync(join(staging, `case7_${light}.png`), join(hotFolder, `case7_${light}.png`));

    const inspection = page.getByTestId('inspection');
    await inspection.waitFor({ timeout: 120_000 });
    const examinationId = await inspection.getAttribute('data-examination-id');
    const card = page.getByTestId(`check-${CHECK}`);
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('fail');

    // The comparison strip: infrared and white rows, document crop beside the reference crop.
    const strip = page.getByTestId(`comparison-${CHECK}`);
    await strip.waitFor();
    await page.getByTestId(`crop-document-${CHECK}-ir`).waitFor();
    await page.getByTestId(`crop-document-${CHECK}-white`).waitFor();
    const exam = (await page.evaluate(async (id) => {
      const response = await fetch('/api/invoke/examination:get', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) });
      return response.json() as unknown;
    }, examinationId)) as Examination;
    if ((await strip.getAttribute('data-reference')) === 'yes') {
      await page.getByTestId(`crop-reference-${CHECK}-ir`).waitFor();
      await page.getByTestId(`crop-reference-${CHECK}-white`).waitFor();
      // The reference box is the bounding box of the evidence box's corners mapped by H⁻¹.
      const region = exam.checks.find((c) => c.id === CHECK)!.evidence.find((e) => e.region)!.region!;
      const inverse = invertH(exam.identification!.homography);
      const corners = [[region.x, region.y], [region.x + region.w, region.y], [region.x, region.y + region.h], [region.x + region.w, region.y + region.h]].map(([x, y]) => applyH(inverse, x!, y!));
      const xs = corners.map((p) => p[0]);
      const ys = corners.map((p) => p[1]);
      const expected = [Math.min(...xs), Math.min(...ys), Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)].map(Math.round);
      const shown = ((await page.getByTestId(`crop-reference-${CHECK}-ir`).locator('img').getAttribute('data-box')) ?? '').split(',').map(Number);
      shown.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(1));
    } else {
      expect(await strip.textContent()).toContain('No reference class');
    }
    await card.click();
    await strip.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifactsDir, 'finding-comparison.png') });

    // Keyboard: focus the card, C opens the confirmation with the reason field focused.
    await card.focus();
    await page.keyboard.press('c');
    await waitForExpression(page, `document.activeElement?.getAttribute('data-testid') === 'review-reason-${CHECK}'`);
    // A reason is required.
    await page.keyboard.press('Enter');
    expect(await page.getByTestId(`review-form-${CHECK}`).getByRole('alert').textContent()).toContain('reason');
    await page.keyboard.type(REASON);
    await page.keyboard.press('Enter');
    const record = page.getByTestId(`review-${CHECK}`);
    await record.waitFor();
    expect(await record.getAttribute('data-verdict')).toBe('confirmed');
    expect(await record.textContent()).toContain(REASON);
    expect(await record.textContent()).toContain(OFFICER.name);
    expect(await page.getByTestId(`decision-review-${CHECK}`).textContent()).toContain(REASON);
    await page.screenshot({ path: join(artifactsDir, 'finding-reviewed.png') });

    // Reload and reopen from the history: the review is part of the examination.
    await page.reload();
    await page.getByTestId('officer').waitFor();
    await page.locator('body').press('h');
    await page.getByTestId(`history-open-${examinationId}`).click();
    await page.locator(`[data-testid="inspection"][data-examination-id="${examinationId}"]`).waitFor();
    expect(await page.getByTestId(`review-${CHECK}`).textContent()).toContain(REASON);
    expect(await page.getByTestId(`check-${CHECK}`).getAttribute('data-review')).toBe('confirmed');

    // The report prints the review under the check.
    await page.getByTestId('report-button').click();
    const link = page.getByTestId('report-link');
    await link.waitFor({ timeout: 60_000 });
    const response = await page.request.get(new URL((await link.getAttribute('href')) ?? '', page.url()).toString());
    expect(response.status()).toBe(200);
    const pdfPath = join(workDir, 'report.pdf');
    writeFileSync(pdfPath, await response.body());
    const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Finding confirmed');
    expect(text).toContain(REASON.replace(/\s+/g, ' '));

    const violations: unknown = await page.evaluate(READ_CSP_VIOLATIONS);
    expect(violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 300_000);
});


/** Loads the station page; retried while a concurrent build briefly leaves the output incomplete. */
