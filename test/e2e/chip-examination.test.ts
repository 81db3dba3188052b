// End to end: the chip in the examination, in Debian's Chromium against the loopback host. The
// host and Chromium run in this test's own network namespace; the station's device bridge is forked
// into a private PC/SC namespace (pcscd + vpcd, test/helpers/pcsc) — exactly where a desktop
// station's bridge talks to the system's pcscd — and a virtual card holding the scanned specimen's
// MRZ in DG1 sits on its reader. Scan: the chip read starts from the MRZ reading, progress shows
// file by file, the chip portrait joins the face comparison, the verdict layers fill; a clone fails
// chip genuineness, an altered DG1 fails the issuer signature; a document lifted mid-read resumes
// when it is put back.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../electron/services/create-services';
import { createCardPki, saveCardPki } from '../../electron/specimens/virtual-card/card-pki';
import { openStationStore } from '../../electron/store';
import { planTrustImport } from '../../electron/trust/csca-import-plan';
import { CscaTrustStore } from '../../electron/trust/csca-trust-store';
import { PcscNamespace, pcscStackUnavailable } from '../helpers/pcsc/pcsc-namespace';
import { VirtualCardProcess } from '../helpers/pcsc/virtual-card-process';
import { useTempDir } from '../helpers/temp-dir';
import { artifactsDir, chromiumMissing, signIn, startStation, stopStation, waitForExpression, type Station } from './e2e-station';
import { deviceStateIs, READ_CSP_VIOLATIONS } from './page-scripts';

const PCSC_SKIP = pcscStackUnavailable();
const SPECIMEN = 'spc-9303-0000';
const SPECIMEN_MRZ = (JSON.parse(readFileSync(join(import.meta.dirname, '../../assets/specimens', `${SPECIMEN}.truth.json`), 'utf8')) as { mrz: { lines: string[] } }).mrz.lines;
const OFFICER = { name: 'Mira Chipova', badge: 'E-21' };

/** Records every phase and file the chip panel shows, in the page (the panel may pass through them quickly). */
const RECORD_CHIP_PHASES = `(() => {
  window.__chipPhases = [];
  const seen = () => {
    const p = document.querySelector('[data-testid="chip-progress"]');
    if (!p) return;
    const entry = p.getAttribute('data-phase') + ':' + p.getAttribute('data-file');
    if (window.__chipPhases[window.__chipPhases.length - 1] !== entry) window.__chipPhases.push(entry);
  };
  new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase', 'data-file'] });
  return true;
})()`;

