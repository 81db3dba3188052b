// Worker threads started from one descriptor in both forms: the TypeScript entry under tsx (as the
// tests and `npm start` run), and the .mjs bundle next to a bundled starter run by plain Node (as
// dist/electron/ and dist/hub/ run), built with the same esbuild options the build scripts use.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledWorkerUrl, startWorker, workerEntry } from '../../../electron/common/worker-entry';
import { workerBuild } from '../../../scripts/worker-bundles';
import { useTempDir } from '../../helpers/temp-dir';

const dir = useTempDir('loupe-worker-entry-');
const src = join(dir, 'src');
const out = join(dir, 'out');
const helper = fileURLToPath(new URL('../../../electron/common/worker-entry.ts', import.meta.url));
const node = { bundle: true, platform: 'node', format: 'esm', target: 'node20' } as const;

// TypeScript syntax, so only a thread that went through tsx (or the bundle) can run it; it says which form it is.
const ECHO_WORKER = `import { parentPort, workerData } from 'node:worker_threads';
const form: 'bundle' | 'source' = import.meta.url.endsWith('.mjs') ? 'bundle' : 'source';
parentPort!.postMessage(\`\${(workerData as { name: string }).name} from the \${form}\`);
`;
const STARTER = `import { startWorker, workerEntry } from ${JSON.stringify(helper)};
const worker = startWorker(workerEntry(new URL('./echo.worker.ts', import.meta.url), 'echo-worker.mjs'), { workerData: { name: 'plain Node' } });
worker.once('message', (m) => { console.log(m); void worker.terminate(); });
worker.once('error', (e) => { console.error(e.message); process.exitCode = 1; });
`;

function firstMessage(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    worker.once('message', (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

function failure(worker: Worker): Promise<{ error: Error; code: number }> {
  return new Promise((resolve) => worker.once('error', (error) => worker.once('exit', (code) => resolve({ error, code }))));
}

beforeAll(async () => {
  mkdirSync(src, { recursive: true });
  // ES modules, as in the project (its package.json says so).
  writeFileSync(join(src, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(src, 'echo.worker.ts'), ECHO_WORKER);
  writeFileSync(join(src, 'starter.ts'), STARTER);
  writeFileSync(join(src, 'broken.worker.ts'), "throw new Error('the entry refused to load');\n");
  const echo = workerEntry(pathToFileURL(join(src, 'echo.worker.ts')), 'echo-worker.mjs');
  await Promise.all([
    build({ ...node, entryPoints: [join(src, 'starter.ts')], outfile: join(out, 'starter.mjs') }),
    build(workerBuild({ entry: echo }, out, node)),
  ]);
});

describe('startWorker', () => {
  it('runs the TypeScript entry when it exists, passing the options on', async () => {
    const entry = workerEntry(pathToFileURL(join(src, 'echo.worker.ts')), 'echo-worker.mjs');
    expect(await firstMessage(startWorker(entry, { workerData: { name: 'tsx' } }))).toBe('tsx from the source');
  });

  it('runs the bundle next to the starting module when the entry is not there', async () => {
    // As in a bundle: the entry resolves beside the bundled starter, where only the .mjs exists.
    const entry = workerEntry(pathToFileURL(join(out, 'echo.worker.ts')), 'echo-worker.mjs');
    expect(fileURLToPath(bundledWorkerUrl(entry))).toBe(join(out, 'echo-worker.mjs'));
    expect(await firstMessage(startWorker(entry, { workerData: { name: 'bundle' } }))).toBe('bundle from the bundle');
  });

  it('runs from a bundled starter under plain Node, without tsx or the sources', () => {
    // The temp dir has no node_modules: nothing but the two bundles can be loaded.
    const run = spawnSync(process.execPath, [join(out, 'starter.mjs')], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('plain Node from the bundle');
    expect(run.status).toBe(0);
  });

  it('reports an entry that cannot load as the worker\'s error, then its exit', async () => {
    const missing = await failure(startWorker(workerEntry(pathToFileURL(join(out, 'missing.worker.ts')), 'missing-worker.mjs')));
    expect(missing.error.message).toMatch(/Cannot find module/);
    expect(missing.code).toBe(1);
    const broken = await failure(startWorker(workerEntry(pathToFileURL(join(src, 'broken.worker.ts')), 'broken-worker.mjs')));
    expect(broken.error.message).toBe('the entry refused to load');
    expect(broken.code).toBe(1);
  });

  it('refuses a descriptor that is not a .ts entry and a plain .mjs name', () => {
    expect(() => workerEntry(pathToFileURL(join(src, 'echo.worker.js')), 'echo-worker.mjs')).toThrow(/\.ts file/);
    expect(() => workerEntry(pathToFileURL(join(src, 'echo.worker.ts')), '../echo-worker.mjs')).toThrow(/plain \.mjs/);
  });
});
