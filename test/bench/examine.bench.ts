// npm run bench:examine — time from "capture received" (Scan pressed; the virtual scanner delivers
// at once) to "examination shown" (the inspection screen displays the new examination), over the
// bundled specimens (white + IR + UV, no chip), in Debian's Chromium against the loopback host.
// Prints progress on stderr and one JSON line last on stdout.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startHost } from '../../electron/host/host-server';
import { ensureRendererBuilt } from '../../electron/common/renderer-build';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '4' } } });
const rounds = Number(values.rounds);

function percentile(v: number[], p: number): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
}

async function main(): Promise<void> {
  await ensureRendererBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'loupe-bench-'));
  const host = await startHost({ dataDir });
  const browser = await chromium.launch({
    executablePath: process.env.LOUPE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(host.url);
    await page.getByTestId('sign-in-name').fill('Bench Officer');
    await page.getByTestId('sign-in-badge').fill('B-0000');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('scan-button').waitFor();
    const devices = (await host.services.invoke('devices:list', {})) as { id: string }[];
    const specimens = devices.length > 0 ? 6 : 0;
    const scanOnce = async (): Promise<{ uiMs: number; pipelineMs: number }> => {
      const before = await page.getByTestId('inspection').getAttribute('data-examination-id').catch(() => null);
      const t0 = Date.now();
      await page.getByTestId('scan-button').click();
      await page.waitForFunction(
        (prev) => {
          // Runs in the page; the Node-side type-check has no DOM types.
          type El = { getAttribute(n: string): string | null; textContent: string | null };
          const doc = (globalThis as unknown as { document: { querySelector(s: string): El | null } }).document;
          const id = doc.querySelector('[data-testid="inspection"]')?.getAttribute('data-examination-id');
          return id && id !== prev && doc.querySelector('[data-testid="mrz-lines"]')?.textContent ? id : null;
        },
        before,
        { timeout: 30_000, polling: 'raf' },
      );
      const uiMs = Date.now() - t0;
      const id = await page.getByTestId('inspection').getAttribute('data-examination-id');
      const exam = (await host.services.invoke('examination:get', { id })) as { timingsMs: Record<string, number> };
      return { uiMs, pipelineMs: exam.timingsMs.total ?? 0 };
    };
    await scanOnce(); // warm-up: OCR worker, templates, first paint
    const ui: number[] = [];
    const pipeline: number[] = [];
    for (let i = 0; i < rounds * specimens; i++) {
      const r = await scanOnce();
      ui.push(r.uiMs);
      pipeline.push(r.pipelineMs);
      process.stderr.write(`\r${i + 1}/${rounds * specimens}`);
    }
    process.stderr.write('\n');
    const round = (v: number) => Math.round(v * 10) / 10;
    process.stdout.write(
      `${JSON.stringify({
        examinations: ui.length,
        lights: ['white', 'ir', 'uv'],
        medianMs: round(percentile(ui, 0.5)),
        p95Ms: round(percentile(ui, 0.95)),
        pipelineMedianMs: round(percentile(pipeline, 0.5)),
        pipelineP95Ms: round(percentile(pipeline, 0.95)),
        targetMedianMs: 1000,
      })}\n`,
    );
  } finally {
    await browser.close();
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
