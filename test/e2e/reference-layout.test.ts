// End to end: the reference screen as an examiner sees it at the two screen sizes of the stations
// (1600×1000 and 1280×720) in Debian's Chromium against the loopback host. "Compare with the
// document" fills the screen with both images in sight; every zone of a class has a numbered marker
// on the reference image that no other marker covers, matching the number in the zone list, and
// pointing at a zone shows its full label; the library table shows every column, Source included,
// without scrolling sideways.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsDir, chromiumMissing, signIn, useStation, waitForExpression } from './e2e-station';
import { deviceStateIs, READ_CSP_VIOLATIONS } from './page-scripts';

const OFFICER = { name: 'Ada Lindqvist', badge: 'B-4711' };
const SIZES = [
  { width: 1600, height: 1000 },
  { width: 1280, height: 720 },
];
const IMAGES_DECODED = `(() => {
  const imgs = [...document.querySelectorAll('[data-testid="viewer-image"], [data-testid="viewer-reference-image"], [data-testid="class-image-img"]')];
  return imgs.length > 0 && imgs.every((img) => img.complete && img.naturalWidth > 0);
})()`;

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Screen rectangles of the elements matching `selector`, with the zone id of attribute `idAttribute`. */
async function rects(page: Page, selector: string, idAttribute: string): Promise<(Rect & { id: string })[]> {
  return (await page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((el) => {
    const r = el.getBoundingClientRect();
    return { id: el.getAttribute(${JSON.stringify(idAttribute)}), x: r.x, y: r.y, width: r.width, height: r.height };
  })`)) as (Rect & { id: string })[];
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** How much of `inner` lies inside `outer`, in screen pixels. */
function visibleHeight(inner: Rect, outer: Rect): number {
  return Math.max(0, Math.min(inner.y + inner.height, outer.y + outer.height) - Math.max(inner.y, outer.y));
}

describe.skipIf(chromiumMissing)('reference screen layout (Chromium against the loopback host)', () => {
  const station = useStation('loupe-e2e-reference-layout-');

  it('compares side by side, numbers every zone legibly and shows every library column at both screen sizes', async () => {
    const { host, page, consoleErrors } = station;
    mkdirSync(artifactsDir, { recursive: true });
    await signIn(page, host.url, OFFICER);
    await waitForExpression(page, deviceStateIs('virtual-scanner', 'connected'));
    await page.getByTestId('device-picker').selectOption('virtual-scanner');
    await page.locator('body').press('s');
    await page.getByTestId('inspection').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('check-document.identification').getAttribute('data-status')).toBe('pass');
    await page.locator('body').press('f');
    await page.getByTestId('class-detail').waitFor();

    for (const size of SIZES) {
      await page.setViewportSize(size);
      const at = `${size.width}×${size.height}`;

      // Compare: the panel fills the screen below the header; both images are in sight.
      await page.getByTestId('compare-toggle').click();
      await page.getByTestId('compare-view').waitFor();
      await waitForExpression(page, IMAGES_DECODED);
      const main = (await page.locator('main').boundingBox())!;
      const compare = (await page.getByTestId('compare-view').boundingBox())!;
      expect(compare.height, `compare panel height at ${at}`).toBeGreaterThan(main.height * 0.9);
      for (const [image, pane] of [['viewer-image', 'viewer-pane'], ['viewer-reference-image', 'viewer-reference']] as const) {
        const imageBox = (await page.getByTestId(image).boundingBox())!;
        const paneBox = (await page.getByTestId(pane).boundingBox())!;
        expect(paneBox.height, `${pane} height at ${at}`).toBeGreaterThan(size.height * 0.4);
        // Fitted: the whole document height is shown inside its pane.
        expect(visibleHeight(imageBox, paneBox), `${image} in sight at ${at}`).toBeGreaterThan(imageBox.height * 0.95);
      }
      await page.screenshot({ path: join(artifactsDir, `reference-compare-${size.width}.png`) });
      await page.getByTestId('compare-toggle').click();
      await page.getByTestId('class-detail').waitFor();

      // Zones: one numbered marker per zone, none covering another, readable, on its own zone.
      await waitForExpression(page, IMAGES_DECODED);
      // Every element that stands for a zone carries data-zone-id: the outlines, and nothing else.
      const zones = await rects(page, '[data-testid="class-zones"] [data-zone-id]', 'data-zone-id');
      expect(zones.length, `zones at ${at}`).toBeGreaterThan(15);
      const markers = await rects(page, '[data-testid^="zone-marker-"]', 'data-marker-for');
      expect(markers.map((m) => m.id).sort(), `one marker per zone at ${at}`).toEqual(zones.map((z) => z.id).sort());
      for (const [i, a] of markers.entries()) {
        expect(a.height, `marker of ${a.id} is readable at ${at}`).toBeGreaterThanOrEqual(16);
        for (const b of markers.slice(i + 1)) expect(overlap(a, b), `markers of ${a.id} and ${b.id} overlap at ${at}`).toBeLessThan(1);
        const zone = zones.find((z) => z.id === a.id)!;
        const near = { x: zone.x - a.width - 1, y: zone.y - a.height - 1, width: zone.width + 2 * a.width + 2, height: zone.height + 2 * a.height + 2 };
        expect(overlap(a, near), `marker of ${a.id} sits on its zone at ${at}`).toBeGreaterThan(0);
      }
      // The zone list carries the same numbers, in the same order as the markers.
      const numbers = (await page.evaluate(`[...document.querySelectorAll('[data-testid^="zone-number-"]')].map((el) => [el.getAttribute('data-testid').slice('zone-number-'.length), el.textContent])`)) as [string, string][];
      const markerNumbers = (await page.evaluate(`[...document.querySelectorAll('[data-testid^="zone-marker-"]')].map((el) => [el.getAttribute('data-marker-for'), el.textContent])`)) as [string, string][];
      expect(numbers).toEqual(markerNumbers);
      // Pointing at a zone in the list shows its full label on the image.
      const [zoneId] = numbers[numbers.length - 1]!;
      await page.getByTestId(`zone-item-${zoneId}`).hover();
      const callout = page.getByTestId('zone-callout');
      await callout.waitFor();
      const label = (await page.getByTestId(`zone-item-${zoneId}`).locator('button').textContent())!;
      expect(await callout.textContent()).toBe(`${numbers.length} · ${label}`);
      expect(await callout.isVisible()).toBe(true);
      const calloutBox = (await callout.boundingBox())!;
      expect(calloutBox.y, `label of the last zone in sight at ${at}`).toBeGreaterThanOrEqual(main.y - 1);
      expect(calloutBox.y + calloutBox.height).toBeLessThanOrEqual(main.y + main.height + 1);
      await page.screenshot({ path: join(artifactsDir, `reference-zones-${size.width}.png`) });
      await page.mouse.move(1, size.height - 1);

      // The library table: every column in sight, the last one (Source) included.
      const list = (await page.getByTestId('reference-list').boundingBox())!;
      const fit = (await page.evaluate(`(() => {
        const panel = document.querySelector('[data-testid="reference-list"]');
        const table = panel.querySelector('table');
        return { scroll: panel.scrollWidth, client: panel.clientWidth, table: table.getBoundingClientRect().right };
      })()`)) as { scroll: number; client: number; table: number };
      expect(fit.scroll, `library table scrolls sideways at ${at}`).toBeLessThanOrEqual(fit.client);
      const source = (await page.locator('[data-testid="reference-list"] thead th').last().boundingBox())!;
      expect(await page.locator('[data-testid="reference-list"] thead th').last().textContent()).toBe('Source');
      expect(source.x + source.width, `Source column cut off at ${at}`).toBeLessThanOrEqual(list.x + list.width);
      const sourceCell = (await page.getByTestId('reference-source-aurora-td3').innerText()).replace(/\s+/g, ' ');
      expect(sourceCell).toBe('Built-in version 1');
    }

    expect(await page.evaluate(READ_CSP_VIOLATIONS)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 300_000);
});
