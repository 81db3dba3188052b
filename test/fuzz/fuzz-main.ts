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

type ChildMessage =
  | { type: 'start'; target: string }
  | { type: 'ready' }
  | { type: 'progress'; runs: number }
  | { type: 'done'; summary: TargetSummary };

function usage(message: string): never {
  process.stderr.write(`fuzz: ${message}\nusage: npm run fuzz -- --seconds N [--target NAME[,NAME...]] [--seed N] [--path P]\ntargets: ${ALL_TARGETS.map((t) => t.name).join(', ')}\n`);
  process.exit(2);
}

/** In the child: one target until `deadline`, reporting progress; the summary goes to the parent. */
async function runTarget(target: AnyFuzzTarget, deadline: number, seed: number, path: string | undefined, send: (m: ChildMessage) => void): Promise<TargetSummary> {
  const t0 = Date.now();
  send({ type: 'start', target: target.name });
  await target.setUp?.();
  send({ type: 'ready' });
  // Set-up counts against the target's share of the time (at least a quarter second of runs).
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

/** In the child: the targets one after the other, each with an equal share of the time left. */
async function child(): Promise<void> {
  const { values } = parseArgs({ options: { child: { type: 'string' }, end: { type: 'string' }, seed: { type: 'string' }, path: { type: 'string' } } });
  const names = (values.child ?? '').split(',');
  const targets = names.map((n) => ALL_TARGETS.find((t) => t.name === n)).filter((t): t is AnyFuzzTarget => t !== undefined);
  const end = Number(values.end);
  const send = (m: ChildMessage) => process.send?.(m);
  for (const [i, target] of targets.entries()) {
    const deadline = Date.now() + Math.max(0, end - Date.now()) / (targets.length - i);
    send({ type: 'done', summary: await runTarget(target, deadline, Number(values.seed), values.path, send) });
  }
  // Servers, decoder threads and pools of the targets must not keep the child alive.
  process.exit(0);
}

/**
 * In the parent: one child runs the targets in turn (start-up once). A child that stops reporting
 * (a call that never returns) is killed, its target reported as hanging, and a new child goes on
 * with the targets after it; a child that dies is reported the same way.
 */
function supervise(targets: readonly AnyFuzzTarget[], end: number, seed: number, path: string | undefined, onSummary: (s: TargetSummary) => void): Promise<string[]> {
  return new Promise((resolve) => {
    const args = ['--child', targets.map((t) => t.name).join(','), '--end', String(end), '--seed', String(seed), ...(path ? ['--path', path] : [])];
    const proc = fork(new URL(import.meta.url).pathname, args, { execArgv: ['--import', 'tsx', '--max-old-space-size=3072'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const done: string[] = [];
    let current: AnyFuzzTarget | undefined;
    let started = Date.now();
    let runs = 0;
    let last = Date.now();
    let ready = false;
    let failure: TargetSummary | undefined;
    // Start-up and set-up (keys, samples, servers) may take a while on a busy machine; calls may not.
    const silence = () => (ready && current ? Math.max(20_000, 10 * (current.timeBoundMs ?? DEFAULT_TIME_BOUND_MS)) : 180_000);
    const seconds = () => Math.round((Date.now() - started) / 100) / 10;
    const watchdog = setInterval(() => {
      if (Date.now() - last < silence()) return;
      clearInterval(watchdog);
      const what = current?.name ?? targets[done.length]!.name;
      failure = {
        target: what, runs, seconds: seconds(),
        finding: {
          reason: 'hang',
          message: ready ? `no progress for ${Math.round(silence() / 1000)} s after ${runs} runs: a call never returned (replay with --target ${what} --seed ${seed})` : `the start-up or set-up did not finish in ${Math.round(silence() / 1000)} s`,
          seed,
        },
      };
      proc.kill('SIGKILL');
    }, 1000);
    proc.on('message', (m: ChildMessage) => {
      last = Date.now();
      switch (m.type) {
        case 'start':
          current = targets.find((t) => t.name === m.target);
          started = Date.now();
          runs = 0;
          ready = false;
          return;
        case 'ready':
          ready = true;
          return;
        case 'progress':
          runs = m.runs;
          process.stdout.write(`fuzz: ${current?.name}: ${runs} runs, ${Math.round(seconds())} s\n`);
          return;
        case 'done':
          done.push(m.summary.target);
          current = undefined;
          onSummary(m.summary);
          return;
      }
    });
    proc.on('exit', (code, signal) => {
      clearInterval(watchdog);
      if (done.length < targets.length) {
        const what = current?.name ?? targets[done.length]!.name;
        onSummary(failure ?? { target: what, runs, seconds: seconds(), finding: { reason: 'crash', message: `the run stopped (${signal ?? `exit code ${code}`}) after ${runs} runs`, seed } });
        done.push(what);
      }
      resolve(done);
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
  const end = Date.now() + seconds * 1000;
  process.stdout.write(`fuzz: seed ${seed}, ${seconds} s over ${targets.length} target(s)\n`);
  const summaries: TargetSummary[] = [];
  const report = (summary: TargetSummary) => {
    summaries.push(summary);
    process.stdout.write(`fuzz: ${summary.target}: ${summary.runs} runs in ${summary.seconds} s, ${summary.finding ? `FINDING (${summary.finding.reason})${summary.finding.file ? ` saved to ${summary.finding.file}` : ''}` : 'no finding'}\n`);
    if (summary.finding) process.stdout.write(`${summary.finding.message}\n`);
  };
  let remaining = [...targets];
  while (remaining.length > 0) {
    const done = await supervise(remaining, end, seed, values.path, report);
    remaining = remaining.filter((t) => !done.includes(t.name));
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
