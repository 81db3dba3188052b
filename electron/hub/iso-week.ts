// ISO 8601 weeks (YYYY-Www), the only dates trend records carry. Weeks start on Monday; week 1 is
// the week with the year's first Thursday (so 4 January is always in week 1).
const DAY = 86_400_000;

export function isoWeekOf(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const dow = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - dow); // the Thursday of this week decides the year
  const year = d.getUTCFullYear();
  const week = Math.floor((d.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday (UTC) of an ISO week. */
export function mondayOf(week: string): Date {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new RangeError(`not an ISO week: ${week}`);
  const year = Number(match[1]);
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Dow = new Date(jan4).getUTCDay() || 7;
  return new Date(jan4 - (jan4Dow - 1) * DAY + (Number(match[2]) - 1) * 7 * DAY);
}

export function addWeeks(week: string, n: number): string {
  return isoWeekOf(new Date(mondayOf(week).getTime() + n * 7 * DAY));
}

/** Every week from `from` to `to` inclusive (empty when from > to). */
export function weekRange(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let w = from; w <= to && weeks.length < 1000; w = addWeeks(w, 1)) weeks.push(w);
  return weeks;
}
