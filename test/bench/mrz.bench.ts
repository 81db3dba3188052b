// npm run bench:mrz — MRZ engine accuracy and speed over a fixed synthetic corpus.
// Corpus: ≥ 500 documents, every format × degradation level, generated once into .cache/ and reused.
// Prints progress on stderr and one JSON line last on stdout.
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { MRZ_FORMATS, type MrzFormat } from '../../electron/contract/mrz.contract';
import type { DegradeLevel, SpecimenTruth } from '../../electron/contract/specimen.contract';
import { readMrzFromImage } from '../../electron/mrz/mrz-image-reader';
import { shutdownOcr } from '../../electron/mrz/mrz-ocr-engine';
import { generateSpecimens } from '../../electron/specimens';

const LEVELS: DegradeLevel[] = ['none', 'light', 'heavy'];
const CORPUS_VERSION = 'v2'; // v2: MRZ glyphs at the exact ICAO pitch

const { values } = parseArgs({
  options: {
    'per-cell': { type: 'string', default: '34' },
    limit: { type: 'string' },
    regen: { type: 'boolean', default: false },
    corpus: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const perCell = Number(values['per-cell']);
const corpusDir = resolve(values.corpus ?? join('.cache', `bench-mrz-${CORPUS_VERSION}-${perCell}`));

interface Doc {
  truth: SpecimenTruth;
  dir: string;
}

async function buildCorpus(): Promise<Doc[]> {
  if (values.regen) await rm(corpusDir, { recursive: true, force: true });
  const docs: Doc[] = [];
  let cell = 0;
  for (const format of MRZ_FORMATS) {
    for (const degrade of LEVELS) {
      const dir = join(corpusDir, `${format}-${degrade}`);
      const done = join(dir, '.complete');
      if (!existsSync(done)) {
        await rm(dir, { recursive: true, force: true });
        await mkdir(dir, { recursive: true });
        process.stderr.write(`generating ${perCell} × ${format}/${degrade}\n`);
        await generateSpecimens({ outDir: dir, count: perCell, seed: 9303 + cell, format, degrade });
        await writeFile(done, '');
      }
      for (const f of (await readdir(dir)).filter((n) => n.endsWith('.truth.json')).sort()) {
        docs.push({ truth: JSON.parse(await readFile(join(dir, f), 'utf8')) as SpecimenTruth, dir });
      }
      cell++;
    }
  }
  return docs;
}

interface Outcome {
  format: MrzFormat;
  level: DegradeLevel;
  exact: boolean;
  chars: number;
  correct: number;
  falseAccept: boolean;
  valid: boolean;
  ms: number;
}

function compare(expected: string[], read: string[]): { chars: number; correct: number } {
  let chars = 0;
  let correct = 0;
  expected.forEach((line, i) => {
    const got = read[i] ?? '';
    for (let c = 0; c < line.length; c++) {
      chars++;
      if (got[c] === line[c]) correct++;
    }
  });
  return { chars, correct };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

function summarise(rows: Outcome[]) {
  const chars = rows.reduce((s, r) => s + r.chars, 0);
  const round = (v: number) => Math.round(v * 10000) / 10000;
  return {
    documents: rows.length,
    exactDocumentRate: round(rows.filter((r) => r.exact).length / Math.max(1, rows.length)),
    characterAccuracy: round(rows.reduce((s, r) => s + r.correct, 0) / Math.max(1, chars)),
    validRate: round(rows.filter((r) => r.valid).length / Math.max(1, rows.length)),
    falseAcceptRate: round(rows.filter((r) => r.falseAccept).length / Math.max(1, rows.length)),
    medianMs: Math.round(percentile(rows.map((r) => r.ms), 0.5) * 10) / 10,
    p95Ms: Math.round(percentile(rows.map((r) => r.ms), 0.95) * 10) / 10,
  };
}

async function main(): Promise<void> {
  // One core for image work: the figures must hold on a busy station.
  sharp.concurrency(1);
  let docs = await buildCorpus();
  if (values.limit) docs = docs.slice(0, Number(values.limit));
  const read = (d: Doc) => readMrzFromImage(join(d.dir, d.truth.images.white), { irPath: join(d.dir, d.truth.images.ir), now: new Date('2026-01-01T00:00:00Z') });
  for (const d of docs.slice(0, 3)) await read(d); // warm-up: worker start, model load
  const rows: Outcome[] = [];
  for (const [i, d] of docs.entries()) {
    const t = performance.now();
    const reading = await read(d);
    const ms = performance.now() - t;
    const text = reading.lines.join('\n');
    const exact = text === d.truth.mrz.lines.join('\n');
    const { chars, correct } = compare(d.truth.mrz.lines, reading.lines);
    rows.push({ format: d.truth.format, level: d.truth.degradation.level, exact, chars, correct, valid: reading.valid, falseAccept: reading.valid && !exact, ms });
    if (!exact && values.verbose) {
      process.stderr.write(`\n✗ ${d.truth.id} (${d.dir}) valid=${reading.valid}\n  want ${d.truth.mrz.lines.join(' | ')}\n  got  ${reading.lines.join(' | ')}\n  ${reading.findings.map((f) => f.code).join(',')}\n`);
    }
    if (i % 25 === 0) process.stderr.write(`\r${i + 1}/${docs.length}`);
  }
  process.stderr.write('\n');
  await shutdownOcr();
  const byFormat = Object.fromEntries(MRZ_FORMATS.map((f) => [f, summarise(rows.filter((r) => r.format === f))]));
  const byDegradation = Object.fromEntries(LEVELS.map((l) => [l, summarise(rows.filter((r) => r.level === l))]));
  process.stdout.write(`${JSON.stringify({ ...summarise(rows), byFormat, byDegradation })}\n`);
}

await main();
