// The bounded fuzz run (docs/fuzzing.md): the properties of test/unit/fuzz/ with many more runs,
// for a given time in total, split over the targets.
//
//   npm run fuzz -- --seconds 120 [--target NAME[,NAME...]] [--seed N]
//   npm run fuzz -- --target NAME --seed N --path P      replays one finding exactly
//
// Each target runs in a child process watched by this one: a call that never returns (a hang the
// time bound cannot catch from inside) stops the child, and is reported as a finding. A finding's
// input is saved to .cache/fuzz/<target>-<seed>.bin, with its description beside it (.txt). The
// last line printed is the JSON summary; the exit code is 1 on a finding, 0 otherwise (2 on bad
// arguments).
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { DEFAULT_TIME_BOUND_MS, judge, type AnyFuzzTarget } from './fuzz-kit';
import { ALL_TARGETS } from './targets';

const CACHE = join(process.cwd(), '.cache', 'fuzz');

interface TargetSummary {
  target: string;
  runs: number;
  seconds: number;
  finding: null | { reason: string; message: string; seed: number; path?: string; file?: string };
}

type ChildMessage = { type: 'ready' } | { type: 'progress'; runs: number } | { type: 'done'; summary: TargetSummary };

function usage(message: string): never {
  process.stderr.write(`fuzz: ${message}\nusage: npm run fuzz -- --seconds N [--target NAME[,NAME...]] [--seed N] [--path P]\ntargets: ${ALL_TARGETS.map((t) => t.name).join(', ')}\n`);
  process.exit(2);
}

/** In the child: one target for `ms`, reporting progress; the summary goes to the parent. */
async function runTarget(target: AnyFuzzTarget, deadline: number, seed: number, path: string | undefined, send: (m: ChildMessage) => void): Promise<TargetSummary> {
  const t0 = Date.now();
  await target.setUp?.();
  send({ type: 'ready' });
  // Start-up and set-up count against the target's share of the time (at least a quarter second of runs).
  const ms = Math.max(250, deadline - Date.now());
  let runs = 0;
  let lastReport = 0;
  const property = fc.asyncProperty(target.input(), async (input) => {
    runs++;
    if (Date.now() - lastReport > 1000) {
      lastReport = Date.now();
      send({ type: 'progress', runs });
    }
    await judge(target, input);
  });
  const details = await fc.check(property, {
    seed,
    examples: (target.examples?.() ?? []).map((e) => [e] as [unknown]),
    ...(path ? { path, numRuns: 1 } : { numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: ms }),
  });
  await target.tearDown?.();
  const summary: TargetSummary = { target: target.name, runs, seconds: Math.round((Date.now() - t0) / 100) / 10, finding: null };
  if (details.failed) {
    const input = details.counterexample?.[0];
    const error = details.errorInstance;
    mkdirSync(CACHE, { recursive: true });
    const file = join(CACHE, `${target.name}-${seed}.bin`);
    writeFileSync(file, input === undefined ? new Uint8Array() : target.bytes(input));
    const description = [
      `target: ${target.name}`,
      `seed: ${seed}`,
      `path: ${details.counterexamplePath ?? ''}`,
      `replay: npm run fuzz -- --target ${target.name} --seed ${seed} --path ${details.counterexamplePath ?? ''}`,
      `error: ${error instanceof Error ? error.message : String(error)}`,
      `counterexample: ${fc.stringify(input)}`,
    ].join('\n');
    writeFileSync(file.replace(/\.bin$/, '.txt'), `${description}\n`);
    summary.finding = {
      reason: (error as { reason?: string } | undefined)?.reason ?? 'property-failed',
      message: (error instanceof Error ? error.message : String(error)).slice(0, 2000),
      seed,
      ...(details.counterexamplePath ? { path: details.counterexamplePath } : {}),
      file,
    };
  }
  return summary;
}

async function child(): Promise<void> {
  const { values } = parseArgs({ options: { child: { type: 'string' }, deadline: { type: 'string' }, seed: { type: 'string' }, path: { type: 'string' } } });
  const target = ALL_TARGETS.find((t) => t.name === values.child);
  if (!target) throw new Error(`no target ${values.child}`);
  const send = (m: ChildMessage) => process.send?.(m);
  const summary = await runTarget(target, Number(values.deadline), Number(values.seed), values.path, send);
  send({ type: 'done', summary });
  process.disconnect?.();
}

