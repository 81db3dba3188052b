// The one translation function of the workstation: every user-visible string goes through
// t(key, params), over the English catalog composed in en.ts (electron/contract/i18n.ts does the
// work, as it does for the report and the hub's dashboard).
import { createTranslator, formatDateTime as formatInLocale, type PlainKey } from '../../electron/contract/i18n';
import { en, type MessageKey } from './en';

export type { MessageKey };
/** A key whose message has no placeholder: what tables of labels hold. */
export type PlainMessageKey = PlainKey<typeof en>;

export const t = createTranslator(en);

/** Dates and times in the station's locale, never in a fixed format. */
export function formatDateTime(iso: string): string {
  return formatInLocale(iso);
}

/** A calendar date (ISO YYYY-MM-DD, no time of day) in the station's locale: the day as written, whatever the time zone. */
export function formatDate(isoDate: string): string {
  return formatInLocale(`${isoDate}T00:00:00Z`, undefined, { dateStyle: 'medium', timeZone: 'UTC' });
}
