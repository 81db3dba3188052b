// Messages between the bundle-decoding pool and its worker threads. A job has its own
// MessageChannel; every message the worker sends on it is followed by a bump of a shared counter,
// so an inserting thread that must stay synchronous (the station's SQLite transaction) can sleep
// on Atomics.wait and take messages with receiveMessageOnPort, without running its event loop.
import type { MessagePort } from 'node:worker_threads';
import type { ExchangeErrorKind } from '../contract/exchange.errors';
import type { BundleLimits } from './bundle-error';
import type { DecodedChunk } from './bundle-chunk';
import type { DecodeJobOptions, DecodeSummary } from './bundle-decode-job';

/** Slots of a worker's shared Int32Array. */
export const SIGNAL = {
  /** Bumped after every message the worker posts on a job port. */
  messages: 0,
  /** Bumped as lines are decoded (a stalled worker is one whose progress stops). */
  progress: 1,
  /** Set when the worker thread ends. */
  ended: 2,
  /** Set when the worker has loaded and waits for jobs. */
  ready: 3,
} as const;
export const SIGNAL_SLOTS = 4;

/** Fault injection for tests: the worker throws, or its thread exits, at a line. */
export interface DecodeTestFault {
  atLine: number;
  how: 'throw' | 'exit';
}

/** Pool → worker (on the worker's parent port). */
export interface DecodeRequest {
  type: 'decode';
  payload: Uint8Array;
  declared: number;
  limits: BundleLimits;
  options: DecodeJobOptions;
  port: MessagePort;
  testFault?: DecodeTestFault;
}

/** Worker → consumer (on the job port). */
export type JobMessage =
  | { type: 'chunk'; chunk: DecodedChunk }
  | { type: 'end'; summary: DecodeSummary }
  | { type: 'failed'; fault: ExchangeErrorKind; message: string }
  | { type: 'crashed'; message: string };

/** Consumer → worker (on the job port): stop (the consumer no longer reads). */
export type JobControl = { type: 'cancel' };

/** Startup data of a worker. */
export interface DecodeWorkerData {
  signal: SharedArrayBuffer;
}
