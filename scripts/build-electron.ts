// Bundles the Electron main process, the preload script and the device bridge into dist/electron/.
// Native and heavy packages stay external (loaded from node_modules at run time).
import { build } from 'esbuild';
import { PRELOAD_BUILD, sandboxRefusedImports } from './preload-bundle';

const external = ['electron', 'better-sqlite3', 'sharp', 'tesseract.js', 'serialport', 'usb', 'playwright-core', '@serialport/*', 'mrz'];

const [, preload] = await Promise.all([
  build({ entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.mjs', bundle: true, platform: 'node', format: 'esm', target: 'node20', external, sourcemap: true }),
  build({ ...PRELOAD_BUILD, outfile: 'dist/electron/preload.cjs', sourcemap: true, metafile: true }),
  build({ entryPoints: ['native/bridge-host.ts'], outfile: 'dist/electron/bridge.mjs', bundle: true, platform: 'node', format: 'esm', target: 'node20', external, sourcemap: true }),
  // The face engine's worker thread; tfjs and face-api load from node_modules (their weights and .wasm files live there).
  build({ entryPoints: ['electron/face/face-engine.worker.ts'], outfile: 'dist/electron/face-worker.mjs', bundle: true, platform: 'node', format: 'esm', target: 'node20', external: [...external, '@tensorflow/*', '@vladmandic/face-api', '@vladmandic/face-api/*'], sourcemap: true }),
  // The bundle-decoding worker thread (electron/exchange/bundle-decode-pool.ts starts it).
  build({ entryPoints: ['electron/exchange/bundle-decode.worker.ts'], outfile: 'dist/electron/bundle-decode-worker.mjs', bundle: true, platform: 'node', format: 'esm', target: 'node20', external, sourcemap: true }),
  // The background WAL checkpoint thread (electron/store/wal-checkpointer.ts starts it).
  build({ entryPoints: ['electron/store/wal-checkpoint.worker.ts'], outfile: 'dist/electron/wal-checkpoint-worker.mjs', bundle: true, platform: 'node', format: 'esm', target: 'node20', external, sourcemap: true }),
]);
// The window is sandboxed: its preload can require only what Electron's sandbox provides. A bundle that
// needs anything else would load without window.loupe, which only shows in the running app.
const refused = sandboxRefusedImports(preload.metafile);
if (refused.length) {
  console.error(`the preload bundle requires modules a sandboxed preload cannot load: ${refused.join(', ')}`);
  process.exit(1);
}
console.log('built dist/electron/{main.mjs,preload.cjs,bridge.mjs,face-worker.mjs,bundle-decode-worker.mjs,wal-checkpoint-worker.mjs}');
