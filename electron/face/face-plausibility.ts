// Age and sex plausibility of a face against the MRZ: hints for the officer, never a failure (age
// estimates are off by ±10 years routinely, and the MRZ sex marker is not a statement about
// appearance). Applied to the holder's live capture and to the document's own portraits (printed,
// chip): a young woman's portrait in the passport of a man born in 1956 is a sign of photo
// substitution however genuine the paper. Pure: no I/O.
import { birthDate, expiryDate, type MrzDate } from '../mrz/mrz-dates';

/** Estimated age may differ from the age by the date of birth by this much before a hint is given. */
export const AGE_TOLERANCE_YEARS = 15;
/** Sex estimate confidence needed before a disagreement with the MRZ is mentioned. */
export const SEX_MIN_PROBABILITY = 0.9;
/**
 * Longest validity of a travel document: its portrait was taken no earlier than this many years
 * before it expires (ten years for adults' passports in most states; a longer validity would only
 * widen the window, never make a hint appear).
 */
export const MAX_VALIDITY_YEARS = 10;

/** Whole years from `birth` to `on`. */
function yearsOn(birth: MrzDate, on: Date): number {
  let age = on.getUTCFullYear() - birth.year;
  if (on.getUTCMonth() + 1 < birth.month || (on.getUTCMonth() + 1 === birth.month && on.getUTCDate() < birth.day)) age--;
  return age;
}

export function ageAt(birth: string, now: Date): number | null {
  const d = birthDate(birth, now);
  return d ? yearsOn(d, now) : null;
}

export interface FaceEstimate {
  estimatedAge: number | null;
  estimatedSex: 'M' | 'F' | null;
  sexProbability: number;
}

export interface MrzPersonal {
  birthDate?: string | null;
  sex?: string | null;
  /** For a document portrait: when the document expires bounds when its portrait was taken. */
  expiryDate?: string | null;
}

/**
 * The ages the holder can have had in the face: now, for a live capture; for a document portrait,
 * any age from when the document can have been issued (its expiry less the longest validity, never
 * before birth) to now.
 */
export function expectedAges(mrz: MrzPersonal, now: Date, documentPortrait: boolean): { min: number; max: number } | null {
  // The century is inferred once, against now: the date of birth lies in the past.
  const birth = mrz.birthDate ? birthDate(mrz.birthDate, now) : null;
  if (!birth) return null;
  const age = yearsOn(birth, now);
  if (!documentPortrait) return { min: age, max: age };
  const expiry = mrz.expiryDate ? expiryDate(mrz.expiryDate, now) : null;
  const earliest = expiry ? Date.UTC(expiry.year - MAX_VALIDITY_YEARS, expiry.month - 1, expiry.day) : Date.UTC(now.getUTCFullYear() - MAX_VALIDITY_YEARS, now.getUTCMonth(), now.getUTCDate());
  const atIssue = yearsOn(birth, new Date(Math.min(earliest, now.getTime())));
  return { min: Math.max(0, Math.min(age, atIssue)), max: age };
}

export function plausibilityHints(face: FaceEstimate, mrz: MrzPersonal, now: Date, who = 'live capture', documentPortrait = false): string[] {
  const hints: string[] = [];
  const ages = expectedAges(mrz, now, documentPortrait);
  if (ages && face.estimatedAge !== null && (face.estimatedAge < ages.min - AGE_TOLERANCE_YEARS || face.estimatedAge > ages.max + AGE_TOLERANCE_YEARS)) {
    const given =
      ages.min === ages.max
        ? `the date of birth gives ${ages.max}`
        : `the date of birth gives ${ages.min}–${ages.max} for a portrait taken while the document can have been issued`;
    hints.push(`the ${who} looks about ${Math.round(face.estimatedAge)} years old; ${given} (tolerance ±${AGE_TOLERANCE_YEARS})`);
  }
  const sex = mrz.sex === 'M' || mrz.sex === 'F' ? mrz.sex : null;
  if (sex && face.estimatedSex && face.estimatedSex !== sex && face.sexProbability >= SEX_MIN_PROBABILITY) {
    hints.push(`the sex estimated from the ${who} (${face.estimatedSex}) differs from the MRZ (${sex})`);
  }
  return hints;
}
