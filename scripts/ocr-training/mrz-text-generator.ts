// Deterministic MRZ-like text for training and measuring the MRZ OCR model.
// Lines follow the ICAO 9303 layouts (part 4 TD3 2×44, part 5 TD1 3×30, part 6 TD2 2×36)
// closely enough that the character statistics (filler runs, digit blocks, check digits,
// names) look like real documents, plus uniform random lines so every character of
// `A-Z0-9<` occurs many times, including the look-alike pairs the legacy engine confuses.

import { computeCheckDigit } from '../../electron/mrz/mrz-check-digit';

export const MRZ_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

/** Look-alike pairs measured as confusions of the stock legacy model under noise. */
const LOOK_ALIKES = ['O0', '0O', 'D0', '0D', 'Z2', '2Z', 'E5', 'C0', '1I', 'I1', '8B', 'B8', '5S', 'S5', 'Q0', 'G6'];

const NAMES = [
  'ERIKSSON', 'ANNA', 'MARIA', 'MUSTERMANN', 'ERIKA', 'DUPONT', 'JEAN', 'QUINTERO', 'ZOE',
  'OBRIEN', 'DOE', 'JOHN', 'BOUZID', 'KHALED', 'VAN<DER<BERG', 'PIETER', 'OZTURK', 'OSMAN',
  'XAVIER', 'WOJCIK', 'JOSE', 'GONZALEZ<DE<LA<CRUZ', 'YUKI', 'NAKAMURA', 'HELGA', 'BJORK',
  'IVANOVA', 'OLGA', 'SZABO', 'ZSOLT', 'DIOP', 'FATOU', 'LEQUEUX', 'CEDRIC', 'KOWALSKI', 'PIOTR',
];
const STATES = ['UTO', 'D<<', 'FRA', 'NLD', 'GBR', 'USA', 'ESP', 'POL', 'SWE', 'ZAF', 'BEL', 'CZE', 'QAT', 'OMN'];

/** mulberry32: tiny seeded PRNG so every run produces the same text and images. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

function randomString(random: Random, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/** ICAO 9303 Part 3 §4.9 check digit, as printed. */
export function checkDigit(field: string): string {
  return String(computeCheckDigit(field));
}

function padFiller(text: string, length: number): string {
  return text.length >= length ? text.slice(0, length) : text + '<'.repeat(length - text.length);
}

function randomDate(random: Random): string {
  const yy = String(Math.floor(random() * 100)).padStart(2, '0');
  const mm = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const dd = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  return yy + mm + dd;
}

function nameField(random: Random, length: number): string {
  const primary = pick(random, NAMES);
  const givens = [pick(random, NAMES)];
  if (random() < 0.4) givens.push(pick(random, NAMES));
  return padFiller(`${primary}<<${givens.join('<')}`, length);
}

function documentNumber(random: Random): string {
  // Mixed letters and digits, with look-alikes so the model sees them in context.
  const alphabet = random() < 0.5 ? LETTERS + DIGITS : DIGITS + 'OIZSBDE';
  return padFiller(randomString(random, alphabet, 6 + Math.floor(random() * 4)), 9);
}

/** TD3 (passport, 2×44), ICAO 9303 part 4 §4.2.2. */
export function td3Lines(random: Random): [string, string] {
  const state = pick(random, STATES);
  const line1 = padFiller(`P${pick(random, ['<', 'O', 'D', 'S'])}${state}${nameField(random, 39)}`, 44);
  const doc = documentNumber(random);
  const dob = randomDate(random);
  const exp = randomDate(random);
  const personal = padFiller(random() < 0.5 ? '' : randomString(random, LETTERS + DIGITS, 5 + Math.floor(random() * 9)), 14);
  const body = `${doc}${checkDigit(doc)}${pick(random, STATES)}${dob}${checkDigit(dob)}${pick(random, ['M', 'F', '<'])}${exp}${checkDigit(exp)}${personal}${checkDigit(personal)}`;
  const composite = body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43);
  return [line1, body + checkDigit(composite)];
}

/** TD1 (ID card, 3×30), ICAO 9303 part 5 §4.2.2. */
export function td1Lines(random: Random): [string, string, string] {
  const doc = documentNumber(random);
  const optional1 = padFiller(random() < 0.5 ? '' : randomString(random, LETTERS + DIGITS, 3 + Math.floor(random() * 10)), 15);
  const line1 = `I${pick(random, ['<', 'D', 'R'])}${pick(random, STATES)}${doc}${checkDigit(doc)}${optional1}`;
  const dob = randomDate(random);
  const exp = randomDate(random);
  const optional2 = padFiller(random() < 0.7 ? '' : randomString(random, DIGITS, 4), 11);
  const line2Body = `${dob}${checkDigit(dob)}${pick(random, ['M', 'F', '<'])}${exp}${checkDigit(exp)}${pick(random, STATES)}${optional2}`;
  const composite = line1.slice(5, 30) + line2Body.slice(0, 7) + line2Body.slice(8, 15) + line2Body.slice(18, 29);
  return [line1, line2Body + checkDigit(composite), nameField(random, 30)];
}

/** TD2 (2×36), ICAO 9303 part 6 §4.2.2. */
export function td2Lines(random: Random): [string, string] {
  const line1 = padFiller(`${pick(random, ['I<', 'ID', 'AC'])}${pick(random, STATES)}${nameField(random, 31)}`, 36);
  const doc = documentNumber(random);
  const dob = randomDate(random);
  const exp = randomDate(random);
  const optional = padFiller(random() < 0.6 ? '' : randomString(random, LETTERS + DIGITS, 4), 7);
  const body = `${doc}${checkDigit(doc)}${pick(random, STATES)}${dob}${checkDigit(dob)}${pick(random, ['M', 'F', '<'])}${exp}${checkDigit(exp)}${optional}`;
  const composite = body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 35);
  return [line1, body + checkDigit(composite)];
}

/** A line of uniform random characters with `<` runs and look-alike pairs mixed in. */
export function uniformLine(random: Random, length: number): string {
  let out = '';
  while (out.length < length) {
    const r = random();
    if (r < 0.15) out += '<'.repeat(1 + Math.floor(random() * 8));
    else if (r < 0.3) out += pick(random, LOOK_ALIKES);
    else out += randomString(random, MRZ_ALPHABET, 1);
  }
  return out.slice(0, length);
}

/** One MRZ line of a random layout, for measuring: a mix of real layouts and uniform lines. */
export function randomMrzLine(random: Random): string {
  const r = random();
  if (r < 0.3) return pick(random, td3Lines(random));
  if (r < 0.5) return pick(random, td1Lines(random));
  if (r < 0.7) return pick(random, td2Lines(random));
  return uniformLine(random, pick(random, [30, 36, 44]));
}

/** Training text: whole documents (lines kept together) interleaved with uniform lines. */
export function trainingLines(random: Random, count: number): string[] {
  const lines: string[] = [];
  while (lines.length < count) {
    const r = random();
    if (r < 0.2) lines.push(...td3Lines(random));
    else if (r < 0.35) lines.push(...td1Lines(random));
    else if (r < 0.5) lines.push(...td2Lines(random));
    else lines.push(uniformLine(random, pick(random, [30, 36, 44])));
  }
  return lines.slice(0, count);
}
