// End to end: the Devices dialog in Debian's Chromium against the loopback host (real device
// bridge, real hot folder, real serial driver, real OCR). Sign in, open the dialog with G, point
// the hot folder at a fresh directory, drop a specimen set into it the way scanner software does
// (file by file, in chunks) and see the examination open by itself; point the serial reader at a
// port that does not exist and see the error in plain words.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir';
import { artifactsDir, chromiumMissing, waitForExpression, signIn, repoRoot, useStation } from './e2e-station';
import { deviceStateIs, READ_CSP_VIOLATIONS } from './page-scripts';

const specimensDir = join(repoRoot, 'assets', 'specimens');
const SPECIMEN = 'spc-9303-0001';
const MISSING_PORT = '/dev/ttyLOUPE-missing';
const OFFICER = { name: 'Ada Lindqvist', badge: 'B-4711' };
/** Set by the dialog itself: a focused element inside it. */
const FOCUS_IN_DIALOG = `document.querySelector('[data-testid="device-settings"]')?.contains(document.activeElement) === true`;

describe.skipIf(chromiumMissing)('device settings and device-initiated capture (Chromium against the loopback host)', () => {
  const station = useStation('loupe-e2e-devices-data-');
  const hotFolder = useTempDir('loupe-e2e-hot-folder-');

  it('configures the hot folder and the serial reader, and opens a dropped scan by itself', async () => {
    const { host, page, consoleErrors } = station;
    mkdirSync(artifactsDir, { recursive: true });
    await signIn(page, host.url, OFFICER);
    await page.getByTestId('empty-state').waitFor();

    // G opens the dialog; focus lands inside it, on the first device that still needs setting up.
    await page.locator('body').press('g');
    const dialog = page.getByTestId('device-settings');
    await dialog.waitFor();
    await waitForExpression(page, FOCUS_IN_DIALOG);
    const hotCard = page.getByTestId('device-settings-hot-folder');
    expect(await hotCard.getAttribute('data-state')).toBe('disabled');
    expect(await page.getByTestId('device-settings-reason-hot-folder').textContent()).toMatch(/folder/i);
    // Every known setting has a label in words, not its key.
    expect(await page.getByLabel('Folder watched for new scans').count()).toBe(1);
    expect(await page.getByLabel('Serial port').count()).toBe(1);
    expect(await page.getByLabel('SANE device').count()).toBe(1);
    await dialog.screenshot({ path: join(artifactsDir, 'device-settings.png') });

    // Typed and saved with the keyboard alone: Enter saves.
    await page.getByTestId('setting-hot-folder-folder').focus();
    await page.keyboard.type(hotFolder);
    await page.keyboard.press('Enter');
    await page.getByTestId('device-settings-saved-hot-folder').waitFor();
    await expect.poll(() => hotCard.getAttribute('data-state'), { timeout: 15_000 }).toBe('connected');
    await waitForExpression(page, deviceStateIs('hot-folder', 'connected'));
    expect(await page.getByTestId('setting-hot-folder-folder').inputValue()).toBe(hotFolder);
    // Keys pressed in the dialog stay in the dialog: S on a button does not scan behind it (a
    // virtual-scanner examination would replace the hot-folder one checked below).
    await page.getByTestId('device-save-hot-folder').focus();
    await page.keyboard.press('s');
    expect(await dialog.count()).toBe(1);

    // The serial reader: a number field must hold a number; the device refuses a bad baud rate.
    const baud = page.getByTestId('setting-serial-mrz-baudRate');
    await page.getByTestId('setting-serial-mrz-path').fill(MISSING_PORT);
    await baud.fill('');
    await baud.press('Enter');
    const serialError = page.getByTestId('device-settings-error-serial-mrz');
    await serialError.waitFor();
    expect(await serialError.textContent()).toContain('Baud rate: enter a number.');
    await baud.fill('5');
    await baud.press('Enter');
    // The device's refusal, with the setting named by its label and what to do next.
    await expect.poll(() => serialError.getAttribute('data-kind')).not.toBe('form');
    const refusal = (await serialError.textContent()) ?? '';
    expect(refusal).toContain('Baud rate: Too small');
    expect(refusal).not.toContain('baudRate');
    expect(refusal).toContain('Correct the settings above, then save again.');
    expect(await page.getByTestId('device-settings-serial-mrz').getAttribute('data-state')).toBe('disabled');

    // A valid baud rate on a port that does not exist: saved, and the device says why it fails.
    await baud.fill('9600');
    await page.getByTestId('device-save-serial-mrz').click();
    await page.getByTestId('device-settings-saved-serial-mrz').waitFor();
    await expect.poll(() => page.getByTestId('device-settings-serial-mrz').getAttribute('data-state'), { timeout: 15_000 }).toBe('error');
    const reason = (await page.getByTestId('device-settings-reason-serial-mrz').textContent()) ?? '';
    expect(reason).toContain(MISSING_PORT);
    expect(reason).toMatch(/check the cable and the port setting/i);
    await waitForExpression(page, deviceStateIs('serial-mrz', 'error'));
    expect(await page.getByTestId('device-serial-mrz').locator('.device__reason').textContent()).toContain(MISSING_PORT);

    const errorShot = join(artifactsDir, 'device-settings-error.png');
    await page.getByTestId('device-settings-serial-mrz').screenshot({ path: errorShot });
    expect(statSync(errorShot).size).toBeGreaterThan(5_000);
    await page.screenshot({ path: join(artifactsDir, 'device-settings-screen.png') });

    // Tab wraps around inside the dialog; Escape closes it.
    for (let i = 0; i < 25; i++) await page.keyboard.press('Tab');
    await waitForExpression(page, FOCUS_IN_DIALOG);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('empty-state').waitFor();

    // The scanner software writes a set into the folder, file by file, in chunks. Nobody presses Scan.
    for (const light of ['white', 'ir', 'uv'] as const) {
      await writeInChunks(join(specimensDir, `${SPECIMEN}_${light}.png`), join(hotFolder, `case42_${light}.png`));
    }
    const inspection = page.getByTestId('inspection');
    await inspection.waitFor({ timeout: 90_000 });
    const truth = JSON.parse(readFileSync(join(specimensDir, `${SPECIMEN}.truth.json`), 'utf8')) as { mrz: { lines: string[] } };
    const shown: string[] = [];
    for (let i = 0; i < truth.mrz.lines.length; i++) shown.push((await page.getByTestId(`mrz-line-${i}`).textContent()) ?? '');
    expect(shown).toEqual(truth.mrz.lines);
    // The whole set arrived: the infrared image is part of the examination.
    await page.locator('body').press('2');
    await expect.poll(() => page.getByTestId('viewer-image').getAttribute('data-light')).toBe('ir');
    await page.screenshot({ path: join(artifactsDir, 'hot-folder-examination.png') });

    // Nothing went wrong on the page, apart from the refusal this test asked for.
    const violations: unknown = await page.evaluate(READ_CSP_VIOLATIONS);
    expect(violations).toEqual([]);
    expect(consoleErrors.filter((e) => !(e.startsWith('Failed to load resource') && e.includes('/api/invoke/devices:configure')))).toEqual([]);
  }, 240_000);
});

/** Loads the station page; retried while a concurrent build briefly leaves the output incomplete. */

/** Writes like scanner software does: the file grows in pieces over a few hundred milliseconds. */
async function writeInChunks(source: string, target: string): Promise<void> {
  const bytes = readFileSync(source);
  const chunk = Math.ceil(bytes.length / 6);
  const handle = await open(target, 'w');
  try {
    for (let offset = 0; offset < bytes.length; offset += chunk) {
      await handle.write(bytes.subarray(offset, offset + chunk));
      await handle.sync();
      await sleep(60);
    }
  } finally {
    await handle.close();
  }
}
