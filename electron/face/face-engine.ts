// The face engine client: one warm worker thread per process, reused by every examination, the
// benchmark and the tests. Requests are queued one at a time; a worker that dies is restarted on the
// next request, and the pending request fails with a clear error instead of hanging.
import type { Worker } from 'node:worker_threads';
import { LoupeError } from '../common/loupe-error';
import { startWorker, workerEntry } from '../common/worker-entry';
import type { DetectedFace, EngineRequest, EngineResponse } from './face-engine-protocol';

/** Above this size an image is scaled down before detection (faces stay far above the minimum). */
export const MAX_ENGINE_SIDE = 1280;

/** The engine's thread; bundled as dist/electron/face-worker.mjs (scripts/worker-bundles.ts). */
export const FACE_WORKER = workerEntry(new URL('./face-engine.worker.ts', import.meta.url), 'face-worker.mjs');

export class FaceEngine {
  private worker: Worker | null = null;
  private ready: Promise<number> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(f: { faces: DetectedFace[]; ms: number }): void; reject(e: Error): void }>();
  private queue: Promise<unknown> = Promise.resolve();

  /** Starts the worker and loads the models; resolves with the load time (ms). */
  warm(): Promise<number> {
    if (this.ready) return this.ready;
    const worker = startWorker(FACE_WORKER);
    this.worker = worker;
    this.ready = new Promise<number>((resolve, reject) => {
      const fail = (err: Error) => {
        reject(err);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
        if (this.worker === worker) {
          this.worker = null;
          this.ready = null;
        }
      };
      worker.on('message', (msg: EngineResponse | { id: -2; ok: false; error: string }) => {
        if (msg.id === -1 && msg.ok && 'ready' in msg) return resolve(msg.loadMs);
        if (msg.id === -2) return fail(new LoupeError('face', 'Internal', (msg as { error: string }).error));
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.ok && 'faces' in msg) p.resolve({ faces: msg.faces, ms: msg.ms });
        else if (!msg.ok) p.reject(new LoupeError('face', 'Internal', `face analysis failed: ${msg.error}`));
      });
      worker.on('error', (err) => fail(new LoupeError('face', 'Internal', `the face engine stopped: ${err.message}`)));
      worker.on('exit', (code) => fail(new LoupeError('face', 'Internal', `the face engine exited (code ${code})`)));
    });
    this.ready.catch(() => undefined);
    return this.ready;
  }

  /** Detects faces with landmarks, descriptor and age/sex estimate. `rgb` is transferred (unusable after). */
  detect(rgb: Uint8Array, width: number, height: number, maxFaces = 10): Promise<{ faces: DetectedFace[]; ms: number }> {
    if (rgb.length !== width * height * 3) throw new LoupeError('face', 'InvalidInput', `RGB buffer of ${rgb.length} bytes for ${width}×${height}`);
    const run = async () => {
      await this.warm();
      const worker = this.worker;
      if (!worker) throw new LoupeError('face', 'Internal', 'the face engine is not running');
      const id = this.nextId++;
      const request: EngineRequest = { id, rgb, width, height, maxFaces };
      return new Promise<{ faces: DetectedFace[]; ms: number }>((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        worker.postMessage(request, [rgb.buffer as ArrayBuffer]);
      });
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    if (worker) {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }
}

let shared: FaceEngine | null = null;

/** The process's one warm engine. */
export function sharedFaceEngine(): FaceEngine {
  shared ??= new FaceEngine();
  return shared;
}

export async function shutdownFaceEngine(): Promise<void> {
  const engine = shared;
  shared = null;
  await engine?.close();
}
