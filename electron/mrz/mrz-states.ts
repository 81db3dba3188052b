// Issuing state / nationality codes, ICAO 9303 Part 3 §5: ISO 3166-1 alpha-3 plus the codes
// reserved for other issuing authorities. The `mrz` package carries the ISO list and most special
// codes; what it lacks (the specimen code UTO, "Utopia", used in every worked example of Parts 4–7)
// is in icao-states.data.ts, with the states' printed names.
import { states } from 'mrz';
import { EXTRA_STATE_CODES, ICAO_STATES, SPECIMEN_STATE_CODES } from './icao-states.data';

export { SPECIMEN_STATE_CODES };

/** The code as it appears in the MRZ: 1–3 letters padded with '<' (Germany is 'D<<'). */
export function stateName(code: string): string | null {
  const key = code.replace(/<+$/, '');
  return EXTRA_STATE_CODES[key] ?? (states as Record<string, string>)[key] ?? null;
}

export function isKnownStateCode(code: string): boolean {
  return stateName(code) !== null;
}

/**
 * The issuing states of the station's state table (icao-states.data.ts: the states whose documents
 * it knows how to read), each with its name in English — what the trust store's health compares
 * its CSCAs against.
 */
export function issuingStates(): { code: string; name: string }[] {
  return ICAO_STATES.map((s) => ({ code: s.code, name: stateName(s.code) ?? s.name }));
}
