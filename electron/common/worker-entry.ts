// Starting a worker thread from a TypeScript entry, the same way in every run: under tsx (tests,
// `npm start`, `npm run loupe`) the entry is the .ts file beside the module that starts it; in a
// bundle (dist/electron/, dist/hub/) it is a .mjs built next to the main bundle from that entry
// (scripts/worker-bundles.ts builds every one of them from the same descriptor).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { assert } from './loupe-error';

/** A worker thread's two forms: the TypeScript source and the file name of its bundle. */
export interface WorkerEntry {
  /** The .ts entry, resolved against the starting module (`new URL('./x.worker.ts', import.meta.url)`). */
  readonly source: URL;
  /** The bundle's file name; it sits next to the starting module's bundle. */
  readonly bundle: string;
}

export function workerEntry(source: URL, bundle: string): WorkerEntry {
  assert(source.pathname.endsWith('.ts'), `a worker entry is a .ts file: ${source.href}`);
  assert(/^[\w.-]+\.mjs$/.test(bundle), `a worker bundle is a plain .mjs file name: ${bundle}`);
  return { source, bundle };
}

/** Where the bundled form is looked for: beside the (bundled) module that named the entry. */
export function bundledWorkerUrl(entry: WorkerEntry): URL {
  return new URL(entry.bundle, entry.source);
}

/**
 * Starts the worker: the TypeScript entry when it exists (tsx is registered inside the thread first,
 * as the starting thread's loader does not carry over), else the bundle. Errors are the Worker's own:
 * an entry that fails to load emits 'error' and then 'exit' on the returned Worker.
 */
export function startWorker(entry: WorkerEntry, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (existsSync(fileURLToPath(entry.source))) {
    const code = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry.source.href)}); })`;
    return new Worker(code, { ...options, eval: true });
  }
  return new Worker(bundledWorkerUrl(entry), options);
}
