// Every screen of the workstation, in Debian's Chromium at 1280×720 and 1600×1000: the sign-in,
// the empty and the filled inspection screen (scrolled to its end too), the devices and shortcut
// dialogs, history, reference library, trends and trust store. Each is checked by axe-core (no
// serious or critical violation) and compared with its accepted screenshot (screen-audit.ts).
import { describe, expect, it } from 'vitest';
import { chromiumMissing, useStation, waitForExpression } from './e2e-station';
import { deviceStateIs } from './page-scripts';
import { accessibilityViolations, blocking, compareScreen, describeViolations, type ScreenComparison } from './screen-audit';

const OFFICER = { name: 'Mirela Hodžić', badge: 'BH-2207' };
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1600, height: 1000 },
] as const;

/** What changes from run to run: clocks, dates and ids, masked in the screenshots. */
const VOLATILE = ['time', '[data-volatile]', '[data-testid="trust-last-import"]', '[data-testid^="history-row-"] td:first-child', '[data-testid="status-clock"]'];

const station = useStation('loupe-e2e-screens-');

describe.skipIf(chromiumMissing)('every screen', () => {
  it('has no serious accessibility violation and looks as accepted, at 1280×720 and 1600×1000', { timeout: 300_000 }, async () => {
    const { host, page, consoleErrors } = station;
    const violations: string[] = [];
    const comparisons: ScreenComparison[] = [];
    const audit = async (screen: string, options: { axe?: boolean } = {}) => {
      // Layout settles (fonts, images, charts) before the screen is judged.
      await page.evaluate('document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))');
      const size = page.viewportSize()!;
      // Every screen names itself with one top-level heading (screen readers jump to it).
      if ((await page.locator('h1').count()) !== 1) violations.push(`${screen} ${size.width}×${size.height}: ${await page.locator('h1').count()} h1 headings, expected one`);
      if (options.axe !== false) {
        const found = blocking(await accessibilityViolations(page));
        if (found.length > 0) violations.push(describeViolations(`${screen} ${size.width}×${size.height}`, found));
      }
      comparisons.push(await compareScreen(page, `${screen}-${size.width}x${size.height}`, { mask: VOLATILE.map((s) => page.locator(s)) }));
    };

    await page.setViewportSize(SIZES[0]);
    await page.goto(host.url);
    await page.getByTestId('sign-in-name').waitFor();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await audit('sign-in');
    }
    await page.getByTestId('sign-in-name').fill(OFFICER.name);
    await page.getByTestId('sign-in-badge').fill(OFFICER.badge);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('officer').waitFor();
    await waitForExpression(page, deviceStateIs('virtual-scanner', 'connected'));
    await page.getByTestId('device-picker').selectOption('virtual-scanner');

    for (const size of SIZES) {
      await page.setViewportSize(size);
      await audit('inspection-empty', { axe: size === SIZES[0] });
    }

    await page.locator('body').press('s');
    await page.getByTestId('inspection').waitFor({ timeout: 60_000 });
    await page.getByTestId('layer-data-integrity').waitFor();
    await waitForExpression(page, `document.querySelector('[data-testid="viewer-image"]')?.complete === true`);
    // Folded forms open, so that their fields are audited too (the face threshold's).
    await page.evaluate(`document.querySelectorAll('details').forEach((d) => { d.open = true; })`);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await audit('inspection', { axe: size === SIZES[0] });
      // Every scrolling panel at its end: nothing is cut and the window itself never scrolls.
      await page.evaluate(`document.querySelectorAll('*').forEach((e) => { if (e.scrollHeight > e.clientHeight + 1 && getComputedStyle(e).overflowY !== 'visible') e.scrollTop = e.scrollHeight; })`);
      await audit('inspection-end', { axe: false });
      await page.evaluate(`document.querySelectorAll('*').forEach((e) => { e.scrollTop = 0; })`);
    }

    const dialog = async (screen: string, open: () => Promise<void>, testId: string) => {
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await open();
        await page.getByTestId(testId).waitFor();
        // A dialog opens at its top: its title is in view.
        const titleInView = await page.evaluate(`(() => {
          const dialog = document.querySelector('[data-testid="${testId}"]');
          const title = dialog.querySelector('h2, h1');
          const d = dialog.getBoundingClientRect();
          const r = title.getBoundingClientRect();
          return r.top >= d.top - 1 && r.bottom <= Math.min(d.bottom, innerHeight) + 1;
        })()`);
        if (titleInView !== true) violations.push(`${screen} ${size.width}×${size.height}: the dialog's title is scrolled out of view`);
        await audit(screen, { axe: size === SIZES[0] });
        await page.keyboard.press('Escape');
        await page.getByTestId(testId).waitFor({ state: 'detached' });
      }
    };
    await dialog('shortcuts', () => page.locator('body').press('?'), 'shortcut-sheet');
    await dialog('devices', () => page.locator('body').press('g'), 'device-settings');

    for (const [screen, tab, testId] of [
      ['history', 'nav-history', 'history-view'],
      ['reference', 'nav-reference', 'reference-list'],
      ['trends', 'nav-trends', 'trends-view'],
      ['trust-store', 'nav-trust', 'trust-view'],
    ] as const) {
      await page.getByTestId(tab).click();
      await page.getByTestId(testId).waitFor({ timeout: 30_000 });
      // A screen is judged once it has loaded what it shows (its "Loading…" line gone).
      await waitForExpression(page, `!/Loading/.test(document.querySelector('main')?.innerText ?? '')`);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await audit(screen, { axe: size === SIZES[0] });
      }
    }

    const different = comparisons.filter((c) => c.outcome === 'different');
    const skipped = comparisons.filter((c) => c.outcome === 'skipped' || c.outcome === 'new');
    if (skipped.length > 0) console.warn(`Screens not compared: ${skipped.map((c) => `${c.name} (${c.detail})`).join('; ')}`);
    expect(violations.join('\n\n')).toBe('');
    expect(different.map((c) => `${c.name}: ${c.detail}`)).toEqual([]);
    expect(comparisons.length).toBe(20);
    expect(consoleErrors).toEqual([]);
  });
});
