// The bundle-decoding worker thread: inflates a verified payload as a stream, validates every line
// (JSON, schema, content id) and posts chunks of records to the job's port while the inserting
// thread stores the previous ones; counts the records for the stores' weekly tables on the way.
// Any failure is reported on the port (a BundleError's fault, or a crash) — never left hanging.
// The consumer closes the job's port when it is done (or cancels).
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { BundleError } from './bundle-error';
import { chunkTransferList, type DecodedChunk } from './bundle-chunk';
import { BundleDecodeJob } from './bundle-decode-job';
import { inflatePayloadStream } from './bundle-inflate';
import { SIGNAL, type DecodeRequest, type DecodeWorkerData, type JobControl, type JobMessage } from './bundle-decode-protocol';

const port = parentPort;
if (!port) throw new Error('bundle-decode.worker must run in a worker thread');
const signal = new Int32Array((workerData as DecodeWorkerData).signal);

function wake(): void {
  Atomics.add(signal, SIGNAL.messages, 1);
  Atomics.notify(signal, SIGNAL.messages);
}

// However the thread ends (an error, process.exit, termination), a consumer sleeping on the signal
// learns it at once.
process.on('exit', () => {
  Atomics.store(signal, SIGNAL.ended, 1);
  wake();
});

function post(jobPort: MessagePort, message: JobMessage, transfer: ArrayBuffer[] = []): void {
  jobPort.postMessage(message, transfer);
  wake();
}

async function run(request: DecodeRequest): Promise<void> {
  const jobPort = request.port;
  let cancelled = false;
  jobPort.on('message', (control: JobControl) => {
    if (control.type === 'cancel') {
      cancelled = true;
      jobPort.close();
    }
  });
  try {
    const fault = request.testFault;
    let lines = 0;
    const job = new BundleDecodeJob(request.limits, request.options, (chunk: DecodedChunk) => {
      if (!cancelled) post(jobPort, { type: 'chunk', chunk }, chunkTransferList(chunk));
    });
    await inflatePayloadStream(request.payload, request.declared, (text) => {
      if (cancelled) throw new Error('cancelled');
      if (fault) {
        lines += text.reduce((n, byte) => n + (byte === 0x0a ? 1 : 0), 0);
        if (lines >= fault.atLine) {
          if (fault.how === 'exit') process.exit(3);
          throw new Error(`injected failure at line ${fault.atLine}`);
        }
      }
      job.push(text);
      Atomics.add(signal, SIGNAL.progress, 1);
    });
    if (cancelled) return;
    post(jobPort, { type: 'end', summary: job.end() });
  } catch (e) {
    if (cancelled) return;
    if (e instanceof BundleError) post(jobPort, { type: 'failed', fault: e.fault, message: e.message });
    else post(jobPort, { type: 'crashed', message: (e as Error).message });
  }
}

port.on('message', (request: DecodeRequest) => {
  if (request.type === 'decode') void run(request);
});
Atomics.store(signal, SIGNAL.ready, 1);
Atomics.notify(signal, SIGNAL.ready);
port.postMessage({ type: 'ready' });
