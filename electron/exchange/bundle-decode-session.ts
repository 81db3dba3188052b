// A decode session: the chunks of one bundle, in line order, then its summary — read either with
// await (next) or synchronously (nextSync: the calling thread sleeps on Atomics.wait and takes the
// worker's messages with receiveMessageOnPort, never running its event loop). In-thread sessions
// decode everything when made; worker sessions read what a pool worker posts (bundle-decode-pool.ts).
import { receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { BundleManifest } from '../contract/trends.contract';
import { BundleError, type BundleLimits } from './bundle-error';
import type { TrustLookup } from './bundle-codec';
import { ChunkReader, type DecodedChunk, type RecordRows } from './bundle-chunk';
import { BundleDecodeJob, type DecodeJobOptions, type DecodeSummary } from './bundle-decode-job';
import { SIGNAL, type JobControl, type JobMessage } from './bundle-decode-protocol';

export type DecodeStep = { type: 'chunk'; chunk: DecodedChunk; rows: RecordRows } | { type: 'end'; summary: DecodeSummary };

/** A worker that neither posts nor makes progress for this long is considered dead. */
const STALL_MS = 60_000;

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

export class InThreadSession implements DecodeSession {
  readonly inWorker = false;
  private readonly steps: DecodeStep[] = [];
  private readonly reader: ChunkReader;

  /**
   * `feed` gives the job its text (or items); the whole decode happens here, before any step is read
   * (a proof of origin that does not verify throws BundleError from here).
   */
  constructor(
    readonly manifest: BundleManifest,
    limits: BundleLimits,
    options: DecodeJobOptions,
    feed: (job: BundleDecodeJob) => void,
    originTrust?: TrustLookup,
  ) {
    this.reader = new ChunkReader(originTrust);
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

export interface PoolWorker {
  worker: Worker;
  signal: Int32Array;
  /** Resolves true once the worker has loaded, false if it ended first. */
  ready: Promise<boolean>;
  busy: boolean;
  /** The async session using it, told when the thread ends. */
  session: WorkerSession | null;
}

export class WorkerSession implements DecodeSession {
  readonly inWorker = true;
  private readonly reader: ChunkReader;
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
    originTrust?: TrustLookup,
  ) {
    this.reader = new ChunkReader(originTrust);
  }

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
