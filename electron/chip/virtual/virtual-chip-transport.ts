// The software chip behind the reader's ApduTransport, in memory. Tests can lift the document off
// the reader (every command then fails with CardRemoved until it is put back, which powers the
// chip on afresh), or make it stop answering.
import type { ApduTransport } from '../apdu/apdu-transport';
import { ChipError } from '../chip-error';
import type { VirtualChip } from './virtual-chip';

export class VirtualChipTransport implements ApduTransport {
  private present = true;
  private removeAfter: number | null = null;
  private silent = false;
  /** Commands transmitted, in order. */
  count = 0;

  constructor(readonly chip: VirtualChip) {
    chip.powerOn();
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    if (!this.present) throw new ChipError('CardRemoved', 'The document was taken off the reader.');
    if (this.removeAfter !== null && this.removeAfter-- <= 0) {
      this.removeAfter = null;
      this.remove();
      throw new ChipError('CardRemoved', 'The document was taken off the reader.');
    }
    this.count++;
    if (this.silent) throw new ChipError('Timeout', 'The chip did not answer in time.');
    const answer = this.chip.process(command);
    if (answer.length === 0) throw new ChipError('NoChipAnswer', 'The chip did not answer.');
    return answer;
  }

  /** The document leaves the field: the chip loses power. */
  remove(): void {
    this.present = false;
    this.chip.powerOff();
  }

  /** The document comes back: the chip powers on (its sessions are gone). */
  insert(): Uint8Array {
    this.present = true;
    return this.chip.powerOn();
  }

  /** Lifts the document after `commands` more commands (the next one fails). */
  removeAfterCommands(commands: number): void {
    this.removeAfter = commands;
  }

  /** The chip stops answering (every command times out) until told otherwise. */
  setSilent(silent: boolean): void {
    this.silent = silent;
  }
}
