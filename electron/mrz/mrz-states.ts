// Issuing state / nationality codes, ICAO 9303 Part 3 §5: ISO 3166-1 alpha-3 plus the codes
// reserved for other issuing authorities. The `mrz` package carries the ISO list and most special
// codes; it lacks the specimen code UTO ("Utopia", used in every worked example of Parts 4–7).
import { states } from 'mrz';

/** Codes added on top of the `mrz` package list, with their meaning. */
export const EXTRA_STATE_CODES: Readonly<Record<string, string>> = {
  UTO: 'Utopia (ICAO specimen)',
  UTS: 'Utopia (specimen, alternative code)',
  XDC: 'Southern African Development Community (SADC)',
};

/** Codes that only appear on specimens: a real document carrying them is suspicious. */
export const SPECIMEN_STATE_CODES: ReadonlySet<string> = new Set(['UTO', 'UTS']);

/** The code as it appears in the MRZ: 1–3 letters padded with '<' (Germany is 'D<<'). */
export function stateName(code: string): string | null {
  const key = code.replace(/<+$/, '');
  return EXTRA_STATE_CODES[key] ?? (states as Record<string, string>)[key] ?? null;
}

export function isKnownStateCode(code: string): boolean {
  return stateName(code) !== null;
}
