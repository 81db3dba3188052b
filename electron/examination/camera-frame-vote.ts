// Multi-frame voting for the camera used as a scanner. One webcam frame is a poor scan (blur, glare,
// low resolution), but successive frames err in different places: each character of the MRZ is
// voted on across the frames that read the same layout, and the reading is kept only when every
// character has at least `needed` frames behind it AND the voted lines' check digits verify
// (ICAO 9303 Part 3 §4.9). Pure: readings → vote.
import type { MrzLayoutFormat, MrzReading } from '../contract/mrz.contract';
import { readMrzText } from '../mrz';

/** What one frame contributed: its reading (null when no MRZ was found) and its sharpness. */
export interface FrameReading {
  reading: MrzReading | null;
  sharpness: number;
}

export interface FrameVote {
  /** The layout most frames read; null when no frame read one. */
  format: MrzLayoutFormat | null;
  /** Frames that read that layout (the electorate). */
  voters: number;
  /** The winning character of every cell. Empty when no frame read a layout. */
  lines: string[];
  /** Per line, per character: how many frames voted for the winner. */
  votes: number[][];
  /** The fewest votes any winning character has: the weakest link of the reading. */
  agreeing: number;
  /** Every check digit of the voted lines verifies. */
  checkDigitsHold: boolean;
  /** `agreeing ≥ needed` and the check digits verify: the reading can be kept. */
  ready: boolean;
}

const shape = (r: MrzReading): string => `${r.format}:${r.lines.map((l) => l.length).join('/')}`;

export function voteFrames(frames: readonly FrameReading[], needed: number, now = new Date()): FrameVote {
  const read = frames.map((f) => f.reading).filter((r): r is MrzReading => r !== null && r.format !== null && r.lines.length > 0);
  const empty: FrameVote = { format: null, voters: 0, lines: [], votes: [], agreeing: 0, checkDigitsHold: false, ready: false };
  if (read.length === 0) return empty;
  // The layout most frames agree on (ties: the latest frame's), and only the frames that read it.
  const tally = new Map<string, number>();
  for (const r of read) tally.set(shape(r), (tally.get(shape(r)) ?? 0) + 1);
  const top = Math.max(...tally.values());
  const winner = [...read].reverse().find((r) => tally.get(shape(r)) === top)!;
  const voters = read.filter((r) => shape(r) === shape(winner));
  const lines: string[] = [];
  const votes: number[][] = [];
  winner.lines.forEach((text, line) => {
    let out = '';
    const row: number[] = [];
    for (let col = 0; col < text.length; col++) {
      const counts = new Map<string, number>();
      for (const r of voters) {
        const ch = r.lines[line]![col]!;
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
      }
      // Ties go to the latest frame's character (the document as it is held now).
      const best = Math.max(...counts.values());
      const ch = [...voters].reverse().map((r) => r.lines[line]![col]!).find((c) => counts.get(c) === best)!;
      out += ch;
      row.push(best);
    }
    lines.push(out);
    votes.push(row);
  });
  const agreeing = Math.min(...votes.flat());
  const checked = readMrzText(lines, { source: 'text', repair: false, now });
  const checkDigitsHold = checked.format !== null && !checked.findings.some((f) => f.code === 'check-digit' || f.code === 'unknown-layout');
  return { format: winner.format, voters: voters.length, lines, votes, agreeing, checkDigitsHold, ready: agreeing >= needed && checkDigitsHold };
}

/**
 * The frame to keep as the white-light capture: the sharpest of the frames whose own reading is the
 * voted one; when none reads it whole, the sharpest frame of the voted layout. Null without a vote.
 */
export function sharpestAgreeingFrame<F extends FrameReading>(frames: readonly F[], vote: FrameVote): { frame: F; exact: boolean } | null {
  if (vote.format === null) return null;
  const same = (r: MrzReading | null): boolean => r !== null && r.format === vote.format && r.lines.length === vote.lines.length && r.lines.every((l, i) => l.length === vote.lines[i]!.length);
  const exact = frames.filter((f) => f.reading && f.reading.lines.join('\n') === vote.lines.join('\n') && same(f.reading));
  const pool = exact.length > 0 ? exact : frames.filter((f) => same(f.reading));
  if (pool.length === 0) return null;
  const frame = pool.reduce((a, b) => (b.sharpness > a.sharpness ? b : a));
  return { frame, exact: exact.length > 0 };
}
