// Check digits, ICAO 9303 Part 3 §4.9: weights 7, 3, 1 repeating; '<' = 0, 0–9 = face value,
// A–Z = 10–35; the check digit is the weighted sum modulo 10.
import { LoupeError } from '../common/loupe-error';

const WEIGHTS = [7, 3, 1] as const;

/** Numeric value of one MRZ character, or null when the character is not in the MRZ set. */
export function mrzCharValue(char: string): number | null {
  if (char.length !== 1) return null;
  if (char === '<') return 0;
  const code = char.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  return null;
}

/** Weight (7, 3 or 1) of the character at `index` within the checked data. */
export function checkWeight(index: number): number {
  return WEIGHTS[index % 3] as number;
}

/** ICAO 9303 check digit of `data` (e.g. '740812' → 2, 'L898902C3' → 6). Throws on characters outside A–Z, 0–9, '<'. */
export function computeCheckDigit(data: string): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const value = mrzCharValue(data[i] as string);
    if (value === null) {
      throw new LoupeError('mrz', 'InvalidInput', `character '${data[i]}' at index ${i} is not an MRZ character (A–Z, 0–9, <)`);
    }
    sum += value * checkWeight(i);
  }
  return sum % 10;
}

/** Like computeCheckDigit, but characters outside the MRZ set count as 0 instead of throwing (for damaged input). */
export function computeCheckDigitLenient(data: string): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += (mrzCharValue(data[i] as string) ?? 0) * checkWeight(i);
  return sum % 10;
}
