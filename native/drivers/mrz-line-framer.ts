// Frames the byte stream of a serial MRZ reader into complete MRZs. Readers send each MRZ line
// terminated by CR and/or LF; many wrap the whole MRZ in STX (0x02) ... ETX (0x03). An MRZ is
// 3 lines of 30 (TD1), 2 of 36 (TD2, MRV-B) or 2 of 44 (TD3, MRV-A) characters from
// [A-Z0-9<] (ICAO 9303 part 3 §4.3, parts 4–7 for the layouts).
const STX = 0x02;
const ETX = 0x03;
const LINE = /^[A-Z0-9<]+$/;
const LINES_PER_LENGTH: Record<number, number> = { 30: 3, 36: 2, 44: 2 };
/** A reader that never sends a terminator must not grow the buffer forever. */
const MAX_PENDING = 4096;

export class MrzLineFramer {
  private pending = '';
  private run: string[] = [];

  /** Feeds bytes; returns every MRZ completed by them, each as its lines. */
  push(chunk: Uint8Array): string[][] {
    const out: string[][] = [];
    for (const byte of chunk) {
      if (byte === STX) {
        this.pending = '';
        this.run = [];
      } else if (byte === ETX || byte === 0x0d || byte === 0x0a) {
        this.endLine(out);
      } else {
        this.pending += String.fromCharCode(byte);
        if (this.pending.length > MAX_PENDING) this.pending = '';
      }
    }
    return out;
  }

  private endLine(out: string[][]): void {
    const line = this.pending.trim();
    this.pending = '';
    if (line === '') return;
    const wanted = LINES_PER_LENGTH[line.length];
    if (!wanted || !LINE.test(line)) {
      this.run = [];
      return;
    }
    if (this.run.length > 0 && this.run[0]?.length !== line.length) this.run = [];
    this.run.push(line);
    if (this.run.length === wanted) {
      out.push(this.run);
      this.run = [];
    }
  }
}
