// Bounds every exchange with the chip: a chip that does not answer in time gives a Timeout the
// officer understands instead of a hang. (The driver underneath should cancel the pending
// transmission when it can; PC/SC readers time out on their own as well.)
import type { ApduTransport } from '../apdu/apdu-transport';
import { ChipError } from '../chip-error';

export class TimeoutTransport implements ApduTransport {
  constructor(
    private readonly inner: ApduTransport,
    private readonly timeoutMs: number,
  ) {}

  transmit(command: Uint8Array): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => reject(new ChipError('Timeout', 'The chip did not answer in time.')), this.timeoutMs);
      this.inner.transmit(command).then(
        (answer) => {
          clearTimeout(timer);
          resolve(answer);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }
}
