// End to end: the Trust store screen in Debian's Chromium against the loopback host, over a CSCA
// trust store imported into the station's data folder before it starts (a master list under its
// root, a CSCA file, CRLs — one current, one past its next update). The screen is reached from the
// header and with K, its tiles lead to their lists with the keyboard, the coverage table filters,
// and what it shows is what the store holds: coverage per state, expiring and expired CSCAs, CRL
// age, the states of the station's table without a CSCA. Screenshots at 1280×720 and 1600×1000.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issuingStates } from '../../electron/mrz/mrz-states';
import { openStationStore } from '../../electron/store';
import { planTrustImport } from '../../electron/trust/csca-import-plan';
import { CscaTrustStore } from '../../electron/trust/csca-trust-store';
import { csca, crlOf, masterList, signerUnder } from '../helpers/chip/csca-fixtures';
import { makeKey } from '../helpers/chip/test-pki';
import { artifactsDir, chromiumMissing, signIn, useStation } from './e2e-station';
import { READ_CSP_VIOLATIONS } from './page-scripts';

const OFFICER = { name: 'Vesna Kovač', badge: 'E-0415' };

/** The header holds on one line: nothing overflows it, the officer's pill is one line high. */
const HEADER_FITS = `(() => {
  const header = document.querySelector('.header');
  const signOut = document.querySelector('[data-testid="sign-out"]').getBoundingClientRect();
  const officer = document.querySelector('[data-testid="officer"]').getBoundingClientRect();
  const tab = document.querySelector('[data-testid="nav-trust"]').getBoundingClientRect();
  return header.scrollWidth <= header.clientWidth && signOut.right <= window.innerWidth && officer.height < 48 && tab.height < 48;
})()`;
const DAY = 86_400_000;
const days = (n: number) => new Date(Date.now() + n * DAY);

/** 8 states: Germany, France, Serbia, Italy, Netherlands, Poland, Austria, Japan — in various health. */
function prepareStore(dataDir: string): void {
  const key = makeKey('p256');
  const root = csca({ country: 'DE', cn: 'CSCA Germany', key, notBefore: days(-2000), notAfter: days(3000) });
  const signer = signerUnder(root, { cn: 'Master List Signer', notBefore: days(-100), notAfter: days(1000) });
  const list = [
    root.certificate,
    csca({ country: 'DE', cn: 'CSCA Germany 2012', serial: 2n, key, notBefore: days(-5000), notAfter: days(-400) }).certificate,
    csca({ country: 'FR', cn: 'CSCA France', key, notBefore: days(-3000), notAfter: days(40) }).certificate,
    csca({ country: 'RS', cn: 'CSCA Serbia', key, notBefore: days(-3000), notAfter: days(-30) }).certificate,
    csca({ country: 'IT', cn: 'CSCA Italia', key, notBefore: days(-1000), notAfter: days(4000) }).certificate,
    csca({ country: 'NL', cn: 'CSCA NL', key, notBefore: days(-1000), notAfter: days(75) }).certificate,
    csca({ country: 'JP', cn: 'Japan CSCA', key, notBefore: days(-1000), notAfter: days(5000) }).certificate,
    // Many expired CSCAs of one state: the expired list shows its first rows until asked for all.
    ...Array.from({ length: 24 }, (_, i) => csca({ country: 'PL', cn: `CSCA Poland ${2001 + i}`, serial: BigInt(100 + i), key, notBefore: days(-6000 + i * 100), notAfter: days(-2000 + i * 60) }).certificate),
  ];
  const austria = csca({ country: 'AT', cn: 'CSCA-AUSTRIA', notBefore: days(-500), notAfter: days(3500) });
  const now = new Date();
  const plan = planTrustImport(
    [
      { name: 'icao-ml-germany.ml', bytes: masterList(signer, list) },
      { name: 'csca-austria.der', bytes: austria.certificate.encoded },
      { name: 'de.crl', bytes: crlOf(root, [{ serial: 7n, date: days(-50) }], days(-20), days(40)) },
      { name: 'at.crl', bytes: crlOf(austria, [], days(-120), days(-30)) },
    ],
    [root.certificate],
    now,
  );
  const station = openStationStore(dataDir);
  try {
    new CscaTrustStore(station).import(plan, 'expert-9', now);
  } finally {
    station.close();
  }
}

