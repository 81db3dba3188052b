// The worker threads each bundle carries, built from the descriptors their starting modules use at
// run time (electron/common/worker-entry.ts): the entry and the bundle's file name are written once.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import type { WorkerEntry } from '../electron/common/worker-entry';
import { BUNDLE_DECODE_WORKER } from '../electron/exchange/bundle-decode-pool';
import { FACE_WORKER } from '../electron/face/face-engine';
import { WAL_CHECKPOINT_WORKER } from '../electron/store/wal-checkpointer';

export interface WorkerBundle {
  entry: WorkerEntry;
  /** Packages loaded from node_modules at run time rather than bundled. */
  external?: readonly string[];
}

/** The station's (dist/electron/): face engine, bundle decoding, WAL checkpoints. */
export const STATION_WORKERS: readonly WorkerBundle[] = [
  // tfjs and face-api load from node_modules: their weights and .wasm files live there.
  { entry: FACE_WORKER, external: ['@tensorflow/*', '@vladmandic/face-api', '@vladmandic/face-api/*'] },
  { entry: BUNDLE_DECODE_WORKER },
  { entry: WAL_CHECKPOINT_WORKER },
];

/** The regional hub's (dist/hub/): bundle decoding, WAL checkpoints. */
export const HUB_WORKERS: readonly WorkerBundle[] = [{ entry: BUNDLE_DECODE_WORKER }, { entry: WAL_CHECKPOINT_WORKER }];

/** esbuild options for one worker, bundled into `outdir` next to the main bundle, on top of `base`. */
export function workerBuild(worker: WorkerBundle, outdir: string, base: BuildOptions): BuildOptions {
  return {
    ...base,
    entryPoints: [fileURLToPath(worker.entry.source)],
    outfile: join(outdir, worker.entry.bundle),
    external: [...(base.external ?? []), ...(worker.external ?? [])],
  };
}
