// MRZ dates are YYMMDD (ICAO 9303 Part 3 §4.8); the century is inferred.
export interface MrzDate {
  year: number;
  month: number;
  day: number;
}

export type DateProblem = 'format' | 'month' | 'day' | null;

/** Syntax and calendar check of YYMMDD; '<' allowed for unknown parts (Part 3 §4.8). */
export function dateProblem(value: string, year: number | null): DateProblem {
  if (!/^[0-9<]{6}$/.test(value)) return 'format';
  const mm = value.slice(2, 4);
  const dd = value.slice(4, 6);
  if (mm.includes('<') || dd.includes('<')) return mm === '<<' || /^\d\d$/.test(mm) ? (dd === '<<' || /^\d\d$/.test(dd) ? null : 'day') : 'month';
  const month = Number(mm);
  const day = Number(dd);
  if (month < 1 || month > 12) return 'month';
  if (day < 1 || day > daysInMonth(year ?? 2000, month)) return 'day';
  return null;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Birth dates lie in the past: the latest century that does not put them after `now`. */
export function birthDate(value: string, now: Date): MrzDate | null {
  if (!/^\d{6}$/.test(value)) return null;
  const yy = Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  const century = Math.floor(now.getUTCFullYear() / 100) * 100;
  let year = century + yy;
  if (Date.UTC(year, month - 1, day) > now.getTime()) year -= 100;
  return { year, month, day };
}

/** Expiry dates lie within 50 years of `now`, either side. */
export function expiryDate(value: string, now: Date): MrzDate | null {
  if (!/^\d{6}$/.test(value)) return null;
  const yy = Number(value.slice(0, 2));
  const century = Math.floor(now.getUTCFullYear() / 100) * 100;
  let year = century + yy;
  if (year > now.getUTCFullYear() + 50) year -= 100;
  else if (year < now.getUTCFullYear() - 50) year += 100;
  return { year, month: Number(value.slice(2, 4)), day: Number(value.slice(4, 6)) };
}

export const toUtc = (d: MrzDate): number => Date.UTC(d.year, d.month - 1, d.day);
export const isoDate = (d: MrzDate): string =>
  `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
