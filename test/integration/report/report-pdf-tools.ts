// Reading a produced PDF back with poppler, as a reviewer of the case file would see it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `layout`: keep the physical layout (lines as printed); otherwise text in reading order by block. */
export function pdfText(pdfPath: string, layout = true): string {
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), pdfPath, '-'], { encoding: 'utf8' });
}

/** Text with all whitespace removed: hashes and long values may wrap across lines. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

export function pdfPageCount(pdfPath: string): number {
  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

/** Page `page` rendered to PNG at `dpi`; returns the PNG path. */
export function renderPage(pdfPath: string, outDir: string, page: number, dpi = 60): string {
  const prefix = join(outDir, `page-${page}`);
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdfPath, prefix]);
  return `${prefix}.png`;
}

export function writePdf(dir: string, name: string, pdf: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, pdf);
  return path;
}

export function isPdf(path: string): boolean {
  return readFileSync(path).subarray(0, 5).toString('latin1') === '%PDF-';
}
