// Calendar helpers on plain UTC dates. The generator never reads the clock: every date is derived
// from REFERENCE_DATE and the seed, so a specimen set is the same whenever it is generated.

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** "Today" for every specimen: documents are valid or expired relative to this date. */
export const REFERENCE_DATE: Ymd = { y: 2025, m: 6, d: 1 };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

function fromUtc(ms: number): Ymd {
  const date = new Date(ms);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

export function toDayNumber(date: Ymd): number {
  return Math.round(Date.UTC(date.y, date.m - 1, date.d) / 86_400_000);
}

export function fromDayNumber(day: number): Ymd {
  return fromUtc(day * 86_400_000);
}

export function addDays(date: Ymd, days: number): Ymd {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Same day N years later (29 Feb falls back to 28 Feb), as issuers compute validity. */
export function addYears(date: Ymd, years: number): Ymd {
  const y = date.y + years;
  const last = new Date(Date.UTC(y, date.m, 0)).getUTCDate();
  return { y, m: date.m, d: Math.min(date.d, last) };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** MRZ date, Part 3 §4.8: YYMMDD. */
export function mrzDate(date: Ymd): string {
  return `${two(date.y % 100)}${two(date.m)}${two(date.d)}`;
}

/** VIZ date, Part 3 §3.8: DD MMM YYYY with the month abbreviated in English. */
export function vizDate(date: Ymd): string {
  return `${two(date.d)} ${MONTHS[date.m - 1]} ${date.y}`;
}

export function isoDate(date: Ymd): string {
  return `${date.y}-${two(date.m)}-${two(date.d)}`;
}
