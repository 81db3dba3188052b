// Per-field verdicts for VIZ ↔ MRZ: match, mismatch (a value was read and differs), unread.
import type { Box } from '../../contract/capture.contract';
import { ICAO_STATES } from '../../mrz/icao-states.data';
import { codeDifference } from './viz-confusion';
import type { VizWord } from './viz-ocr';
import { bestOccurrence, editDistance, letters, mrzSpellings, namesAgree, showMrzDate, stripAccents, tolerance, vizDates } from './viz-compare';

/** 'doubtful': read and different, but the difference is within what noisy OCR produces (a warning, never a failure). */
export type FieldVerdict = 'match' | 'mismatch' | 'doubtful' | 'unread' | 'skipped';

export interface FieldComparison {
  field: string;
  verdict: FieldVerdict;
  mrz: string;
  viz: string | null;
  region?: Box;
}

export const VIZ_FIELDS = ['surname', 'givenNames', 'documentNumber', 'birthDate', 'expiryDate', 'sex', 'nationality'] as const;

/** Best reading of a code among the words of one OCR pass: fewest look-alike-free edits to the MRZ value. */
function bestCode(words: readonly string[], mrz: string): ReturnType<typeof codeDifference> & { text: string } {
  let best = { distance: Infinity, hardSubstitutions: Infinity, indels: Infinity, text: '' };
  const tokens = words.map((w) => w.toUpperCase().replace(/[^A-Z0-9]/g, '')).filter((w) => w.length >= 3);
  // Adjacent words too: the OCR sometimes splits a number in two.
  const candidates = [...tokens, ...tokens.slice(1).map((t, i) => tokens[i]! + t)];
  for (const text of candidates) {
    const d = codeDifference(text, mrz);
    if (d.distance < best.distance || (d.distance === best.distance && d.hardSubstitutions < best.hardSubstitutions)) best = { ...d, text };
  }
  return best;
}

/**
 * Document number from one or more independent OCR passes (word lists). An alteration replaces one
 * or two characters (forgery-data.ts), so no edit tolerance is allowed for real differences; but a
 * genuine number misread by the OCR differs too. A mismatch therefore needs every pass to have read
 * a token of the right length (no insertions/deletions) that differs in at least one character that
 * does not look alike; a pass agreeing up to look-alikes makes it a match; anything else is unread.
 */
export function compareDocumentNumber(mrzValue: string, passes: readonly (readonly string[])[]): FieldComparison {
  const mrz = mrzValue.replace(/</g, '');
  const bests = passes.map((words) => bestCode(words, mrz));
  const base = { field: 'documentNumber', mrz: mrzValue, viz: bests.find((b) => b.text)?.text ?? null };
  if (!bests.some((b) => b.text)) return { ...base, verdict: 'unread' };
  // Equal up to look-alikes in one reading; or every reading equal but for one dropped or extra
  // character (the OCR drops a trailing J, or doubles a glyph, on genuine captures).
  if (bests.some((b) => b.distance === 0) || bests.every((b) => b.hardSubstitutions === 0 && b.indels <= 1)) return { ...base, verdict: 'match' };
  const clean = bests.filter((b) => b.indels === 0 && b.hardSubstitutions >= 1 && b.hardSubstitutions <= mrz.length / 2);
  if (clean.length === passes.length) return { ...base, viz: clean[0]!.text, verdict: 'mismatch' };
  return { ...base, verdict: bests.some((b) => b.hardSubstitutions >= 1 && b.indels === 0) ? 'doubtful' : 'unread' };
}

const NATIONALITY_CODE = new Map(ICAO_STATES.map((s) => [letters(stripAccents(s.nationality)), s.code.replace(/<+$/, '')]));

/**
 * Printed names are upper case (ICAO 9303 Part 3 §3.1); label words ('Surname / Nom') and OCR noise
 * on a degraded capture are mixed case or low confidence. Only such name-like words can show a
 * different name. Confidence floor: noise words on genuine-heavy captures scored < 0.6 in most cases,
 * printed names ≥ 0.6 (bench corpus, even indices).
 */
