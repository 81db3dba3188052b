// The personal and document data of one specimen: plausible, internally consistent, seeded.
import type { MrzFormat } from '../contract/mrz.contract';
import { ICAO_STATES, type IcaoState } from '../mrz/icao-states.data';
import { GIVEN_NAMES_F, GIVEN_NAMES_M, SURNAMES } from './holder-names.data';
import type { Rng } from './prng';
import { REFERENCE_DATE, addDays, addYears, fromDayNumber, toDayNumber, type Ymd } from './specimen-dates';

export type Sex = 'M' | 'F' | '<';

export interface HolderData {
  /** Two MRZ characters, e.g. 'P<', 'ID', 'V<'. */
  documentCode: string;
  issuer: IcaoState;
  nationality: IcaoState;
  surname: string;
  givenNames: string;
  sex: Sex;
  birth: Ymd;
  issue: Ymd;
  expiry: Ymd;
  placeOfBirth: string;
  authority: string;
  /** Up to 9 characters, letters and digits. */
  documentNumber: string;
  /** Optional data in MRZ characters (no trailing fillers); optional2 only in TD1. */
  optional1: string;
  optional2: string;
  visa: { entries: string; durationDays: number } | null;
}

// Letters that are hard to confuse with digits, as many issuers restrict their serial alphabets.
const SERIAL_LETTERS = 'CFGHJKLMNPRTVWXYZ';
const DIGITS = '0123456789';

function serial(rng: Rng, length: number): string {
  let out = rng.pick(SERIAL_LETTERS.split(''));
  for (let i = 1; i < length; i++) out += rng.chance(0.3) ? rng.pick(SERIAL_LETTERS.split('')) : rng.pick(DIGITS.split(''));
  return out;
}

function digits(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String(rng.int(0, 9));
  return out;
}

function givenNames(rng: Rng, sex: Sex): string {
  const pool = sex === 'F' ? GIVEN_NAMES_F : sex === 'M' ? GIVEN_NAMES_M : rng.chance(0.5) ? GIVEN_NAMES_F : GIVEN_NAMES_M;
  const count = rng.chance(0.55) ? 1 : rng.chance(0.7) ? 2 : 3;
  const names: string[] = [];
  while (names.length < count) {
    const name = rng.pick(pool);
    if (!names.includes(name)) names.push(name);
  }
  return names.join(' ');
}

function isVisa(format: MrzFormat): boolean {
  return format === 'MRVA' || format === 'MRVB';
}

/** Optional data widths per layout: Part 4 (TD3 14), Part 5 (TD1 15 + 11), Part 6 (TD2 7), Part 7 (16 / 8). */
const OPTIONAL_WIDTH: Record<MrzFormat, [number, number]> = { TD3: [14, 0], TD1: [15, 11], TD2: [7, 0], MRVA: [16, 0], MRVB: [8, 0] };

export function generateHolder(rng: Rng, format: MrzFormat, documentCodes: readonly string[]): HolderData {
  const issuer = rng.pick(ICAO_STATES);
  // Visas are issued to foreigners; passports and cards mostly to the issuer's own nationals.
  const foreign = isVisa(format) || (format !== 'TD3' && rng.chance(0.15));
  let nationality = foreign ? rng.pick(ICAO_STATES) : issuer;
  while (isVisa(format) && nationality.code === issuer.code) nationality = rng.pick(ICAO_STATES);
  const sex: Sex = rng.chance(0.04) ? '<' : rng.chance(0.5) ? 'F' : 'M';

  const reference = toDayNumber(REFERENCE_DATE);
  const birth = fromDayNumber(rng.int(toDayNumber({ y: 1930, m: 1, d: 1 }), reference - 365));
  const ageYears = (reference - toDayNumber(birth)) / 365.25;
  // Minors' passports usually run 5 years, adults' 10; cards 10; visas days to a year.
  const validityYears = isVisa(format) ? 0 : ageYears < 24 ? 5 : rng.chance(0.8) ? 10 : 5;
  const expired = rng.chance(0.12);
  const window = validityYears > 0 ? validityYears * 365 : 365;
  const issuedDaysAgo = expired ? rng.int(window + 10, window + 1500) : rng.int(10, window - 20);
  let issueDay = Math.max(reference - issuedDaysAgo, toDayNumber(birth) + 14);
  if (issueDay > reference) issueDay = reference;
  const issue = fromDayNumber(issueDay);
  const visaDays = rng.pick([30, 90, 180, 365]);
  const expiry = validityYears > 0 ? addDays(addYears(issue, validityYears), -1) : addDays(issue, visaDays);

  const [width1, width2] = OPTIONAL_WIDTH[format];
  const optional1 = rng.chance(0.4) ? (rng.chance(0.5) ? digits(rng, Math.min(width1, rng.int(6, 12))) : `${serial(rng, 3)}${digits(rng, 4)}`.slice(0, width1)) : '';
  const optional2 = width2 > 0 && rng.chance(0.3) ? digits(rng, rng.int(4, width2)) : '';
  const authorityTown = rng.pick(issuer.towns);

  return {
    documentCode: rng.chance(0.8) ? (documentCodes[0] as string) : rng.pick(documentCodes),
    issuer,
    nationality,
    surname: rng.pick(SURNAMES),
    givenNames: givenNames(rng, sex),
    sex,
    birth,
    issue,
    expiry,
    placeOfBirth: rng.pick(nationality.towns),
    authority: isVisa(format) ? `CONSULATE ${authorityTown}` : `${rng.pick(['', '', 'PREF. ', 'MUN. '])}${authorityTown}`,
    documentNumber: rng.chance(0.1) ? serial(rng, 8) : serial(rng, 9),
    optional1,
    optional2,
    visa: isVisa(format) ? { entries: rng.pick(['1', '2', 'MULT']), durationDays: Math.min(visaDays, rng.pick([15, 30, 90])) } : null,
  };
}
