// Honest uncertainty rules of the text path, fed with OCR candidates as the image path gives them.
import { describe, expect, it } from 'vitest';
import { MrzReadingSchema } from '../../../electron/contract/mrz.contract';
import { readMrzText, settleUncertain, type CharCandidates } from '../../../electron/mrz';
import { BEFORE_EXPIRY, TD3 } from './mrz-specimens';

/** Sure candidates for every cell, with the given alternatives at some cells. */
function candidates(lines: string[], alts: Record<string, { char: string; conf: number }[]>): CharCandidates[][] {
  return lines.map((l, line) =>
    [...l].map((char, col) => {
      const a = alts[`${line}:${col}`];
      return a ? { char, conf: 1 - a.reduce((s, x) => s + x.conf, 0), alternatives: a } : { char, conf: 0.99, alternatives: [] };
    }),
  );
}

const read = (alts: Record<string, { char: string; conf: number }[]>) =>
  readMrzText(TD3, { source: 'ocr', candidates: candidates(TD3, alts), now: BEFORE_EXPIRY });

describe('uncertain characters and ambiguous readings', () => {
  it('a sure reading is valid with nothing uncertain, and per-character confidence for every cell', () => {
    const r = read({});
    expect(MrzReadingSchema.parse(r)).toEqual(r);
    expect(r.valid).toBe(true);
    expect(r.uncertain).toEqual([]);
    expect(r.charConfidence.map((l) => l.length)).toEqual([44, 44]);
  });

  it('lists a name character with a close alternative (no check digit can settle it), reading still valid', () => {
    // ERIKSSON: the I at line 0, column 7 might be a T.
    const r = read({ '0:7': [{ char: 'T', conf: 0.3 }] });
    expect(r.valid).toBe(true);
    expect(r.uncertain).toEqual([{ line: 0, column: 7, alternatives: ['T'] }]);
  });

  it('settles a protected character whose alternative breaks a check digit that holds', () => {
    // L (21) → M (22) changes the document number check digit: the check settles it.
    const r = read({ '1:0': [{ char: 'M', conf: 0.3 }] });
    expect(r.valid).toBe(true);
    expect(r.uncertain).toEqual([]);
  });

  it('refuses validity when an alternative satisfies the check digits as well (B and L weigh alike mod 10)', () => {
    const r = read({ '1:0': [{ char: 'B', conf: 0.3 }] });
    expect(r.valid).toBe(false);
    expect(r.findings.map((f) => f.code)).toContain('ambiguous-reading');
    expect(r.uncertain).toContainEqual({ line: 1, column: 0, alternatives: ['B'] });
  });

  it('typed text has full confidence and nothing uncertain', () => {
    const r = readMrzText(TD3, { source: 'text', now: BEFORE_EXPIRY });
    expect(r.uncertain).toEqual([]);
    expect(r.charConfidence.flat().every((c) => c === 1)).toBe(true);
  });

  it('settleUncertain drops a doubt that another reading confirms, and keeps one it contradicts or cannot see', () => {
    const r = read({ '0:7': [{ char: 'T', conf: 0.3 }], '0:8': [{ char: 'C', conf: 0.3 }], '0:9': [{ char: 'Z', conf: 0.3 }] });
    expect(r.uncertain.map((u) => u.column)).toEqual([7, 8, 9]);
    // The visual zone reads ERIKSSON: column 7 'I' and column 8 'K' confirmed; column 9 not legible there.
    const seen: Record<number, string | null> = { 7: 'I', 8: 'K', 9: null };
    const left = settleUncertain(r.uncertain, r.lines, (line, column) => (line === 0 ? seen[column] ?? null : null));
    expect(left.map((u) => u.column)).toEqual([9]);
  });
});