describe.skipIf(chromiumMissing || PCSC_SKIP !== null)(`the chip in the examination (Chromium, loopback host, bridge in a private PC/SC namespace)${PCSC_SKIP ? ` — skipped: ${PCSC_SKIP}` : ''}`, () => {
  const dataDir = useTempDir('loupe-e2e-chip-');
  const pkiDir = useTempDir('loupe-e2e-chip-pki-');
  const consoleErrors: string[] = [];
  let ns: PcscNamespace;
  let services: Services;
  let station: Station;
  let card: VirtualCardProcess | undefined;

  beforeAll(async () => {
    const pki = createCardPki({ country: 'PH' });
    saveCardPki(pkiDir, pki);
    const store = openStationStore(dataDir);
    new CscaTrustStore(store).import(planTrustImport([{ name: 'csca.der', bytes: pki.csca.encoded }, { name: 'crl.der', bytes: pki.crl }], [], new Date()), 'test');
    store.close();
    ns = await PcscNamespace.start();
    services = await createServices({ dataDir, transport: 'host', imageBase: '/images/', reportBase: '/reports/', referenceBase: '/reference/', spawner: ns.spawner });
    await services.invoke('devices:configure', { id: 'virtual-scanner', settings: { specimen: SPECIMEN } });
    station = await startStation(dataDir, consoleErrors, {}, { host: { services } });
    await signIn(station.page, station.host.url, OFFICER);
    await waitForExpression(station.page, deviceStateIs('virtual-scanner', 'connected'));
    await station.page.getByTestId('device-picker').selectOption('virtual-scanner');
  }, 120_000);

  afterEach(async () => {
    await card?.stop();
    card = undefined;
  });

  afterAll(async () => {
    await stopStation(station);
    await services?.close();
    await ns?.close();
  });

  async function putCard(args: readonly string[]): Promise<void> {
    card = await VirtualCardProcess.start(ns, ['--pki', pkiDir, '--mrz', SPECIMEN_MRZ.join('/'), ...args]);
    await waitForExpression(station.page, deviceStateIs('pcsc', 'connected'), 20_000);
    await new Promise((r) => setTimeout(r, 600));
  }

  /** Scans (S) and waits until the chip panel shows the reading's end. */
  async function scanAndRead(page: Page, previous: string | null): Promise<string> {
    await page.evaluate(RECORD_CHIP_PHASES);
    await page.locator('body').press('s');
    await waitForExpression(page, `(() => { const i = document.querySelector('[data-testid="inspection"]'); return !!i && i.getAttribute('data-examination-id') !== ${JSON.stringify(previous)}; })()`, 90_000);
    const id = (await page.getByTestId('inspection').getAttribute('data-examination-id'))!;
    await waitForExpression(page, `(() => { const p = document.querySelector('[data-testid="chip-panel"]'); return !!p && (p.getAttribute('data-state') === 'read' || p.getAttribute('data-state') === 'not-read'); })()`, 90_000);
    return id;
  }

  const layerStatus = (page: Page, layer: string) => page.locator(`[data-testid="layer-${layer}"] .layer__header [data-status]`).getAttribute('data-status');

  async function screenshots(page: Page, name: string): Promise<void> {
    mkdirSync(artifactsDir, { recursive: true });
    for (const viewport of [{ width: 1280, height: 720 }, { width: 1600, height: 1000 }]) {
      await page.setViewportSize(viewport);
      await page.getByTestId('chip-panel').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifactsDir, `chip-${name}-${viewport.width}x${viewport.height}.png`) });
      // And the end of the side column (the decision form below the chip and face panels).
      await page.locator('.inspection__side').evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.screenshot({ path: join(artifactsDir, `chip-${name}-${viewport.width}x${viewport.height}-end.png`) });
    }
    await page.setViewportSize({ width: 1600, height: 1000 });
  }

  let last: string | null = null;

  it('scan: the chip read starts from the MRZ, shows its progress, its portrait joins the face comparison, the layers fill', async () => {
    const { page } = station;
    // A slow chip (30 ms per answer) so the progress is there to be seen.
    await putCard(['--profile', 'standard', '--delay-ms', '30']);
    last = await scanAndRead(page, last);
    const phases = (await page.evaluate('window.__chipPhases')) as string[];
    expect(phases).toEqual(expect.arrayContaining(['reading:DG1', 'reading:DG2']));
    expect(phases.some((p) => p.startsWith('authenticating') || p.startsWith('verifying') || p.startsWith('portrait'))).toBe(true);
    expect(await page.getByTestId('chip-protocol').getAttribute('data-protocol')).toBe('PACE');
    expect(await page.getByTestId('chip-protocol').textContent()).toContain('the chip offers PACE');
    expect(await page.getByTestId('chip-outcome').getAttribute('data-outcome')).toBe('trusted');
    expect(await page.locator('[data-testid="chip-clone-checks"] li').evaluateAll((items) => items.map((i) => `${i.getAttribute('data-method')}:${i.getAttribute('data-status')}:${i.getAttribute('data-counts')}`))).toEqual([
      'active-authentication:succeeded:true',
      'chip-authentication:succeeded:true',
    ]);
    await page.getByTestId('chip-portrait').waitFor();
    expect(await page.getByTestId('chip-portrait').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    // The chip portrait in the face comparison (the panel was told when the reading ended).
    await page.getByTestId('portrait-chip').waitFor({ timeout: 60_000 });
    expect(await layerStatus(page, 'issuer-signature')).toBe('pass');
    expect(await layerStatus(page, 'chip-genuineness')).toBe('pass');
    expect(await page.getByTestId('check-chip.dg1-mrz').count()).toBe(1);
    await screenshots(page, 'standard');
  }, 180_000);

  it('a clone fails chip genuineness', async () => {
    const { page } = station;
    await putCard(['--profile', 'clone']);
    last = await scanAndRead(page, last);
    expect(await layerStatus(page, 'chip-genuineness')).toBe('fail');
    expect(await layerStatus(page, 'issuer-signature')).toBe('pass');
    expect(await page.locator('[data-testid="chip-clone-checks"] li[data-status="failed"]').count()).toBe(2);
  }, 180_000);

  it('a DG1 changed after signing fails the issuer signature', async () => {
    const { page } = station;
    await putCard(['--profile', 'wrong-dg-hash']);
    last = await scanAndRead(page, last);
    expect(await layerStatus(page, 'issuer-signature')).toBe('fail');
    expect(await page.getByTestId('chip-outcome').getAttribute('data-outcome')).toBe('hash-mismatch');
    expect(await page.locator('[data-testid="chip-hashes"] li[data-status="mismatch"]').textContent()).toContain('DG1');
    expect(await page.getByTestId('check-card-chip.dg1-mrz').textContent()).toContain('Surname');
    await screenshots(page, 'wrong-hash');
  }, 180_000);

  it('the document lifted mid-read: the panel says to put it back, and the reading resumes', async () => {
    const { page } = station;
    await putCard(['--profile', 'standard', '--delay-ms', '20']);
    // Lifted in the middle of a later command (DG2), and left off the reader until the panel asks.
    await card!.removeAfterApdus(14);
    await page.evaluate(RECORD_CHIP_PHASES);
    await page.locator('body').press('s');
    await page.getByTestId('chip-interrupted').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('chip-interrupted').textContent()).toContain('put it back');
    await screenshots(page, 'interrupted');
    await card!.insert();
    await waitForExpression(page, `document.querySelector('[data-testid="chip-panel"]')?.getAttribute('data-state') === 'read'`, 90_000);
    last = await page.getByTestId('inspection').getAttribute('data-examination-id');
    await page.getByTestId('chip-resumed').waitFor();
    expect(await layerStatus(page, 'issuer-signature')).toBe('pass');
    expect(await layerStatus(page, 'chip-genuineness')).toBe('pass');
  }, 180_000);

  it('left no console error and no CSP violation', async () => {
    expect(consoleErrors).toEqual([]);
    expect(await station.page.evaluate(READ_CSP_VIOLATIONS)).toEqual([]);
  });
});
