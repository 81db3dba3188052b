// Captures from the device bridge become examinations: on the officer's request (examination:scan)
// and when a device delivers one by itself (hot folder, serial MRZ reader). Progress goes out as
// examination:onProgress events; a capture's staged files are removed once the examination holds
// its images. A delivered capture that cannot be examined (a damaged file dropped into the hot
// folder) is reported when it arrives (examination:onCaptureFailed), in plain words, by the light
// and the file's own name — never by the station's staging path.
import type { EventBus } from '../common/event-bus';
import { LoupeError } from '../common/loupe-error';
import { withoutPaths } from '../common/without-paths';
import type { Light } from '../contract/capture.contract';
import { categoryOf } from '../contract/error-categories';
import type { Examination, Officer } from '../contract/examination.contract';
import { discardStagedCapture } from '../store';
import type { Capture } from '../../native/bridge-client';
import type { CaptureInput, ExaminationService, ProgressListener } from './examination.service';

/** What the examination domain needs of the device bridge. */
export interface CaptureSource {
  capture(deviceId: string): Promise<Capture>;
  on(event: 'capture', listener: (capture: Capture) => void): unknown;
}

const LIGHT_NAMES: Record<Light, string> = { white: 'white-light', ir: 'infrared', uv: 'ultraviolet' };

/** Why a delivered capture could not be examined, for the officer: what, which image, what to do. */
export function captureFailure(err: unknown, capture: Capture): { kind: string; message: string } {
  if (!(err instanceof LoupeError)) return { kind: 'Internal', message: `The capture could not be examined: ${withoutPaths(String((err as Error)?.message ?? err))}.` };
  const light = (err.details.find((d): d is { light: Light } => typeof d === 'object' && d !== null && 'light' in d) ?? null)?.light;
  const image = light ? capture.images.find((i) => i.light === light) : undefined;
  const which = light ? `The ${LIGHT_NAMES[light]} image${image?.sourceName ? ` (${withoutPaths(image.sourceName)})` : ''}` : 'The capture';
  const category = categoryOf(err.domain, err.kind);
  switch (category) {
    case 'unsupported':
      return { kind: err.kind, message: `${which} could not be read: the file is damaged, not an image, or was still being written. Nothing was stored.` };
    case 'too-large':
      return { kind: err.kind, message: `${which} is too large to examine. Nothing was stored.` };
    case 'not-found':
      return { kind: err.kind, message: `${which} was gone before it could be read. Nothing was stored.` };
    default:
      return { kind: err.kind, message: `${which} could not be examined: ${withoutPaths(err.message)}.` };
  }
}

export class DeviceCaptures {
  constructor(
    private readonly examinations: ExaminationService,
    private readonly devices: CaptureSource,
    private readonly captureDir: string,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
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
        (err: unknown) => {
          const failure = captureFailure(err, capture);
          this.events.emit('examination:onProgress', { operation, stage: 'error', message: 'The examination failed', error: failure.message, done: true });
          this.events.emit('examination:onCaptureFailed', { deviceId: capture.deviceId, ...failure, at: this.now().toISOString() });
        },
      );
    });
  }
}
