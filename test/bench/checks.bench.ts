// npm run bench:checks — security-feature checks over genuine and forged synthetic documents.
// Corpus (generated once into .cache/, reused): genuine documents of every design at none/light/heavy,
// and forged documents of every forgery kind at none/light/heavy. Each document is read (MRZ) and
// checked exactly as the workstation does. Prints progress on stderr and one JSON line last.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import type { CheckResult, CheckStatus } from '../../electron/contract/examination.contract';
import type { DegradeLevel } from '../../electron/contract/specimen.contract';
import { layerVerdicts, suggestedStatus } from '../../electron/checks/layered-verdict';
import { runChecks } from '../../electron/checks/check-registry';
import { SecurityCheckRunner } from '../../electron/examination/security-checks';
import { readMrzFromImage } from '../../electron/mrz/mrz-image-reader';
import { shutdownOcr } from '../../electron/mrz/mrz-ocr-engine';
import { openReferenceLibrary } from '../../electron/reference';
import { FORGERY_KINDS } from '../../electron/specimens';
import { LEVELS, capturePaths, checksCorpus, corpusDir } from './checks-corpus';

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
const corpusRoot = corpusDir(genuinePerLevel, forgedPerKindLevel);

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
  const docs = await checksCorpus({ genuine: genuinePerLevel, forged: forgedPerKindLevel, regen: values.regen });
  const library = openReferenceLibrary({ builtinDir: resolve('assets', 'reference'), userDir: join(corpusRoot, 'no-user-library') });
  const runner = new SecurityCheckRunner(library);
  const now = new Date('2026-01-01T00:00:00Z');
  const outcomes: Outcome[] = [];
  for (const [i, d] of docs.entries()) {
    const paths = capturePaths(d);
    const mrz = await readMrzFromImage(paths.white, { irPath: paths.ir, now });
    const t = performance.now();
    const { checks: security } = await runner.run(paths, mrz);
    const ms = performance.now() - t;
    // Expiry is about validity, not authenticity: the synthetic corpus has expired documents on purpose.
    const checks = [...runChecks('mrz', mrz).filter((c) => c.id !== 'mrz.dates' || c.status === 'fail'), ...security];
    const forgery = d.truth.forgery;
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
