import type { MrzSource } from '../contract/mrz.contract';

/** What the OCR saw at one column of one line: its choice and, optionally, the runners-up. conf in 0..1. */
export interface CharCandidates {
  char: string;
  conf: number;
  alternatives?: { char: string; conf: number }[];
}

export interface ReadMrzTextOptions {
  source: MrzSource;
  /** Per line, per column, aligned with `lines` as given. */
  candidates?: CharCandidates[][];
  /** Overall confidence 0..1; defaults to the mean character confidence, or 1 for typed text. */
  confidence?: number;
  /** Reference time for the expiry warning; default: now. */
  now?: Date;
  /** Look-alike repair; default on for OCR and serial readers, off for typed text. */
  repair?: boolean;
}
