// MRZ check digits for the generator: the one implementation of ICAO 9303 Part 3 §4.9 in electron/mrz,
// as the single character the MRZ prints.
import { computeCheckDigit } from '../mrz/mrz-check-digit';

export function mrzCheckDigit(data: string): string {
  return String(computeCheckDigit(data));
}
