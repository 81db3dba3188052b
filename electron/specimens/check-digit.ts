// MRZ check digits, ICAO 9303 Part 3 §4.9: weights 7, 3, 1 repeating; '<' = 0, digits at face
// value, A–Z = 10–35; the check digit is the weighted sum modulo 10.
// Kept local to the specimen generator so the generator and the MRZ reader are checked independently.

const WEIGHTS = [7, 3, 1] as const;

export function mrzCharValue(ch: string): number {
  if (ch === '<') return 0;
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  throw new RangeError(`not an MRZ character: ${JSON.stringify(ch)}`);
}

export function mrzCheckDigit(data: string): string {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += mrzCharValue(data[i] as string) * (WEIGHTS[i % 3] as number);
  return String(sum % 10);
}
