// Bundle decoding off the inserting thread. A small pool of warm worker threads (one on a 2-core
// machine: the other core inserts) decodes a verified payload into chunks while the caller stores
// the previous ones. A decode is a session: chunks in line order, then a summary, then the grouped
// counts of the records the caller kept. Sessions are consumed either asynchronously (the hub) or
// synchronously (the station, whose SQLite transaction must not yield to the event loop: it sleeps
// on Atomics.wait between chunks). Small bundles, or no worker ready, decode in-thread through the
// same code, with the same outcome.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { BundleItem, BundleManifest, ExpertAlert, TrendRecord } from '../contract/trends.contract';
import { BUNDLE_LIMITS, BundleError, verifyBundlePayload, type BundleLimits, type DecodedBundle, type RefusedLine, type TrustLookup } from './bundle-codec';
import { ChunkReader, type DecodedChunk, type RecordRows } from './bundle-chunk';
import { inflatePayload } from './bundle-inflate';
import { BundleDecodeJob, DEFAULT_CHUNK_RECORDS, type DecodeJobOptions, type DecodeSummary } from './bundle-decode-job';
import { SIGNAL, SIGNAL_SLOTS, type DecodeRequest, type DecodeTestFault, type DecodeWorkerData, type JobControl, type JobMessage } from './bundle-decode-protocol';

export interface DecodeSessionOptions extends Partial<DecodeJobOptions> {
  /** 'auto' (default): a worker for payloads of at least minWorkerBytes when one is free; 'always'; 'never'. */
  worker?: 'auto' | 'always' | 'never';
  /** Inflated size from which 'auto' uses a worker. */
  minWorkerBytes?: number;
  /** Fault injection for tests (worker only). */
  testFault?: DecodeTestFault;
}

export type DecodeStep = { type: 'chunk'; chunk: DecodedChunk; rows: RecordRows } | { type: 'end'; summary: DecodeSummary };

/** Inflated payloads below this decode in-thread: a worker round trip would cost more than it saves. */
export const MIN_WORKER_BYTES = 256 * 1024;
/** A worker that neither posts nor makes progress for this long is considered dead. */
const STALL_MS = 60_000;
/** How long a synchronous caller waits for a starting worker before decoding in-thread. */
const START_WAIT_MS = 15_000;

/** A decode in progress: read the steps until the end; close it in any case. */
export interface DecodeSession {
  readonly manifest: BundleManifest;
  /** Whether a worker decodes (false: in-thread). */
  readonly inWorker: boolean;
  /** The dictionary of the chunks received so far (codes → strings). */
  readonly dictionary: readonly string[];
  /** The next step; throws BundleError when the bundle turns out unusable. Blocks this thread while waiting. */
  nextSync(): DecodeStep;
  next(): Promise<DecodeStep>;
  /** Releases the session (cancels the worker's job when unfinished). Always call it. */
  close(): void;
}

function decodeFailed(message: string): BundleError {
  return new BundleError('decode-failed', `the bundle could not be decoded: ${message}; nothing was imported`);
}

// ── In-thread sessions ──────────────────────────────────────────────────────────────────────────

class InThreadSession implements DecodeSession {
  readonly inWorker = false;
  private readonly steps: DecodeStep[] = [];
  private readonly reader = new ChunkReader();

  /** `feed` gives the job its text (or items); the whole decode happens here, before any step is read. */
  constructor(
    readonly manifest: BundleManifest,
    limits: BundleLimits,
    options: DecodeJobOptions,
    feed: (job: BundleDecodeJob) => void,
  ) {
    const job = new BundleDecodeJob(limits, options, (chunk) => this.steps.push({ type: 'chunk', chunk, rows: this.reader.read(chunk) }));
    feed(job);
    this.steps.push({ type: 'end', summary: job.end() });
  }

  nextSync(): DecodeStep {
    const step = this.steps.shift();
    if (!step) throw new Error('the decode session has ended');
    return step;
  }

  async next(): Promise<DecodeStep> {
    return this.nextSync();
  }

  close(): void {
    this.steps.length = 0;
  }

  get dictionary(): readonly string[] {
    return this.reader.dictionary.strings;
  }
}

// ── Worker sessions ─────────────────────────────────────────────────────────────────────────────

interface PoolWorker {
  worker: Worker;
  signal: Int32Array;
  /** Resolves true once the worker has loaded, false if it ended first. */
  ready: Promise<boolean>;
  busy: boolean;
  /** The async session using it, told when the thread ends. */
  session: WorkerSession | null;
}

class WorkerSession implements DecodeSession {
  readonly inWorker = true;
  private readonly reader = new ChunkReader();
  private readonly queue: JobMessage[] = [];
  private waiter: ((m: JobMessage) => void) | null = null;
  private done = false;
  private listening = false;
  private ended: string | null = null;

  constructor(
    readonly manifest: BundleManifest,
    private readonly port: MessagePort,
    private readonly slot: PoolWorker,
    private readonly release: () => void,
  ) {}

  /** The worker thread ended: a pending or later read fails. */
  workerEnded(reason: string): void {
    this.ended = reason;
    this.deliver({ type: 'crashed', message: reason });
  }

