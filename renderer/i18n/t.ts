// The one translation function: every user-visible string goes through t(key, params).
import { en, type MessageKey } from './en';

const table: Record<MessageKey, string> = en;

export type { MessageKey };

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template = table[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** Dates and times in the station's locale, never in a fixed format. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