const NAME_WORD = /^[\p{Lu}'’.-]{2,}$/u;
const NAME_CONFIDENCE = 0.6;

function compareName(field: string, mrzValue: string, text: string, words?: readonly VizWord[]): FieldComparison {
  const base = { field, mrz: mrzValue, viz: text || null };
  if (namesAgree(text, mrzValue) || namesAgree(bestOccurrence(text, mrzValue).found, mrzValue)) return { ...base, verdict: 'match' };
  const nameWords = (words ?? text.split(/\s+/).map((w) => ({ text: w, confidence: 1, symbols: [] }))).filter((w) => NAME_WORD.test(w.text) && w.confidence >= NAME_CONFIDENCE);
  const named = nameWords.map((w) => w.text).join(' ');
  const compact = letters(stripAccents(named)).replace(/ /g, '');
  const mrz = letters(mrzValue).replace(/ /g, '');
  if (compact.length < 3) return { ...base, verdict: 'unread' };
  if (namesAgree(named, mrzValue) || namesAgree(bestOccurrence(named, mrzValue).found, mrzValue)) return { ...base, verdict: 'match' };
  // The MRZ truncates long names (Part 3 §4.6): a VIZ name that starts with the MRZ value agrees.
  if (mrz.length >= 2 && compact.startsWith(mrz)) return { ...base, verdict: 'match' };
  // An altered surname is another name: most of its letters differ. A few edits are OCR noise
  // (ß read as R, Ø as D, Ü as O: distance ≤ 2 on genuine captures).
  const distance = Math.min(...mrzSpellings(named).map((v) => editDistance(v.replace(/ /g, ''), mrz)));
  const strong = distance >= Math.max(3, Math.ceil(mrz.length / 2));
  // Given names are never the target of the alterations this check is built for and are often
  // truncated or abbreviated: a difference there is a warning only.
  const verdict = strong && field === 'surname' ? 'mismatch' : distance > tolerance(mrzValue) ? 'doubtful' : 'match';
  return { ...base, viz: named, verdict };
}

/** Compares one field read from its own zone (mode with identification). */
export function compareZoneField(field: string, mrzValue: string, text: string, words?: readonly VizWord[]): FieldComparison {
  const read = letters(stripAccents(text));
  const base = { field, mrz: mrzValue, viz: text || null };
  if (!read) return { ...base, verdict: 'unread' };
  switch (field) {
    case 'surname':
    case 'givenNames':
      return compareName(field, mrzValue, text, words);
    case 'documentNumber':
      return compareDocumentNumber(mrzValue, [read.split(' ')]);
    case 'birthDate':
    case 'expiryDate': {
      const dates = vizDates(text);
      if (!dates.length) return { ...base, verdict: 'unread' };
      return { ...base, viz: dates[0]!.raw, verdict: dates.some((d) => d.yymmdd === mrzValue) ? 'match' : 'mismatch' };
    }
    case 'sex': {
      const s = read.replace(/ /g, '')[0];
      if (!s || !'MFX'.includes(s)) return { ...base, verdict: 'unread' };
      // Part 3 §4.5: unspecified sex is X in the VIZ and a filler in the MRZ.
      const expected = mrzValue === '<' || mrzValue === '' ? 'X' : mrzValue;
      // A single character is too little evidence on its own (noise reads as M/F on heavy captures).
      return { ...base, viz: s, verdict: s === expected ? 'match' : 'doubtful' };
    }
    case 'nationality': {
      if (read.replace(/ /g, '') === mrzValue.replace(/</g, '')) return { ...base, verdict: 'match' };
      const code = NATIONALITY_CODE.get(read);
      if (!code) return { ...base, verdict: 'skipped' };
      return { ...base, verdict: code === mrzValue.replace(/</g, '') ? 'match' : 'mismatch' };
    }
    default:
      return { ...base, verdict: 'skipped' };
  }
}

export function describe(c: FieldComparison): string {
  const mrz = c.field.endsWith('Date') ? showMrzDate(c.mrz) : c.mrz;
  switch (c.verdict) {
    case 'match':
      return `${c.field} agrees (${mrz})`;
    case 'mismatch':
      return `${c.field}: VIZ '${c.viz}' ≠ MRZ '${mrz}'`;
    case 'doubtful':
      return `${c.field}: VIZ read as '${c.viz}', MRZ '${mrz}' (uncertain reading)`;
    case 'unread':
      return `${c.field}: VIZ not read`;
    case 'skipped':
      return `${c.field}: not compared`;
  }
}
