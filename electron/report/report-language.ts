// The language a report is printed in: its messages as text, the same messages as HTML (for the
// few that put marked-up values inside a sentence), and the tag written in <html lang>.
import { createTranslator, type Translation, type Translator } from '../contract/i18n';
import { escapeHtml } from './report-escape';
import { reportMessages } from './report.en';

export type ReportT = Translator<typeof reportMessages>;

export interface ReportLanguage {
  /** BCP 47 tag of the language (the report's <html lang>). */
  lang: string;
  /** A message as plain text: escape it where it goes into HTML. */
  t: ReportT;
  /**
   * A message as HTML: its own text escaped, its placeholders filled as given, so every value
   * passed here must already be safe HTML (escaped, possibly wrapped in markup).
   */
  html: ReportT;
}

export function reportLanguage(lang: string, messages: Translation<typeof reportMessages>): ReportLanguage {
  // Escaping leaves `{name}` placeholders as they are (braces and word characters are not escaped).
  const escaped = Object.fromEntries(Object.entries(messages).map(([key, message]) => [key, escapeHtml(message)]));
  return {
    lang,
    t: createTranslator<typeof reportMessages>(messages),
    html: createTranslator<typeof reportMessages>(escaped as Translation<typeof reportMessages>),
  };
}

export const englishReport: ReportLanguage = reportLanguage('en', reportMessages);
