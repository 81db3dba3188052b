// Bundle decoding off the inserting thread. A small pool of warm worker threads (one on a 2-core
// machine: the other core inserts) decodes a verified payload into chunks while the caller stores
// the previous ones. A decode is a session (bundle-decode-session.ts): chunks in line order, then a
// summary, read either asynchronously (the hub) or synchronously (the station, whose SQLite
// transaction must not yield to the event loop: it sleeps on Atomics.wait between chunks). Small
// bundles, or no worker ready, decode in-thread through the same code, with the same outcome.
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { startWorker, workerEntry } from '../common/worker-entry';
import type { BundleItem, BundleManifest, ExpertAlert, TrendRecord } from '../contract/trends.contract';
import { BUNDLE_LIMITS, verifyBundlePayload, type BundleLimits, type DecodedBundle, type RefusedLine, type TrustLookup } from './bundle-codec';
import { inflatePayload } from './bundle-inflate';
import type { OriginProof } from './origin-proof';
import { DEFAULT_CHUNK_RECORDS, type DecodeJobOptions } from './bundle-decode-job';
import { SIGNAL, SIGNAL_SLOTS, type DecodeRequest, type DecodeTestFault, type DecodeWorkerData } from './bundle-decode-protocol';
import { InThreadSession, WorkerSession, type DecodeSession, type PoolWorker } from './bundle-decode-session';

export type { DecodeSession, DecodeStep } from './bundle-decode-session';

/** Inflated payloads below this decode in-thread: a worker round trip would cost more than it saves. */
export const MIN_WORKER_BYTES = 256 * 1024;
/** How long a synchronous caller waits for a starting worker before decoding in-thread. */
const START_WAIT_MS = 15_000;

export interface DecodeSessionOptions extends Partial<Omit<DecodeJobOptions, 'signer'>> {
  /** Who may be the origin of items (proofs of origin); default: the signer trust list. */
  originTrust?: TrustLookup;
  /** 'auto' (default): a worker for payloads of at least minWorkerBytes when one is free; 'always'; 'never'. */
  worker?: 'auto' | 'always' | 'never';
  /** Inflated size from which 'auto' uses a worker. */
  minWorkerBytes?: number;
  /** Fault injection for tests (worker only). */
  testFault?: DecodeTestFault;
}

/** The decoding thread; bundled next to the station's and the hub's main bundles (scripts/worker-bundles.ts). */
export const BUNDLE_DECODE_WORKER = workerEntry(new URL('./bundle-decode.worker.ts', import.meta.url), 'bundle-decode-worker.mjs');

export class BundleDecodePool {
  private readonly workers: PoolWorker[] = [];
  private readonly waiters: ((w: PoolWorker | undefined) => void)[] = [];
  /** Set when a worker could not even start: decode in-thread from then on. */
  private broken: string | null = null;

  constructor(readonly size = Math.max(1, Math.min(2, availableParallelism() - 1))) {}

  /** Why workers are not used, or null. */
  get unavailable(): string | null {
    return this.broken;
  }

  private spawn(): PoolWorker {
    const shared = new SharedArrayBuffer(SIGNAL_SLOTS * 4);
    const workerData: DecodeWorkerData = { signal: shared };
    const worker = startWorker(BUNDLE_DECODE_WORKER, { workerData });
    const ready = new Promise<boolean>((resolve) => {
      worker.on('message', (m: { type?: string }) => m?.type === 'ready' && resolve(true));
      worker.once('exit', () => resolve(false));
    });
    const slot: PoolWorker = { worker, signal: new Int32Array(shared), ready, busy: false, session: null };
    // Once loaded, never keeps a process alive on its own: a session in progress holds its port open.
    void ready.then(() => worker.unref());
    const gone = (reason: string) => {
      const i = this.workers.indexOf(slot);
      if (i >= 0) this.workers.splice(i, 1);
      if (Atomics.load(slot.signal, SIGNAL.ready) === 0 && !this.broken) {
        this.broken = reason;
        console.warn(`bundle decoding stays on the main thread: ${reason}`);
      }
      // Whoever waits for a worker decodes in-thread rather than wait for a replacement.
      for (const w of this.waiters.splice(0)) w(undefined);
      slot.session?.workerEnded(reason);
    };
    worker.on('error', (e) => gone(`the decoding worker failed (${e.message})`));
    worker.on('exit', (code) => gone(`the decoding worker exited (code ${code})`));
    this.workers.push(slot);
    return slot;
  }

