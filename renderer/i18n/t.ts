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

/** Numbers in the station's locale (measured values: at most 3 decimals). */
export function formatNumber(value: number): string {
  return formatNumberInLocale(value, undefined, { maximumFractionDigits: 3 });
}
