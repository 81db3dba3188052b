// Age and sex plausibility of the holder's face against the MRZ: hints for the officer, never a
// failure (age estimates are off by ±10 years routinely; documents may show an older photo, and the
// MRZ sex marker is not a statement about appearance). Pure: no I/O.
import { birthDate } from '../mrz/mrz-dates';

/** Estimated age may differ from the age by the date of birth by this much before a hint is given. */
export const AGE_TOLERANCE_YEARS = 15;
/** Sex estimate confidence needed before a disagreement with the MRZ is mentioned. */
export const SEX_MIN_PROBABILITY = 0.9;

export function ageAt(birth: string, now: Date): number | null {
  const d = birthDate(birth, now);
  if (!d) return null;
  let age = now.getUTCFullYear() - d.year;
  if (now.getUTCMonth() + 1 < d.month || (now.getUTCMonth() + 1 === d.month && now.getUTCDate() < d.day)) age--;
  return age;
}

export function plausibilityHints(
  face: { estimatedAge: number | null; estimatedSex: 'M' | 'F' | null; sexProbability: number },
  mrz: { birthDate?: string | null; sex?: string | null },
  now: Date,
  who = 'live capture',
): string[] {
  const hints: string[] = [];
  const age = mrz.birthDate ? ageAt(mrz.birthDate, now) : null;
  if (age !== null && face.estimatedAge !== null && Math.abs(face.estimatedAge - age) > AGE_TOLERANCE_YEARS) {
    hints.push(`the ${who} looks about ${Math.round(face.estimatedAge)} years old; the date of birth gives ${age} (tolerance ±${AGE_TOLERANCE_YEARS})`);
  }
  const sex = mrz.sex === 'M' || mrz.sex === 'F' ? mrz.sex : null;
  if (sex && face.estimatedSex && face.estimatedSex !== sex && face.sexProbability >= SEX_MIN_PROBABILITY) {
    hints.push(`the sex estimated from the ${who} (${face.estimatedSex}) differs from the MRZ (${sex})`);
  }
  return hints;
}
