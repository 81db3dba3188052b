// Timestamps in a report are printed in UTC with the zone named: a case file is read in other
// places and other seasons than the one it was written in.

export function formatTimestamp(value: string | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
