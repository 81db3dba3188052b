// A transport that replays a worked example: each command must be exactly the expected bytes, and
// the chip's answer is the example's. Anything else fails the test at that step.
import { expect } from 'vitest';
import type { ApduTransport } from '../../../electron/chip/apdu/apdu-transport';
import { fromHex, hex } from '../../../electron/chip/bytes';

export class ScriptedTransport implements ApduTransport {
  readonly sent: string[] = [];
  private step = 0;
  constructor(private readonly script: readonly (readonly [command: string, response: string])[]) {}

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    const next = this.script[this.step++];
    this.sent.push(hex(command));
    if (!next) throw new Error(`unexpected command ${hex(command)}`);
    expect(hex(command), `command ${this.step}`).toBe(next[0].toUpperCase());
    return fromHex(next[1]);
  }

  get done(): boolean {
    return this.step === this.script.length;
  }
}

/** A random source giving fixed values in order (e.g. RND.IFD then K.IFD of Appendix D). */
export function fixedRandom(...values: string[]): (n: number) => Uint8Array {
  const queue = values.map(fromHex);
  return (n) => {
    const v = queue.shift();
    if (!v || v.length !== n) throw new Error(`no fixed random value of ${n} bytes`);
    return v;
  };
}
