// The dashboard page's language: the shared translator over its catalog, numbers in the browser's
// locale, and the text of the elements index.html marks with data-i18n.
import { createTranslator, formatNumber, placeholderNames, type PlainKey } from '../../contract/i18n';
import { dashboardMessages } from './dashboard.en';

export const t = createTranslator(dashboardMessages);

/** A count as the reader's locale writes it (the browser's locale). */
export const count = (n: number): string => formatNumber(n);

/** The keys index.html may name: messages without placeholders. */
export type TextKey = PlainKey<typeof dashboardMessages>;

export function isTextKey(key: string | undefined): key is TextKey {
  return key !== undefined && Object.hasOwn(dashboardMessages, key) && placeholderNames(dashboardMessages[key as keyof typeof dashboardMessages]).length === 0;
}

/** Writes the message of its data-i18n key into every marked element (an unknown key empties it). */
export function translatePage(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = el.dataset.i18n;
    el.textContent = isTextKey(key) ? t(key) : '';
  }
}
