// End to end: the audit trail on the Trust store screen in Debian's Chromium against the loopback
// host — intact after the officer signs in (the host signed a checkpoint of the log's head at its
// start), then broken at the entry an attacker edited in the database file behind the append-only
// triggers' back, once the screen is refreshed. Screenshots at 1280×720 and 1600×1000.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactsDir, chromiumMissing, signIn, useStation } from './e2e-station';
import { READ_CSP_VIOLATIONS } from './page-scripts';

const OFFICER = { name: 'Vesna Kovač', badge: 'E-0415' };

describe.skipIf(chromiumMissing)('the audit trail on the Trust store screen (Chromium against the loopback host)', () => {
  const station = useStation('loupe-e2e-audit-trail-');

  it('shows the trail intact, then broken at the entry edited in the database file', async () => {
    const { host, page, consoleErrors, dataDir } = station;
    await signIn(page, host.url, OFFICER);
    await page.getByTestId('empty-state').waitFor();
    await page.keyboard.press('k');
    await page.getByTestId('trust-view').waitFor();

    const state = page.getByTestId('audit-trail-state');
    await state.waitFor();
    expect(await state.getAttribute('data-status')).toBe('intact');
    expect(await state.textContent()).toMatch(/Intact.*Entries in the log: 1\. Every link and every signed checkpoint verified\./);
    expect(await page.getByTestId('audit-trail-checkpoint').textContent()).toMatch(/^Last signed checkpoint: .+ \(entry 0\)$/);
    for (const size of [{ width: 1280, height: 720 }, { width: 1600, height: 1000 }]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: join(artifactsDir, `audit-trail-intact-${size.width}.png`) });
    }

    // An attacker with the file: the triggers dropped, the sign-in entry given another officer.
    const raw = new Database(join(dataDir, 'station.sqlite'));
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET officer_name = 'Someone Else' WHERE id = 1").run();
    raw.close();

    await page.getByTestId('trust-refresh').click();
    await page.locator('[data-testid="audit-trail-state"][data-status="broken"]').waitFor();
    expect(await state.getAttribute('data-entry')).toBe('1');
    expect(await state.textContent()).toMatch(/Broken at entry 1.*This entry was altered after it was written\./);
    for (const size of [{ width: 1280, height: 720 }, { width: 1600, height: 1000 }]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: join(artifactsDir, `audit-trail-broken-${size.width}.png`) });
    }

    expect(await page.evaluate(READ_CSP_VIOLATIONS)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
