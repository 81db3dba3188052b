// Entry of the bridge process: loads the drivers, answers requests, pushes events. Speaks over
// the Electron utility-process port when there is one (process.parentPort), else over the
// child_process IPC channel. Driver bugs may crash this process: the client restarts it.
import { isChipReaderDriver, type ChipReaderDriver, type Driver, type DriverContext } from './driver';
import { createDrivers } from './driver-registry';
import { CaptureSchema, ChipReaderEventSchema, DeviceError, RequestSchema, toErrorPayload } from './protocol';
import type { BridgeRequest, Capture, ChipReaderEvent, HostMessage, LogLevel } from './protocol';
import { assertNever } from '../electron/common/loupe-error';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function send(message: HostMessage): void {
  if (parentPort) parentPort.postMessage(message);
  else if (process.send && process.connected) process.send(message);
}

let drivers: Driver[] = [];
let statusQueued = false;

function queueStatus(): void {
  if (statusQueued) return;
  statusQueued = true;
  queueMicrotask(() => {
    statusQueued = false;
    send({ type: 'status', devices: drivers.map((d) => d.status()) });
  });
}

function log(level: LogLevel, message: string): void {
  send({ type: 'log', level, message });
}

function driver(id: string): Driver {
  const found = drivers.find((d) => d.id === id);
  if (!found) throw new DeviceError('NotFound', `no device "${id}"`);
  return found;
}

function chipReaderDriver(id: string): ChipReaderDriver {
  const found = driver(id);
  if (!isChipReaderDriver(found)) throw new DeviceError('InvalidInput', `"${id}" is not a chip reader`);
  return found;
}

async function handle(request: BridgeRequest): Promise<unknown> {
  switch (request.type) {
    case 'init': {
      if (drivers.length > 0) return drivers.map((d) => d.status());
      const ctx: DriverContext = {
        specimensDir: request.specimensDir,
        captureDir: request.captureDir,
        emitCapture: (capture: Capture) => send({ type: 'capture', capture: CaptureSchema.parse(capture) }),
        statusChanged: queueStatus,
        log,
        emitChipReaderEvent: (event: ChipReaderEvent) => send({ type: 'chip-reader', reader: ChipReaderEventSchema.parse(event) }),
      };
      drivers = createDrivers(ctx);
      await Promise.all(drivers.map((d) => d.start().catch((e: Error) => log('error', `${d.id} failed to start: ${e.message}`))));
      queueStatus();
      return drivers.map((d) => d.status());
    }
    case 'list':
      return drivers.map((d) => d.status());
    case 'configure':
      return driver(request.deviceId).configure(request.settings);
    case 'capture':
      return CaptureSchema.parse(await driver(request.deviceId).capture());
    case 'readers':
      return chipReaderDriver(request.deviceId).readers();
    case 'connect':
      return chipReaderDriver(request.deviceId).connect(request.reader);
    case 'transmit':
      return { response: await chipReaderDriver(request.deviceId).transmit(request.session, request.apdu, request.timeoutMs) };
    case 'disconnect':
      await chipReaderDriver(request.deviceId).disconnect(request.session);
      return { ok: true };
    case 'shutdown':
      await Promise.all(drivers.map((d) => d.stop().catch(() => undefined)));
      setTimeout(() => process.exit(0), 50);
      return { ok: true };
    default:
      return assertNever(request, 'request');
  }
}

function onMessage(raw: unknown): void {
  const parsed = RequestSchema.safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { id?: unknown } | null)?.id;
    const message = `malformed request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
    if (typeof id === 'number' && Number.isInteger(id) && id >= 0) send({ type: 'response', id, ok: false, error: { kind: 'InvalidInput', message } });
    else log('warn', message);
    return;
  }
  const request = parsed.data;
  handle(request).then(
    (result) => send({ type: 'response', id: request.id, ok: true, result }),
    (error: unknown) => send({ type: 'response', id: request.id, ok: false, error: toErrorPayload(error) }),
  );
}

if (parentPort) parentPort.on('message', (event) => onMessage(event.data));
else {
  process.on('message', onMessage);
  // The main side went away without a shutdown: do not linger as an orphan holding devices.
  process.on('disconnect', () => process.exit(0));
}
