// Two audits of a screen as the browser tests leave it:
//
// - Accessibility: axe-core (the maintained engine behind most accessibility checkers) runs in the
//   page against WCAG 2.1 A/AA rules; a serious or critical violation fails the test with the rule,
//   its help text and the elements it found.
// - Visual regression: a screenshot of the viewport is compared with the last accepted one
//   (test/e2e/screens/<name>.png). A screen differs when more than `tolerance` of its pixels moved by
//   more than a small colour distance (anti-aliasing and font hinting stay below it); the new
//   screenshot and a difference image go to .cache/e2e/visual/ for a person to look at. Accept a
//   change with `LOUPE_ACCEPT_SCREENS=1 npx vitest run test/e2e/every-screen.test.ts`, then look at
//   the PNGs before committing them. Baselines name the Chromium they were taken with: another
//   Chromium renders text differently, so the comparison is then reported and skipped, never passed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { artifactsDir, CHROMIUM, repoRoot } from './e2e-station';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core in the page (through the debugging protocol: the page's CSP forbids injected scripts). */
export async function accessibilityViolations(page: Page, options: { exclude?: string[] } = {}): Promise<AxeViolation[]> {
  const alreadyLoaded = await page.evaluate('typeof window.axe === "object"');
  if (alreadyLoaded !== true) await page.evaluate(`${AXE_SOURCE}\n;void 0`);
  const context = JSON.stringify({ exclude: (options.exclude ?? []).map((s) => [s]) });
  const run = `window.axe.run(${context}, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n').slice(0, 2).join(' ')).slice(0, 6) })))`;
  return (await page.evaluate(run)) as AxeViolation[];
}

/** The violations a user is stopped by: axe's serious and critical impacts. */
export function blocking(violations: readonly AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(screen: string, violations: readonly AxeViolation[]): string {
  return violations.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n');
}

const baselineDir = join(repoRoot, 'test', 'e2e', 'screens');
const visualDir = join(artifactsDir, 'visual');
const ACCEPT = process.env.LOUPE_ACCEPT_SCREENS === '1';
/** Per-channel distance under which two pixels are the same (anti-aliasing, subpixel positioning). */
const CHANNEL_DISTANCE = 48;

function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', timeout: 20_000 }).trim();
  } catch {
    return 'unknown';
  }
}

let version: string | undefined;
const versionFile = join(baselineDir, 'chromium-version.txt');

export interface ScreenComparison {
  name: string;
  /** 'new' when no baseline existed (or they are being accepted), 'skipped' when taken by another Chromium. */
  outcome: 'same' | 'different' | 'new' | 'skipped';
  changedFraction: number;
  detail: string;
}

/** Share of pixels farther apart than CHANNEL_DISTANCE in any channel; different sizes differ wholly. */
export async function changedFraction(a: Buffer, b: Buffer): Promise<number> {
  const [ra, rb] = await Promise.all([sharp(a).removeAlpha().raw().toBuffer({ resolveWithObject: true }), sharp(b).removeAlpha().raw().toBuffer({ resolveWithObject: true })]);
  if (ra.info.width !== rb.info.width || ra.info.height !== rb.info.height) return 1;
  let changed = 0;
  const pa = ra.data;
  const pb = rb.data;
  for (let i = 0; i < pa.length; i += 3) {
    if (Math.abs(pa[i]! - pb[i]!) > CHANNEL_DISTANCE || Math.abs(pa[i + 1]! - pb[i + 1]!) > CHANNEL_DISTANCE || Math.abs(pa[i + 2]! - pb[i + 2]!) > CHANNEL_DISTANCE) changed++;
  }
  return changed / (pa.length / 3);
}

/** A red-on-grey picture of the changed pixels, for a person to see where the screen moved. */
async function differenceImage(a: Buffer, b: Buffer): Promise<Buffer> {
  const ra = await sharp(a).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const rb = await sharp(b).removeAlpha().resize(ra.info.width, ra.info.height, { fit: 'fill' }).raw().toBuffer();
  const out = Buffer.alloc(ra.data.length);
  for (let i = 0; i < out.length; i += 3) {
    const moved = Math.abs(ra.data[i]! - rb[i]!) > CHANNEL_DISTANCE || Math.abs(ra.data[i + 1]! - rb[i + 1]!) > CHANNEL_DISTANCE || Math.abs(ra.data[i + 2]! - rb[i + 2]!) > CHANNEL_DISTANCE;
    const grey = Math.round((ra.data[i]! + ra.data[i + 1]! + ra.data[i + 2]!) / 6) + 40;
    out[i] = moved ? 255 : grey;
    out[i + 1] = moved ? 0 : grey;
    out[i + 2] = moved ? 0 : grey;
  }
  return sharp(out, { raw: { width: ra.info.width, height: ra.info.height, channels: 3 } }).png().toBuffer();
}

/**
 * Screenshots the viewport (animations stopped, the caret hidden, `mask` covering what changes from
 * run to run: clocks, ids, dates) and compares it with the accepted one.
 */
export async function compareScreen(page: Page, name: string, options: { mask?: Locator[]; tolerance?: number } = {}): Promise<ScreenComparison> {
  mkdirSync(visualDir, { recursive: true });
  const shot = await page.screenshot({ animations: 'disabled', caret: 'hide', mask: options.mask ?? [], maskColor: '#808080' });
  writeFileSync(join(visualDir, `${name}.png`), shot);
  const baseline = join(baselineDir, `${name}.png`);
  version ??= chromiumVersion();
  if (ACCEPT || !existsSync(baseline)) {
    if (ACCEPT) {
      mkdirSync(baselineDir, { recursive: true });
      writeFileSync(baseline, shot);
      writeFileSync(versionFile, `${version}\n`);
    }
    return { name, outcome: 'new', changedFraction: 0, detail: ACCEPT ? 'accepted' : `no accepted screenshot yet (${baseline})` };
  }
  const acceptedWith = existsSync(versionFile) ? readFileSync(versionFile, 'utf8').trim() : 'unknown';
  if (acceptedWith !== version) return { name, outcome: 'skipped', changedFraction: 0, detail: `accepted with ${acceptedWith}, this is ${version}` };
  const accepted = readFileSync(baseline);
  const fraction = await changedFraction(shot, accepted);
  const tolerance = options.tolerance ?? 0.01;
  if (fraction <= tolerance) return { name, outcome: 'same', changedFraction: fraction, detail: '' };
  writeFileSync(join(visualDir, `${name}.diff.png`), await differenceImage(shot, accepted));
  return { name, outcome: 'different', changedFraction: fraction, detail: `${(fraction * 100).toFixed(2)} % of pixels changed (tolerance ${(tolerance * 100).toFixed(2)} %): see .cache/e2e/visual/${name}.png and ${name}.diff.png` };
}