  private deliver(message: JobMessage): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(message);
    } else this.queue.push(message);
  }

  private receiveSync(): JobMessage {
    const signal = this.slot.signal;
    let progress = Atomics.load(signal, SIGNAL.progress);
    let quietSince = performance.now();
    for (;;) {
      const seen = Atomics.load(signal, SIGNAL.messages);
      const got = receiveMessageOnPort(this.port);
      if (got) return got.message as JobMessage;
      if (Atomics.load(signal, SIGNAL.ended) !== 0) return { type: 'crashed', message: 'the decoding worker stopped' };
      if (Atomics.wait(signal, SIGNAL.messages, seen, 1000) === 'timed-out') {
        const now = Atomics.load(signal, SIGNAL.progress);
        if (now !== progress) {
          progress = now;
          quietSince = performance.now();
        } else if (performance.now() - quietSince > STALL_MS) {
          void this.slot.worker.terminate();
          return { type: 'crashed', message: 'the decoding worker stopped responding' };
        }
      }
    }
  }

  private receive(): Promise<JobMessage> {
    if (!this.listening) {
      this.listening = true;
      this.port.on('message', (m: JobMessage) => this.deliver(m));
    }
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.ended) return Promise.resolve({ type: 'crashed', message: this.ended });
    return new Promise((resolve) => (this.waiter = resolve));
  }

  private step(message: JobMessage): DecodeStep {
    switch (message.type) {
      case 'chunk':
        return { type: 'chunk', chunk: message.chunk, rows: this.reader.read(message.chunk) };
      case 'end':
        this.finishUp();
        return { type: 'end', summary: message.summary };
      case 'failed':
        this.close();
        throw new BundleError(message.fault, message.message);
      case 'crashed':
        this.close();
        throw decodeFailed(message.message);
      default: {
        const never: never = message;
        throw new Error(`unknown message ${JSON.stringify(never)}`);
      }
    }
  }

  nextSync(): DecodeStep {
    if (this.done) throw new Error('the decode session has ended');
    return this.step(this.receiveSync());
  }

  async next(): Promise<DecodeStep> {
    if (this.done) throw new Error('the decode session has ended');
    return this.step(await this.receive());
  }

  private control(control: JobControl): void {
    this.port.postMessage(control);
  }

  private finishUp(): void {
    if (this.done) return;
    this.done = true;
    this.port.close();
    this.slot.session = null;
    this.release();
  }

  close(): void {
    if (this.done) return;
    try {
      this.control({ type: 'cancel' });
    } catch {
      // the port is already closed
    }
    this.finishUp();
  }

  get dictionary(): readonly string[] {
    return this.reader.dictionary.strings;
  }
}

function startWorker(signal: SharedArrayBuffer): Worker {
  const workerData: DecodeWorkerData = { signal };
  const source = new URL('./bundle-decode.worker.ts', import.meta.url);
  if (existsSync(fileURLToPath(source))) {
    // Unbundled (tsx, tests): register tsx inside the thread, then load the TypeScript entry.
    const code = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(source.href)}); })`;
    return new Worker(code, { eval: true, workerData });
  }
  // Bundled (dist/electron): built next to the main bundle (scripts/build-electron.ts).
  return new Worker(new URL('./bundle-decode-worker.mjs', import.meta.url), { workerData });
}

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
    const worker = startWorker(shared);
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
  startOn(slot: PoolWorker, manifest: BundleManifest, payload: Buffer, limits: BundleLimits, options: DecodeJobOptions, testFault?: DecodeTestFault): WorkerSession {
    const { port1, port2 } = new MessageChannel();
    const copy = new Uint8Array(payload.length);
    copy.set(payload);
    const request: DecodeRequest = { type: 'decode', payload: copy, declared: manifest.payload.uncompressedBytes, limits, options, port: port2, ...(testFault ? { testFault } : {}) };
    const session = new WorkerSession(manifest, port1, slot, () => this.release(slot));
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

function jobOptions(options: DecodeSessionOptions): DecodeJobOptions {
  return { chunkRecords: options.chunkRecords ?? DEFAULT_CHUNK_RECORDS, layout: options.layout ?? 'rows' };
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
  if (slot) return pool.startOn(slot, manifest, payload, limits, jobOptions(options), options.testFault);
  return inThread(manifest, payload, limits, options);
}

function inThread(manifest: BundleManifest, payload: Buffer, limits: BundleLimits, options: DecodeSessionOptions): DecodeSession {
  const text = inflatePayload(payload, manifest.payload.uncompressedBytes);
  return new InThreadSession(manifest, limits, jobOptions(options), (job) => job.push(text));
}

/** Items validated elsewhere (a store's own input), as a session giving the same chunks as a decode. */
export function sessionOfItems(
  manifest: BundleManifest,
  items: readonly ({ type: 'record'; record: TrendRecord; json: string } | { type: 'alert'; alert: ExpertAlert; json: string })[],
  options: DecodeSessionOptions = {},
): DecodeSession {
  return new InThreadSession(manifest, BUNDLE_LIMITS, jobOptions(options), (job) =>
    items.forEach((item, i) => job.addStored(item, i + 1)),
  );
}

/** As startBundleDecodeSync, for asynchronous callers (waits for a free worker without blocking). */
export async function startBundleDecode(file: Buffer, trust: TrustLookup, limits: BundleLimits = BUNDLE_LIMITS, options: DecodeSessionOptions = {}, pool = bundleDecodePool()): Promise<DecodeSession> {
  const { manifest, payload } = verifyBundlePayload(file, trust, limits);
  const slot = wantsWorker(manifest, options) ? await pool.acquire() : undefined;
  if (slot) return pool.startOn(slot, manifest, payload, limits, jobOptions(options), options.testFault);
  return inThread(manifest, payload, limits, options);
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
    }
    items.sort((a, b) => a.line - b.line);
    return { manifest: session.manifest, items: items.map((i) => i.item), refused };
  } finally {
    session.close();
  }
}
