// Plausible falsified data values: what a forger changes to make a document fit another person or
// extend its life. Each change keeps the field's format so it passes a casual look.
import { SURNAMES } from './holder-names.data';
import type { HolderData } from './holder-data';
import type { Rng } from './prng';
import { REFERENCE_DATE, addYears, toDayNumber, type Ymd } from './specimen-dates';

export type AlterableField = 'documentNumber' | 'surname' | 'birthDate' | 'expiryDate';

const SERIAL_CHARS = 'CFGHJKLMNPRTVWXYZ0123456789';

/** One or two characters replaced, as when a number is scratched and re-typed. */
export function alterDocumentNumber(rng: Rng, number: string): string {
  const chars = number.split('');
  const changes = rng.int(1, 2);
  for (let n = 0; n < changes; n++) {
    const i = rng.int(1, chars.length - 1);
    const was = chars[i] as string;
    const pool = (/\d/.test(was) ? '0123456789' : SERIAL_CHARS).split('').filter((c) => c !== was);
    chars[i] = rng.pick(pool);
  }
  return chars.join('');
}

export function alterSurname(rng: Rng, surname: string): string {
  return rng.pick(SURNAMES.filter((s) => s !== surname));
}

/** A birth date some years off (older or younger), still before the issue date. */
export function alterBirth(rng: Rng, data: HolderData): Ymd {
  for (;;) {
    const years = rng.int(2, 9) * (rng.chance(0.5) ? 1 : -1);
    const birth = addYears(data.birth, years);
    if (toDayNumber(birth) < toDayNumber(data.issue) - 365) return birth;
  }
}

/** An expiry date pushed into the future: the classic life extension of an expired document. */
export function alterExpiry(rng: Rng, data: HolderData): Ymd {
  const base = toDayNumber(data.expiry) < toDayNumber(REFERENCE_DATE) ? REFERENCE_DATE : data.expiry;
  return addYears(base, rng.int(1, 5));
}
