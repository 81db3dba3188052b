// Captures from the device bridge become examinations: on the officer's request (examination:scan)
// and when a device delivers one by itself (hot folder, serial MRZ reader). Progress goes out as
// examination:onProgress events; a capture's staged files are removed once the examination holds
// its images.
import type { EventBus } from '../common/event-bus';
import type { Examination, Officer } from '../contract/examination.contract';
import { discardStagedCapture } from '../store';
import type { Capture } from '../../native/bridge-client';
import type { CaptureInput, ExaminationService, ProgressListener } from './examination.service';

/** What the examination domain needs of the device bridge. */
export interface CaptureSource {
  capture(deviceId: string): Promise<Capture>;
  on(event: 'capture', listener: (capture: Capture) => void): unknown;
}

export class DeviceCaptures {
  constructor(
    private readonly examinations: ExaminationService,
    private readonly devices: CaptureSource,
    private readonly captureDir: string,
    private readonly events: EventBus,
  ) {}

  progress(operation: string): ProgressListener {
    return (stage, message, fraction) => this.events.emit('examination:onProgress', { operation, stage, message, fraction, done: stage === 'done' });
  }

  /** Captures from a device and examines the capture. */
  async scan(deviceId: string, officer: Officer): Promise<Examination> {
    this.progress(`scan:${deviceId}`)('capture', 'Capturing from the device', 0);
    return this.examine(await this.devices.capture(deviceId), officer);
  }

  async examine(capture: Capture, officer: Officer): Promise<Examination> {
    const input: CaptureInput = { source: capture.deviceId, images: capture.images.map((i) => ({ light: i.light, path: i.path })), ...(capture.mrzText ? { mrzText: capture.mrzText } : {}) };
    const exam = await this.examinations.examine(input, officer, this.progress(`scan:${capture.deviceId}`));
    discardStagedCapture(this.captureDir, input.images.map((i) => i.path));
    return exam;
  }

  /** Devices that capture on their own start an examination under the officer signed in. */
  examineDeliveries(currentOfficer: () => Officer | null): void {
    this.devices.on('capture', (capture: Capture) => {
      const operation = `scan:${capture.deviceId}`;
      const officer = currentOfficer();
      if (!officer) {
        this.events.emit('examination:onProgress', { operation, stage: 'error', message: 'A document arrived, but nobody is signed in', error: 'Sign in, then scan again.', done: true });
        return;
      }
      this.examine(capture, officer).then(
        (exam) => this.events.emit('examination:onCreated', { id: exam.id }),
        (err: unknown) => this.events.emit('examination:onProgress', { operation, stage: 'error', message: 'The examination failed', error: String((err as Error).message ?? err), done: true }),
      );
    });
  }
}