  private fill(): void {
    // A worker whose thread ended is replaced at once (its exit event may not have run yet).
    for (const dead of this.workers.filter((w) => Atomics.load(w.signal, SIGNAL.ended) !== 0)) {
      this.workers.splice(this.workers.indexOf(dead), 1);
      void dead.worker.terminate();
    }
    while (!this.broken && this.workers.length < this.size) this.spawn();
  }

  /** Starts the workers and waits until they are ready (or failed). Resolves with the time taken (ms). */
  async warm(): Promise<number> {
    const t0 = performance.now();
    this.fill();
    await Promise.all(this.workers.map((w) => w.ready));
    return performance.now() - t0;
  }

  private freeReady(): PoolWorker | undefined {
    return this.workers.find((w) => !w.busy && Atomics.load(w.signal, SIGNAL.ready) === 1 && Atomics.load(w.signal, SIGNAL.ended) === 0);
  }

  /** A free worker now, waiting (blocking) for one that is starting; undefined when none. */
  acquireSync(): PoolWorker | undefined {
    if (this.broken) return undefined;
    this.fill();
    let slot = this.freeReady();
    if (!slot) {
      const starting = this.workers.find((w) => !w.busy && Atomics.load(w.signal, SIGNAL.ready) === 0);
      if (starting) Atomics.wait(starting.signal, SIGNAL.ready, 0, START_WAIT_MS);
      slot = this.freeReady();
    }
    if (slot) slot.busy = true;
    return slot;
  }

  /** A free worker, waiting for one to start or be released; undefined when workers are unavailable. */
  async acquire(): Promise<PoolWorker | undefined> {
    if (this.broken) return undefined;
    this.fill();
    for (;;) {
      const slot = this.freeReady();
      if (slot) {
        slot.busy = true;
        return slot;
      }
      const starting = this.workers.find((w) => !w.busy && Atomics.load(w.signal, SIGNAL.ready) === 0);
      if (starting) {
        if (!(await starting.ready)) return undefined;
        continue;
      }
      const next = await new Promise<PoolWorker | undefined>((resolve) => this.waiters.push(resolve));
      if (next === undefined) return undefined;
      if (!next.busy) {
        next.busy = true;
        return next;
      }
    }
  }

  private release(slot: PoolWorker): void {
    slot.busy = false;
    const waiter = this.waiters.shift();
    if (waiter) waiter(slot);
  }

  /** Starts decoding on `slot` (acquired). */
  startOn(slot: PoolWorker, manifest: BundleManifest, payload: Buffer, limits: BundleLimits, options: DecodeJobOptions, originTrust: TrustLookup, testFault?: DecodeTestFault): WorkerSession {
    const { port1, port2 } = new MessageChannel();
    const copy = new Uint8Array(payload.length);
    copy.set(payload);
    const request: DecodeRequest = { type: 'decode', payload: copy, declared: manifest.payload.uncompressedBytes, limits, options, port: port2, ...(testFault ? { testFault } : {}) };
    const session = new WorkerSession(manifest, port1, slot, () => this.release(slot), originTrust);
    slot.session = session;
    slot.worker.postMessage(request, [copy.buffer, port2]);
    return session;
  }

  async close(): Promise<void> {
    const all = this.workers.splice(0);
    await Promise.all(all.map((w) => w.worker.terminate()));
  }
}

let shared: BundleDecodePool | null = null;

/** The process-wide pool (started on first use). */
export function bundleDecodePool(): BundleDecodePool {
  return (shared ??= new BundleDecodePool());
}

function jobOptions(manifest: BundleManifest, options: DecodeSessionOptions): DecodeJobOptions {
  return { chunkRecords: options.chunkRecords ?? DEFAULT_CHUNK_RECORDS, layout: options.layout ?? 'rows', signer: manifest.signer.station };
}

