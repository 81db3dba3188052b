// Measures the stock `eng` legacy model against the project's `mrz` model on rendered MRZ
// lines at three degradation levels, with tesseract.js (the engine the product uses).
// Usage: npx tsx scripts/ocr-training/compare-models.ts [lines=300] [seed=42] > result.json
import { performance } from 'node:perf_hooks';
import { createRandom, randomMrzLine } from './mrz-text-generator';
import { DEGRADATIONS, renderMrzLine } from './render-mrz-line';
import type { Degradation } from './render-mrz-line';
import { median, positionCandidates, scoreLine } from './line-metrics';
import { createMrzLineWorker, readLine } from './ocr-workers';
import type { ModelName } from './ocr-workers';

const MODELS: readonly ModelName[] = (process.env.MODELS?.split(',') as ModelName[] | undefined) ?? ['eng', 'mrz'];

interface LevelResult {
  lines: number;
  lineExactRate: number;
  charAccuracy: number;
  /** Lines where every true character is among the alternatives at its position. */
  truthAmongAlternativesRate: number;
  medianAlternatives: number;
  medianMsPerLine: number;
  topConfusions: { confusion: string; count: number }[];
}

async function measure(model: ModelName, level: Degradation, truths: readonly string[], seed: number): Promise<LevelResult> {
  const worker = await createMrzLineWorker(model);
  const confusions = new Map<string, number>();
  const times: number[] = [];
  let exact = 0;
  let errors = 0;
  let chars = 0;
  let covered = 0;
  const alternativeCounts: number[] = [];
  try {
    for (const [k, truth] of truths.entries()) {
      const image = await renderMrzLine(truth, level, seed + k);
      const start = performance.now();
      const reading = await readLine(worker, image);
      times.push(performance.now() - start);
      const score = scoreLine(truth, reading.text);
      if (score.exact) exact += 1;
      errors += score.errors;
      chars += truth.length;
      for (const c of score.confusions) confusions.set(c, (confusions.get(c) ?? 0) + 1);
      const readings = [reading.text, ...reading.alternatives.map((a) => a.text)];
      alternativeCounts.push(reading.alternatives.length);
      const sets = positionCandidates(truth.length, readings);
      if ([...truth].every((c, i) => sets[i]?.has(c))) covered += 1;
    }
  } finally {
    await worker.terminate();
  }
  const round = (x: number): number => Math.round(x * 10000) / 10000;
  return {
    lines: truths.length,
    lineExactRate: round(exact / truths.length),
    charAccuracy: round(1 - errors / chars),
    truthAmongAlternativesRate: round(covered / truths.length),
    medianAlternatives: median(alternativeCounts),
    medianMsPerLine: Math.round(median(times)),
    topConfusions: [...confusions.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 10)
      .map(([confusion, count]) => ({ confusion, count })),
  };
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 300);
  const seed = Number(process.argv[3] ?? 42);
  const random = createRandom(seed);
  const truths = Array.from({ length: count }, () => randomMrzLine(random));
  const results: Record<string, Record<string, LevelResult>> = {};
  for (const model of MODELS) {
    const perLevel: Record<string, LevelResult> = {};
    for (const level of DEGRADATIONS) {
      perLevel[level] = await measure(model, level, truths, seed * 1000);
      process.stderr.write(`${model} ${level}: ${JSON.stringify({ ...perLevel[level], topConfusions: undefined })}\n`);
    }
    results[model] = perLevel;
  }
  const settings = { engine: 'legacy (OEM 0)', psm: 7, whitelist: 'A-Z0-9<', classify_enable_learning: 0, lines: count, seed };
  process.stdout.write(`${JSON.stringify({ settings, results }, null, 2)}\n`);
}

await main();
