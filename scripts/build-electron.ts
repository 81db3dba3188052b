// Bundles the Electron main process, the preload script and the device bridge into dist/electron/.
// Native and heavy packages stay external (loaded from node_modules at run time).
import { build } from 'esbuild';
import { PRELOAD_BUILD, sandboxRefusedImports } from './preload-bundle';
import { STATION_WORKERS, workerBuild } from './worker-bundles';

const external = ['electron', 'better-sqlite3', 'sharp', 'tesseract.js', 'serialport', 'usb', 'smartcard', 'playwright-core', '@serialport/*', 'mrz'];

const node = { bundle: true, platform: 'node', format: 'esm', target: 'node20', external, sourcemap: true } as const;

const preloadBuild = build({ ...PRELOAD_BUILD, outfile: 'dist/electron/preload.cjs', sourcemap: true, metafile: true });
await Promise.all([
  build({ ...node, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.mjs' }),
  preloadBuild,
  build({ ...node, entryPoints: ['native/bridge-host.ts'], outfile: 'dist/electron/bridge.mjs' }),
  // The worker threads main.mjs starts, each next to it under the name its starting module looks for.
  ...STATION_WORKERS.map((worker) => build(workerBuild(worker, 'dist/electron', node))),
]);
const preload = await preloadBuild;
// The window is sandboxed: its preload can require only what Electron's sandbox provides. A bundle that
// needs anything else would load without window.loupe, which only shows in the running app.
const refused = sandboxRefusedImports(preload.metafile);
if (refused.length) {
  console.error(`the preload bundle requires modules a sandboxed preload cannot load: ${refused.join(', ')}`);
  process.exit(1);
}
console.log(`built dist/electron/{main.mjs,preload.cjs,bridge.mjs,${STATION_WORKERS.map((w) => w.entry.bundle).join(',')}}`);
