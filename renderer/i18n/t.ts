// The one translation function of the workstation: every user-visible string goes through
// t(key, params), over the English catalog composed in en.ts (electron/contract/i18n.ts does the
// work, as it does for the report and the hub's dashboard).
import { createTranslator, formatDateTime as formatInLocale, formatNumber as formatNumberInLocale, type PlainKey } from '../../electron/contract/i18n';
import { en, type MessageKey } from './en';

export type { MessageKey };
/** A key whose message has no placeholder: what tables of labels hold. */
export type PlainMessageKey = PlainKey<typeof en>;

export const t = createTranslator(en);

/** Dates and times in the station's locale, never in a fixed format. */
export function formatDateTime(iso: string): string {
  return formatInLocale(iso);
}

/**
 * A day in the station's locale: a calendar date as written (ISO YYYY-MM-DD, whatever the time zone)
 * or the day of a timestamp (validity dates, CRL updates).
 */
export function formatDate(iso: string): string {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso;
  return formatInLocale(at, undefined, { dateStyle: 'medium', timeZone: 'UTC' });
}

/** Numbers in the station's locale (measured values: at most 3 decimals). */
export function formatNumber(value: number): string {
  return formatNumberInLocale(value, undefined, { maximumFractionDigits: 3 });
}
