import { describe, expect, it } from 'vitest';
import { computeCheckDigit, mrzCharValue } from '../../../electron/mrz';
import { LoupeError } from '../../../electron/common/loupe-error';

describe('computeCheckDigit (ICAO 9303 Part 3 §4.9)', () => {
  it('gives the worked examples', () => {
    expect(computeCheckDigit('740812')).toBe(2); // date of birth of the specimens: '7408122' = date + its digit
    expect(computeCheckDigit('7408122')).toBe(6);
    expect(computeCheckDigit('L898902C3')).toBe(6); // Part 4 Appendix A document number
    expect(computeCheckDigit('120415')).toBe(9);
    expect(computeCheckDigit('ZE184226B<<<<<')).toBe(1);
    expect(computeCheckDigit('L898902C3674081221204159ZE184226B<<<<<1')).toBe(0); // TD3 composite
  });

  it('values < as 0, digits at face value and A..Z as 10..35', () => {
    expect(mrzCharValue('<')).toBe(0);
    expect(mrzCharValue('7')).toBe(7);
    expect(mrzCharValue('A')).toBe(10);
    expect(mrzCharValue('Z')).toBe(35);
    expect(mrzCharValue('a')).toBeNull();
    expect(computeCheckDigit('<<<<')).toBe(0);
    expect(computeCheckDigit('A')).toBe(0); // 10 × 7 = 70
    expect(computeCheckDigit('<A')).toBe(0); // 10 × 3 = 30
    expect(computeCheckDigit('<<B')).toBe(1); // 11 × 1
    expect(computeCheckDigit('1')).toBe(7);
    expect(computeCheckDigit('<1')).toBe(3);
    expect(computeCheckDigit('<<1')).toBe(1);
    expect(computeCheckDigit('<<<1')).toBe(7); // the weights repeat
    expect(computeCheckDigit('')).toBe(0);
  });

  it('rejects characters outside the MRZ set', () => {
    expect(() => computeCheckDigit('AB-1')).toThrow(LoupeError);
  });
});
