import { describe, expect, it } from 'vitest';
import { readMrzText } from '../../../electron/mrz';
import type { CharCandidates } from '../../../electron/mrz';
import { BEFORE_EXPIRY, replaceAt, TD1, TD2, TD3, td3Line2 } from './mrz-specimens';

const ocr = (lines: string[], candidates?: CharCandidates[][]) =>
  readMrzText(lines, { source: 'ocr', now: BEFORE_EXPIRY, ...(candidates ? { candidates } : {}) });

/** OCR candidates for typed lines: every character certain, except the given alternatives. */
function candidatesFor(lines: string[], alts: { line: number; column: number; conf: number; alternatives: { char: string; conf: number }[] }[]): CharCandidates[][] {
  const out = lines.map((l) => [...l].map((char) => ({ char, conf: 0.99 }) as CharCandidates));
  for (const a of alts) out[a.line]![a.column] = { char: lines[a.line]![a.column]!, conf: a.conf, alternatives: a.alternatives };
  return out;
}

describe('look-alike repair', () => {
  it('repairs O read for 0 in a date, and says so', () => {
    const r = ocr([TD3[0]!, TD3[1]!.replace('740812', '74O812')]);
    expect(r).toMatchObject({ valid: true, repaired: true, lines: TD3 });
    expect(r.corrections).toEqual([{ line: 1, column: 15, read: 'O', corrected: '0', reason: expect.stringContaining('numeric field') }]);
  });

  it('does not guess from look-alikes alone when a chance match is likely', () => {
    // Without OCR confidences, ~7 hypotheses against one independent check digit: inconclusive.
    const good = td3Line2('X12345678');
    const bad = [TD3[0]!, good.replace('5', 'S')];
    const r = ocr(bad);
    expect(r).toMatchObject({ valid: false, lines: bad, corrections: [] });
    expect(r.findings.map((f) => f.code)).toContain('repair-inconclusive');
  });

  it('repairs S read for 5 in a document number when the OCR doubted it and the check digits agree', () => {
    const good = td3Line2('X12345678');
    const bad = [TD3[0]!, good.replace('5', 'S')];
    const r = ocr(bad, candidatesFor(bad, [{ line: 1, column: 5, conf: 0.6, alternatives: [{ char: '5', conf: 0.3 }] }]));
    expect(r).toMatchObject({ valid: true, repaired: true });
    expect(r.lines[1]).toBe(good);
    expect(r.corrections).toEqual([{ line: 1, column: 5, read: 'S', corrected: '5', reason: expect.stringContaining('check digit') }]);
    expect(r.findings.find((f) => f.code === 'repair-residual-risk')?.message).toMatch(/Document number, Composite/);
  });

  it('leaves an ambiguous case invalid: D→O and S→5 fix the TD2 check digits equally well', () => {
    const bad = [TD2[0]!, replaceAt(TD2[1]!, 5, 'S')]; // D2314S890: the specimen's 5 read as S
    const r = ocr(bad);
    expect(r.valid).toBe(false);
    expect(r.lines).toEqual(bad);
    expect(r.corrections).toEqual([]);
    expect(r.findings.find((f) => f.code === 'ambiguous-repair')?.message).toMatch(/position 1 → 'O'.*position 6 → '5'|position 6 → '5'.*position 1 → 'O'/);
  });

  it('lets the OCR alternatives break the tie', () => {
    const bad = [TD2[0]!, replaceAt(TD2[1]!, 5, 'S')];
    const cands = candidatesFor(bad, [{ line: 1, column: 5, conf: 0.55, alternatives: [{ char: '5', conf: 0.45 }] }]);
    const r = ocr(bad, cands);
    expect(r).toMatchObject({ valid: true, lines: TD2 });
    expect(r.corrections).toEqual([expect.objectContaining({ line: 1, column: 5, read: 'S', corrected: '5' })]);
  });

  it('never "repairs" a wrong check digit that no look-alike explains', () => {
    const bad = [TD3[0]!, replaceAt(TD3[1]!, 9, '1')]; // document number check digit 6 → 1
    const r = ocr(bad);
    expect(r.valid).toBe(false);
    expect(r.lines).toEqual(bad);
    expect(r.corrections).toEqual([]);
    expect(r.findings).toContainEqual(expect.objectContaining({ code: 'check-digit', field: 'documentNumberCheckDigit' }));
  });

  it('refuses to guess from the composite alone over a wide field (TD1 optional data)', () => {
    const bad = [replaceAt(TD1[0]!, 16, 'O'), TD1[1]!, TD1[2]!].map((l, i) => (i === 0 ? l.replace('<<<<<<<<<<<<<<<', 'AB1O2C3D4<<<<<<') : l));
    const r = ocr(bad);
    expect(r.valid).toBe(false);
    expect(r.corrections).toEqual([]);
  });

  it('fixes a check digit read as a letter', () => {
    const r = ocr([TD3[0]!, replaceAt(TD3[1]!, 19, 'Z')]); // birth date check digit 2 read as Z
    expect(r).toMatchObject({ valid: true, lines: TD3 });
    expect(r.corrections[0]).toMatchObject({ line: 1, column: 19, read: 'Z', corrected: '2' });
  });

  it('repairs a state code only when exactly one known code looks alike', () => {
    const r = ocr([TD3[0]!.replace('P<UTO', 'P<UT0'), TD3[1]!]);
    expect(r).toMatchObject({ valid: true, lines: TD3 });
    expect(r.corrections[0]).toMatchObject({ line: 0, column: 4, read: '0', corrected: 'O' });
  });

  it('turns K/L read in the filler run after the name back into fillers', () => {
    const r = ocr([TD3[0]!.replace('MARIA<<<<<<<<<<<', 'MARIA<<LLLLKKKK<'), TD3[1]!]);
    expect(r).toMatchObject({ valid: true, lines: TD3 });
    expect(r.corrections).toHaveLength(8);
  });

  it('does not repair typed text unless asked', () => {
    const bad = [TD3[0]!, TD3[1]!.replace('740812', '74O812')];
    const typed = readMrzText(bad, { source: 'text', now: BEFORE_EXPIRY });
    expect(typed).toMatchObject({ valid: false, repaired: false, lines: bad });
    expect(typed.findings).toContainEqual(expect.objectContaining({ code: 'character-class', line: 1, start: 15 }));
    const asked = readMrzText(bad, { source: 'text', now: BEFORE_EXPIRY, repair: true });
    expect(asked).toMatchObject({ valid: true, repaired: true, lines: TD3 });
  });

  it('never changes more than three characters', () => {
    // Four look-alike errors in one document number: beyond the limits, left as read.
    const good = td3Line2('X12345678');
    const bad = [TD3[0]!, good.replace('X12345678', 'XIZ3A5678')];
    const r = ocr(bad);
    expect(r.valid).toBe(false);
    expect(r.lines).toEqual(bad);
    expect(r.corrections.filter((c) => c.reason.includes('check-digit repair')).length).toBeLessThanOrEqual(3);
  });
});