describe.skipIf(chromiumMissing)('the Trust store screen (Chromium against the loopback host)', () => {
  const station = useStation('loupe-e2e-trust-store-', {}, prepareStore);

  it("shows the store's health from the header and the keyboard, with screenshots", async () => {
    const { host, page, consoleErrors } = station;
    await signIn(page, host.url, OFFICER);
    await page.getByTestId('empty-state').waitFor();

    await page.keyboard.press('k');
    await page.getByTestId('trust-view').waitFor();
    await page.getByTestId('trust-states').waitFor();
    expect(await page.getByTestId('nav-trust').getAttribute('aria-current')).toBe('page');
    const tile = async (id: string) => (await page.getByTestId(`trust-tile-${id}`).locator('.trust-tile__value').textContent())?.trim();
    expect(await tile('certificates')).toBe('32');
    expect(await tile('states')).toBe('6'); // D, FRA, ITA, NLD, JPN, AUT; SRB and POL have none valid
    expect(await tile('expiring')).toBe('2');
    expect(await tile('expired')).toBe('26');
    expect(await tile('crls')).toBe('1');
    expect(Number(await tile('missing'))).toBe(issuingStates().length - 8);
    expect(await page.getByTestId('trust-last-import').textContent()).toMatch(/Last import: at\.crl \(CRL\), .* by expert-9/);

    const row = async (state: string) => page.getByTestId(`trust-state-${state}`).locator('[data-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(await row('D')).toEqual(['covered', 'current']);
    expect(await row('FRA')).toEqual(['expiring', 'none']);
    expect(await row('SRB')).toEqual(['none-valid', 'none']);
    expect(await row('AUT')).toEqual(['covered', 'overdue']);
    expect(await page.getByTestId('trust-state-D').textContent()).toContain('Germany');
    expect(await page.getByTestId('trust-expiring').locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/^FRA.*CN=CSCA France/), expect.stringMatching(/^NLD.*CN=CSCA NL/)]);
    expect(await page.getByTestId('trust-crls').locator('tbody tr').first().textContent()).toMatch(/AUT.*CSCA-AUSTRIA.*120 days.*Overdue/);
    expect(await page.getByTestId('trust-missing').textContent()).toContain('GBR United Kingdom');
    expect(await page.getByTestId('trust-missing').textContent()).not.toContain('FRA');

    for (const size of [{ width: 1280, height: 720 }, { width: 1600, height: 1000 }]) {
      await page.setViewportSize(size);
      // Five screens, the report, the officer and sign-out on one header line, none cut off.
      expect(await page.evaluate(HEADER_FITS), `header at ${size.width}`).toBe(true);
      await page.screenshot({ path: join(artifactsDir, `trust-store-${size.width}.png`) });
    }

    // Keyboard: a tile leads to its list, whose heading takes the focus.
    await page.getByTestId('trust-tile-expired').locator('button').focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('trust-expired-title');
    await page.screenshot({ path: join(artifactsDir, 'trust-store-1600-expired.png') });
    expect(await page.getByTestId('trust-expired').locator('tbody tr').count()).toBe(20);
    await page.getByTestId('trust-expired-more').click();
    expect(await page.getByTestId('trust-expired').locator('tbody tr').count()).toBe(26);
    await page.setViewportSize({ width: 1280, height: 720 });

    // The coverage table filters by code or name; typing there never triggers a shortcut.
    await page.getByTestId('trust-states-filter').fill('ital');
    expect(await page.getByTestId('trust-states').locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/^ITA\s*Italy/)]);
    await page.getByTestId('trust-states-filter').fill('k');
    await page.getByTestId('trust-view').waitFor();

    // K again (outside the field) goes back to the inspection.
    await page.getByTestId('trust-refresh').focus();
    await page.keyboard.press('k');
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('nav-trust').click();
    await page.getByTestId('trust-view').waitFor();

    expect(await page.evaluate(READ_CSP_VIOLATIONS)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

describe.skipIf(chromiumMissing)('the Trust store screen of an empty store (Chromium against the loopback host)', () => {
  const station = useStation('loupe-e2e-trust-empty-');

  it('says every chip will end issuer unknown, and how an expert imports trust material', async () => {
    const { host, page, consoleErrors } = station;
    await signIn(page, host.url, OFFICER);
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('nav-trust').click();
    await page.getByTestId('trust-empty').waitFor();
    expect(await page.getByTestId('trust-empty').textContent()).toContain('loupe trust import FILE... --signer ROOT');
    expect(await page.getByTestId('trust-last-import').textContent()).toContain('Nothing has been imported yet.');
    expect(await page.getByTestId('trust-tile-certificates').textContent()).toMatch(/^0/);
    expect(await page.getByTestId('trust-crls-none').isVisible()).toBe(true);
    expect(await page.getByTestId('trust-states-empty').textContent()).toBe('No CSCA is held for any state.');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: join(artifactsDir, 'trust-store-empty-1280.png') });
    expect(await page.evaluate(READ_CSP_VIOLATIONS)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
