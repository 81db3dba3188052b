// npm run bench:mrz-real — MRZ engine on page images made by others (not the project's generator).
// Layout of a set: DIR/<design>/<NN>.jpg (or .png) with <NN>.txt beside it holding the true MRZ lines.
// Default set: ../shared/mrz-real-dev/ (override with --set DIR or LOUPE_MRZ_REAL_SET).
// Prints progress on stderr and one JSON line last on stdout: totals, then the same per design.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import type { MrzReading } from '../../electron/contract/mrz.contract';
import { readMrzFromImage } from '../../electron/mrz/mrz-image-reader';
import { shutdownOcr } from '../../electron/mrz/mrz-ocr-engine';

const { values } = parseArgs({
  options: {
    set: { type: 'string' },
    design: { type: 'string', multiple: true },
    limit: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const setDir = resolve(values.set ?? process.env.LOUPE_MRZ_REAL_SET ?? join('..', 'shared', 'mrz-real-dev'));

interface Page {
  design: string;
  image: string;
  truth: string[];
}

async function listPages(): Promise<Page[]> {
  if (!existsSync(setDir)) throw new Error(`no such set: ${setDir}`);
  const pages: Page[] = [];
  const designs = (await readdir(setDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const design of designs) {
    if (values.design && !values.design.includes(design)) continue;
    const files = (await readdir(join(setDir, design))).sort();
    for (const f of files.filter((n) => /\.(jpe?g|png|tiff?|webp)$/i.test(n))) {
      const txt = join(setDir, design, f.replace(/\.[^.]+$/, '.txt'));
      if (!existsSync(txt)) continue;
      const truth = (await readFile(txt, 'utf8')).split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
      pages.push({ design, image: join(setDir, design, f), truth });
    }
  }
  return pages;
}

interface Outcome {
  design: string;
  exact: boolean;
  lines: number;
  exactLines: number;
  chars: number;
  errors: number;
  /** Valid, not exact, and some wrong character is not listed as uncertain. */
  falseValid: boolean;
  /** Valid and not exact (wrong characters possibly flagged as uncertain). */
  validWrong: boolean;
  notFound: boolean;
  ms: number;
}

/** Levenshtein distance: a missing or extra character counts once, not as a shift of the whole line. */
function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = keep;
    }
  }
  return prev[b.length]!;
}

function outcome(page: Page, reading: MrzReading, ms: number): Outcome {
  const exact = reading.lines.length === page.truth.length && reading.lines.every((l, i) => l === page.truth[i]);
  let exactLines = 0;
  let chars = 0;
  let errors = 0;
  page.truth.forEach((line, i) => {
    const got = reading.lines[i] ?? '';
    if (got === line) exactLines++;
    chars += line.length;
    errors += editDistance(line, got);
  });
  const uncertain = new Set((reading.uncertain ?? []).map((u) => `${u.line}:${u.column}`));
  let unflagged = false;
  page.truth.forEach((line, i) => {
    const got = reading.lines[i] ?? '';
    for (let c = 0; c < Math.max(line.length, got.length); c++) if (got[c] !== line[c] && !uncertain.has(`${i}:${c}`)) unflagged = true;
  });
  return {
    design: page.design,
    exact,
    lines: page.truth.length,
    exactLines,
    chars,
    errors,
    falseValid: reading.valid && !exact && unflagged,
    validWrong: reading.valid && !exact,
    notFound: reading.findings.some((f) => f.code === 'mrz-not-found'),
    ms,
  };
}

function percentile(v: number[], p: number): number {
  if (v.length === 0) return 0;
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

function summarise(rows: Outcome[]) {
  const round = (v: number) => Math.round(v * 10000) / 10000;
  const n = Math.max(1, rows.length);
  return {
    documents: rows.length,
    exactDocumentRate: round(rows.filter((r) => r.exact).length / n),
    exactLineRate: round(rows.reduce((s, r) => s + r.exactLines, 0) / Math.max(1, rows.reduce((s, r) => s + r.lines, 0))),
    characterErrorRate: round(rows.reduce((s, r) => s + r.errors, 0) / Math.max(1, rows.reduce((s, r) => s + r.chars, 0))),
    validWithUnflaggedError: rows.filter((r) => r.falseValid).length,
    validNotExact: rows.filter((r) => r.validWrong).length,
    notFound: rows.filter((r) => r.notFound).length,
    medianMs: Math.round(percentile(rows.map((r) => r.ms), 0.5)),
    p95Ms: Math.round(percentile(rows.map((r) => r.ms), 0.95)),
  };
}

async function main(): Promise<void> {
  // One core for image work: the figures must hold on a busy station.
  sharp.concurrency(1);
  let pages = await listPages();
  if (values.limit) pages = pages.slice(0, Number(values.limit));
  if (pages.length === 0) throw new Error(`no pages with truth in ${setDir}`);
  await readMrzFromImage(pages[0]!.image); // warm-up: worker start, model load, templates
  const rows: Outcome[] = [];
  for (const [i, page] of pages.entries()) {
    const t = performance.now();
    const reading = await readMrzFromImage(page.image, { now: new Date('2026-01-01T00:00:00Z') });
    const row = outcome(page, reading, performance.now() - t);
    rows.push(row);
    if (values.verbose && !row.exact) {
      const flags = (reading.uncertain ?? []).map((u) => `${u.line}:${u.column}`).join(',');
      process.stderr.write(
        `\n✗ ${page.design}/${page.image.split('/').pop()} valid=${reading.valid}${row.falseValid ? ' FALSE-VALID' : ''}\n  want ${page.truth.join(' | ')}\n  got  ${reading.lines.join(' | ')}\n  ${reading.findings.filter((f) => f.severity === 'fail').map((f) => f.code).join(',')} uncertain=[${flags}]\n`,
      );
    }
    process.stderr.write(`\r${i + 1}/${pages.length}`);
  }
  process.stderr.write('\n');
  await shutdownOcr();
  const designs = [...new Set(rows.map((r) => r.design))];
  const byDesign = Object.fromEntries(designs.map((d) => [d, summarise(rows.filter((r) => r.design === d))]));
  process.stdout.write(`${JSON.stringify({ set: setDir, ...summarise(rows), byDesign })}\n`);
}

await main();