/** In the parent: a child per target, killed when it stops reporting (a call that never returns). */
function superviseTarget(target: AnyFuzzTarget, ms: number, seed: number, path: string | undefined): Promise<TargetSummary> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const args = ['--child', target.name, '--deadline', String(t0 + ms), '--seed', String(seed), ...(path ? ['--path', path] : [])];
    const proc = fork(new URL(import.meta.url).pathname, args, { execArgv: ['--import', 'tsx', '--max-old-space-size=2048'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let runs = 0;
    let last = Date.now();
    let summary: TargetSummary | undefined;
    let ready = false;
    // Start-up and set-up (keys, samples) may take a while on a busy machine; calls may not.
    const silence = () => (ready ? Math.max(20_000, 10 * (target.timeBoundMs ?? DEFAULT_TIME_BOUND_MS)) : 180_000);
    const watchdog = setInterval(() => {
      if (Date.now() - last < silence()) return;
      clearInterval(watchdog);
      summary = {
        target: target.name, runs, seconds: Math.round((Date.now() - t0) / 100) / 10,
        finding: {
          reason: 'hang',
          message: ready ? `no progress for ${Math.round(silence() / 1000)} s after ${runs} runs: a call never returned (replay with --seed ${seed})` : `the set-up did not finish in ${Math.round(silence() / 1000)} s`,
          seed,
        },
      };
      proc.kill('SIGKILL');
    }, 1000);
    proc.on('message', (m: ChildMessage) => {
      last = Date.now();
      if (m.type === 'ready') ready = true;
      else if (m.type === 'progress') {
        runs = m.runs;
        process.stdout.write(`fuzz: ${target.name}: ${runs} runs, ${Math.round((Date.now() - t0) / 1000)} s\n`);
      } else summary = m.summary;
    });
    proc.on('exit', (code, signal) => {
      clearInterval(watchdog);
      resolve(summary ?? { target: target.name, runs, seconds: Math.round((Date.now() - t0) / 100) / 10, finding: { reason: 'crash', message: `the run stopped (${signal ?? `exit code ${code}`}) after ${runs} runs`, seed } });
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string' }, target: { type: 'string', multiple: true }, seed: { type: 'string' }, path: { type: 'string' } } });
  const seconds = values.seconds === undefined ? 60 : Number(values.seconds);
  if (!Number.isFinite(seconds) || seconds <= 0) usage(`--seconds must be a positive number, not '${values.seconds}'`);
  const names = (values.target ?? []).flatMap((t) => t.split(',')).filter(Boolean);
  const unknown = names.filter((n) => !ALL_TARGETS.some((t) => t.name === n));
  if (unknown.length) usage(`unknown target(s): ${unknown.join(', ')}`);
  const targets = names.length ? ALL_TARGETS.filter((t) => names.includes(t.name)) : ALL_TARGETS;
  if (values.path && targets.length !== 1) usage('--path replays one finding: give exactly one --target');
  const seed = values.seed === undefined ? (Math.random() * 0x7fffffff) | 0 : Number(values.seed);
  if (!Number.isInteger(seed)) usage(`--seed must be an integer, not '${values.seed}'`);
  const ms = Math.max(250, Math.floor((seconds * 1000) / targets.length));
  process.stdout.write(`fuzz: seed ${seed}, ${seconds} s over ${targets.length} target(s) (${ms} ms each)\n`);
  const summaries: TargetSummary[] = [];
  for (const target of targets) {
    const summary = await superviseTarget(target, ms, seed, values.path);
    summaries.push(summary);
    process.stdout.write(`fuzz: ${target.name}: ${summary.runs} runs in ${summary.seconds} s, ${summary.finding ? `FINDING (${summary.finding.reason}) saved to ${summary.finding.file ?? '-'}` : 'no finding'}\n`);
    if (summary.finding) process.stdout.write(`${summary.finding.message}\n`);
  }
  const findings = summaries.filter((s) => s.finding);
  process.stdout.write(`${JSON.stringify({ seed, seconds, targets: summaries.length, runs: Object.fromEntries(summaries.map((s) => [s.target, s.runs])), totalRuns: summaries.reduce((n, s) => n + s.runs, 0), findings: findings.map((s) => ({ target: s.target, ...s.finding })) })}\n`);
  process.exitCode = findings.length ? 1 : 0;
}

if (process.argv.includes('--child')) {
  child().catch((e: unknown) => {
    process.stderr.write(`fuzz: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(3);
  });
} else {
  main().catch((e: unknown) => {
    process.stderr.write(`fuzz: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(3);
  });
}
