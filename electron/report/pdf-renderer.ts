// HTML → PDF. The app supplies a printToPDF-based renderer of the same type; this one drives the
// system Chromium through playwright-core for the host and the CLI. One browser per renderer,
// started on first use; a fresh context per report, with JavaScript off and every request
// refused, so a report can never run a script or fetch anything.
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { LoupeError } from '../common/loupe-error';

export type PdfRenderer = (html: string) => Promise<Buffer>;

export interface ClosablePdfRenderer extends PdfRenderer {
  close(): Promise<void>;
}

export interface ChromiumPdfOptions {
  executablePath?: string;
  /** Per report, from setContent to PDF bytes. */
  timeoutMs?: number;
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function chromiumPdfRenderer(options: ChromiumPdfOptions = {}): ClosablePdfRenderer {
  const executablePath = options.executablePath ?? process.env['LOUPE_CHROMIUM'] ?? '/usr/bin/chromium';
  const timeout = options.timeoutMs ?? 60_000;
  let browser: Promise<Browser> | null = null;

  const launch = (): Promise<Browser> => {
    if (!browser) {
      const started = chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout }).catch((cause: unknown) => {
        browser = null;
        throw new LoupeError('report', 'BrowserNotFound', `cannot start Chromium for PDF rendering at ${executablePath}`, { cause });
      });
      started.then((b) => b.on('disconnected', () => { if (browser === started) browser = null; }), () => undefined);
      browser = started;
    }
    return browser;
  };

  const render = async (html: string): Promise<Buffer> => {
    const context = await (await launch()).newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(timeout);
      // data: URLs never reach the router; anything else (http, file, blob...) is refused.
      await page.route('**/*', (route) => route.abort('blockedbyclient'));
      await page.setContent(html, { waitUntil: 'load' });
      // The footer and page numbers are @page margin boxes in the document (see report-style.ts):
      // with displayHeaderFooter Chromium would print its own header/footer over them.
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false });
    } catch (cause) {
      if (cause instanceof LoupeError) throw cause;
      throw new LoupeError('report', 'Internal', `PDF rendering failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    } finally {
      await context.close().catch(() => undefined);
    }
  };

  const close = async (): Promise<void> => {
    const current = browser;
    browser = null;
    if (current) await (await current.catch(() => null))?.close();
  };

  return Object.assign(render, { close });
}