function wantsWorker(manifest: BundleManifest, options: DecodeSessionOptions): boolean {
  const mode = options.worker ?? 'auto';
  return mode === 'always' || (mode === 'auto' && manifest.payload.uncompressedBytes >= (options.minWorkerBytes ?? MIN_WORKER_BYTES));
}

/**
 * Verifies a bundle (head, signature, payload hash and size: throws BundleError) and starts decoding
 * it, in a worker when worthwhile. For a caller that must stay synchronous: waiting blocks.
 */
export function startBundleDecodeSync(file: Buffer, trust: TrustLookup, limits: BundleLimits = BUNDLE_LIMITS, options: DecodeSessionOptions = {}, pool = bundleDecodePool()): DecodeSession {
  const { manifest, payload } = verifyBundlePayload(file, trust, limits);
  const slot = wantsWorker(manifest, options) ? pool.acquireSync() : undefined;
  if (slot) return pool.startOn(slot, manifest, payload, limits, jobOptions(manifest, options), options.originTrust ?? trust, options.testFault);
  return inThread(manifest, payload, limits, options, options.originTrust ?? trust);
}

function inThread(manifest: BundleManifest, payload: Buffer, limits: BundleLimits, options: DecodeSessionOptions, originTrust: TrustLookup): DecodeSession {
  const text = inflatePayload(payload, manifest.payload.uncompressedBytes);
  return new InThreadSession(manifest, limits, jobOptions(manifest, options), (job) => job.push(text), originTrust);
}

/** Items validated elsewhere (a store's own input), as a session giving the same chunks as a decode. */
export function sessionOfItems(
  manifest: BundleManifest,
  items: readonly ({ type: 'record'; record: TrendRecord; json: string } | { type: 'alert'; alert: ExpertAlert; json: string })[],
  options: DecodeSessionOptions = {},
): DecodeSession {
  return new InThreadSession(manifest, BUNDLE_LIMITS, jobOptions(manifest, options), (job) =>
    items.forEach((item, i) => job.addStored(item, i + 1)),
  );
}

/** As startBundleDecodeSync, for asynchronous callers (waits for a free worker without blocking). */
export async function startBundleDecode(file: Buffer, trust: TrustLookup, limits: BundleLimits = BUNDLE_LIMITS, options: DecodeSessionOptions = {}, pool = bundleDecodePool()): Promise<DecodeSession> {
  const { manifest, payload } = verifyBundlePayload(file, trust, limits);
  const slot = wantsWorker(manifest, options) ? await pool.acquire() : undefined;
  if (slot) return pool.startOn(slot, manifest, payload, limits, jobOptions(manifest, options), options.originTrust ?? trust, options.testFault);
  return inThread(manifest, payload, limits, options, options.originTrust ?? trust);
}

/**
 * decodeBundle() off the calling thread: the same checks, refusals and result (items as the
 * validated values, in line order).
 */
export async function decodeBundleAsync(file: Buffer, trust: TrustLookup, limits: BundleLimits = BUNDLE_LIMITS, options: DecodeSessionOptions = {}): Promise<DecodedBundle> {
  const session = await startBundleDecode(file, trust, limits, options);
  try {
    const items: { line: number; item: BundleItem }[] = [];
    const refused: RefusedLine[] = [];
    const proofs: OriginProof[] = [];
    const byId = new Map<string, BundleItem>();
    for (let step = await session.next(); step.type === 'chunk'; step = await session.next()) {
      const { rows, chunk } = step;
      for (let i = 0; i < rows.count; i++) {
        const item: BundleItem = { type: 'record', record: JSON.parse(rows.json(i)) };
        byId.set(`r${rows.id(i)}`, item);
        items.push({ line: rows.line(i), item });
      }
      for (const a of chunk.alerts) {
        const item: BundleItem = { type: 'alert', alert: a.alert };
        byId.set(`a${a.alert.id}`, item);
        items.push({ line: a.line, item });
      }
      for (const r of chunk.repeats) items.push({ line: r.line, item: byId.get(`${r.type[0]}${r.id}`)! });
      refused.push(...chunk.refused);
      proofs.push(...chunk.sections.map((s) => s.proof));
    }
    items.sort((a, b) => a.line - b.line);
    return { manifest: session.manifest, items: items.map((i) => i.item), refused, proofs };
  } finally {
    session.close();
  }
}
