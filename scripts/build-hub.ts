// Bundles the regional hub into one directory (default dist/hub/, or --outdir DIR) that runs with
// `node DIR/loupe-hub.mjs …` without the source tree or tsx: the command, its two worker threads
// (bundle decoding, WAL checkpoints — each module finds its worker next to the bundle) and the
// dashboard's files, its script built ahead and echarts copied. better-sqlite3 (native) stays
// external: the directory is run where the project's production dependencies are installed
// (`npm ci --omit=dev` beside it, or inside a checkout).
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { bundleDashboardScript } from '../electron/hub/hub-dashboard-script';
import { HUB_WORKERS, workerBuild } from './worker-bundles';

const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const out = resolve(values.outdir ?? 'dist/hub');
const require = createRequire(import.meta.url);
// pg's optional native binding is never used.
const external = ['better-sqlite3', 'pg-native'];
const node = { bundle: true, platform: 'node', format: 'esm', target: 'node20', external, sourcemap: true } as const;
// Bundled CommonJS packages (pg) call require(): give the ES module bundle one.
const banner = { js: "import { createRequire as __loupeRequire } from 'node:module'; const require = __loupeRequire(import.meta.url);" };

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'dashboard'), { recursive: true });
await Promise.all([
  build({ ...node, banner, entryPoints: ['electron/hub/hub-main.ts'], outfile: join(out, 'loupe-hub.mjs') }),
  ...HUB_WORKERS.map((worker) => build(workerBuild(worker, out, { ...node, banner }))),
]);
// The dashboard's files sit in dashboard/ next to the bundle, where hub-dashboard-assets.ts looks.
for (const name of ['index.html', 'dashboard.css']) copyFileSync(join('electron/hub/dashboard', name), join(out, 'dashboard', name));
writeFileSync(join(out, 'dashboard', 'dashboard.js'), await bundleDashboardScript());
copyFileSync(require.resolve('echarts/dist/echarts.min.js'), join(out, 'dashboard', 'echarts.min.js'));
console.log(`built ${out}/{loupe-hub.mjs,${HUB_WORKERS.map((w) => w.entry.bundle).join(',')},dashboard/}`);
