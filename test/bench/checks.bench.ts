// npm run bench:checks — security-feature checks over genuine and forged synthetic documents.
// Corpus (generated once into .cache/, reused): genuine documents of every design at none/light/heavy,
// and forged documents of every forgery kind at none/light/heavy. Each document is read (MRZ) and
// checked exactly as the workstation does. Prints progress on stderr and one JSON line last.
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import type { CheckResult, CheckStatus } from '../../electron/contract/examination.contract';
import type { DegradeLevel, SpecimenTruth } from '../../electron/contract/specimen.contract';
import { layerVerdicts, suggestedStatus } from '../../electron/checks/layered-verdict';
import { runChecks } from '../../electron/checks/check-registry';
import { SecurityCheckRunner } from '../../electron/examination/security-checks';
import { readMrzFromImage } from '../../electron/mrz/mrz-image-reader';
import { shutdownOcr } from '../../electron/mrz/mrz-ocr-engine';
import { openReferenceLibrary } from '../../electron/reference';
import { FORGERY_KINDS, generateSpecimens } from '../../electron/specimens';

const LEVELS: DegradeLevel[] = ['none', 'light', 'heavy'];
const { values } = parseArgs({
  options: {
    genuine: { type: 'string', default: '100' },
    forged: { type: 'string', default: '13' },
    regen: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const genuinePerLevel = Number(values.genuine);
const forgedPerKindLevel = Number(values.forged);
const corpusDir = resolve('.cache', `bench-checks-v2-${genuinePerLevel}-${forgedPerKindLevel}`);

interface Doc {
  truth: SpecimenTruth;
  dir: string;
}

async function cell(name: string, make: (dir: string) => Promise<unknown>): Promise<Doc[]> {
  const dir = join(corpusDir, name);
  if (!existsSync(join(dir, '.complete'))) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    process.stderr.write(`generating ${name}\n`);
    await make(dir);
    await writeFile(join(dir, '.complete'), '');
  }
  const docs: Doc[] = [];
  for (const f of (await readdir(dir)).filter((n) => n.endsWith('.truth.json')).sort()) {
    docs.push({ truth: JSON.parse(await readFile(join(dir, f), 'utf8')) as SpecimenTruth, dir });
  }
  return docs;
}

async function corpus(): Promise<Doc[]> {
  if (values.regen) await rm(corpusDir, { recursive: true, force: true });
  const docs: Doc[] = [];
  let seed = 4000;
  for (const degrade of LEVELS) {
    docs.push(...(await cell(`genuine-${degrade}`, (dir) => generateSpecimens({ outDir: dir, count: genuinePerLevel, seed: seed++, degrade }))));
    for (const forgery of FORGERY_KINDS) {
      docs.push(...(await cell(`${forgery}-${degrade}`, (dir) => generateSpecimens({ outDir: dir, count: forgedPerKindLevel, seed: seed++, degrade, forgery }))));
    }
  }
  return docs;
}

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10000) / 10000);
function percentile(v: number[], p: number): number {
  const s = [...v].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0) * 10) / 10;
}

interface Outcome {
  kind: string;
  level: DegradeLevel;
  checks: CheckResult[];
  suggested: CheckStatus;
  expected: string[];
  ms: number;
}

async function main(): Promise<void> {
  sharp.concurrency(1);
  const docs = await corpus();
  const library = openReferenceLibrary({ builtinDir: resolve('assets', 'reference'), userDir: join(corpusDir, 'no-user-library') });
  const runner = new SecurityCheckRunner(library);
  const now = new Date('2026-01-01T00:00:00Z');
  const outcomes: Outcome[] = [];
  for (const [i, d] of docs.entries()) {
    const paths = { white: join(d.dir, d.truth.images.white), ir: join(d.dir, d.truth.images.ir), uv: join(d.dir, d.truth.images.uv) };
    const mrz = await readMrzFromImage(paths.white, { irPath: paths.ir, now });
    const t = performance.now();
    const { checks: security } = await runner.run(paths, mrz);
    const ms = performance.now() - t;
    // Expiry is about validity, not authenticity: the synthetic corpus has expired documents on purpose.
    const checks = [...runChecks('mrz', mrz).filter((c) => c.id !== 'mrz.dates' || c.status === 'fail'), ...security];
    const forgery = (d.truth as SpecimenTruth & { forgery?: { kind: string; expectedChecks: string[] } }).forgery;
    outcomes.push({ kind: forgery?.kind ?? 'genuine', level: d.truth.degradation.level, checks, suggested: suggestedStatus(layerVerdicts(checks)), expected: forgery?.expectedChecks ?? [], ms });
    if (values.verbose) {
      const fails = checks.filter((c) => c.status === 'fail').map((c) => c.id);
      if ((forgery && !forgery.expectedChecks.some((e) => fails.includes(e))) || (!forgery && fails.length)) {
        process.stderr.write(`\n${forgery ? 'MISSED' : 'FALSE ALARM'} ${d.truth.id} ${forgery?.kind ?? 'genuine'}/${d.truth.degradation.level}: ${fails.join(',') || 'no failure'}\n`);
      }
    }
    if (i % 20 === 0) process.stderr.write(`\r${i + 1}/${docs.length}`);
  }
  process.stderr.write('\n');
  await runner.close();
  await shutdownOcr();

  const forged = outcomes.filter((o) => o.kind !== 'genuine');
  const genuine = outcomes.filter((o) => o.kind === 'genuine');
  const detected = (o: Outcome) => o.expected.some((id) => o.checks.some((c) => c.id === id && c.status === 'fail'));
  const byForgery = Object.fromEntries(
    FORGERY_KINDS.map((kind) => {
      const mine = forged.filter((o) => o.kind === kind);
      const at = (level: DegradeLevel) => mine.filter((o) => o.level === level);
      return [kind, {
        documents: mine.length,
        detectionRate: pct(mine.filter(detected).length, mine.length),
        byDegradation: Object.fromEntries(LEVELS.map((l) => [l, pct(at(l).filter(detected).length, at(l).length)])),
        verdictFailRate: pct(mine.filter((o) => o.suggested === 'fail').length, mine.length),
      }];
    }),
  );
  const checkIds = [...new Set(outcomes.flatMap((o) => o.checks.map((c) => c.id)))].sort();
  const falseAlarmByCheck = Object.fromEntries(
    checkIds.map((id) => {
      const ran = genuine.filter((o) => o.checks.some((c) => c.id === id && c.status !== 'not-performed'));
      return [id, { performed: ran.length, falseAlarmRate: pct(ran.filter((o) => o.checks.some((c) => c.id === id && c.status === 'fail')).length, ran.length) }];
    }),
  );
  const statuses: CheckStatus[] = ['pass', 'warn', 'fail', 'not-performed'];
  const confusion = {
    genuine: Object.fromEntries(statuses.map((s) => [s, genuine.filter((o) => o.suggested === s).length])),
    forged: Object.fromEntries(statuses.map((s) => [s, forged.filter((o) => o.suggested === s).length])),
  };
  process.stdout.write(
    `${JSON.stringify({
      genuineDocuments: genuine.length,
      forgedDocuments: forged.length,
      byForgery,
      falseAlarmByCheck,
      verdictFalseAlarmRate: pct(genuine.filter((o) => o.suggested === 'fail').length, genuine.length),
      verdictConfusion: confusion,
      checksMedianMs: percentile(outcomes.map((o) => o.ms), 0.5),
      checksP95Ms: percentile(outcomes.map((o) => o.ms), 0.95),
    })}\n`,
  );
}

await main();
