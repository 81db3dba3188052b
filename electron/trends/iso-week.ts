// ISO 8601 weeks: the only time resolution a trend record carries (a day would help re-identify a
// crossing). Weeks start on Monday; week 1 holds the year's first Thursday.

const DAY_MS = 86_400_000;

/** The ISO week of a date, e.g. 2026-W47 (in UTC). */
export function isoWeekOf(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / DAY_MS + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday (UTC) of an ISO week. */
export function mondayOf(week: string): Date {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new RangeError(`not an ISO week: ${week}`);
  const year = Number(m[1]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayWeek1 = jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * DAY_MS;
  return new Date(mondayWeek1 + (Number(m[2]) - 1) * 7 * DAY_MS);
}

export function addWeeks(week: string, n: number): string {
  return isoWeekOf(new Date(mondayOf(week).getTime() + n * 7 * DAY_MS));
}

/** Whole weeks from `a` to `b` (positive when b is later). */
export function weeksBetween(a: string, b: string): number {
  return Math.round((mondayOf(b).getTime() - mondayOf(a).getTime()) / (7 * DAY_MS));
}

/** Every week from `from` to `to`, inclusive. */
export function weekRange(from: string, to: string): string[] {
  const n = weeksBetween(from, to);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addWeeks(from, i));
}
