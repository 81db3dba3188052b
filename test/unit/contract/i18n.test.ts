// The shared i18n core (electron/contract/i18n.ts): placeholders filled, keys and parameters typed,
// catalogs composed from areas without one area overwriting another, dates and numbers by locale.
import { describe, expect, it } from 'vitest';
import { composeCatalog, createTranslator, formatDateTime, formatMessage, formatNumber, placeholderNames, type PlainKey, type Translation } from '../../../electron/contract/i18n';

const catalog = {
  'demo.plain': 'Nothing to fill',
  'demo.sent': 'Sent {n} of {count} to {hub}',
  'demo.twice': '{name} and {name} again',
} as const;

describe('formatMessage', () => {
  it('fills every placeholder, numbers as String writes them, repeats included', () => {
    expect(formatMessage(catalog['demo.sent'], { n: 3, count: 12.5, hub: 'https://hub.example' })).toBe('Sent 3 of 12.5 to https://hub.example');
    expect(formatMessage(catalog['demo.twice'], { name: 'Ana' })).toBe('Ana and Ana again');
  });

  it('leaves a placeholder without a value as written, so it shows instead of vanishing', () => {
    expect(formatMessage('Sent {n} of {count}', { n: 1 })).toBe('Sent 1 of {count}');
    expect(formatMessage('Sent {n}')).toBe('Sent {n}');
    // Names of Object.prototype are not values.
    expect(formatMessage('{constructor} {toString}', {})).toBe('{constructor} {toString}');
  });

  it('takes only {word} as a placeholder and lists them in order', () => {
    expect(placeholderNames('a {x} b {y_2} {x} { z } {}')).toEqual(['x', 'y_2', 'x']);
    expect(formatMessage('{ z } {}', { z: 1 })).toBe('{ z } {}');
  });
});

describe('createTranslator', () => {
  const t = createTranslator(catalog);

  it('gives the message of a key, filled', () => {
    expect(t('demo.plain')).toBe('Nothing to fill');
    expect(t('demo.sent', { n: 1, count: 2, hub: 'h' })).toBe('Sent 1 of 2 to h');
  });

  it('shows a key it does not hold as the key itself (a value from outside the type-check)', () => {
    const fromOutside = 'demo.missing' as 'demo.plain';
    expect(t(fromOutside)).toBe('demo.missing');
  });

  it('types keys and parameters from the catalog', () => {
    // Checked by the type-check (npm run typecheck); run here as well, where they format as written.
    // @ts-expect-error a key the catalog does not hold
    expect(t('demo.nope')).toBe('demo.nope');
    // @ts-expect-error a message with placeholders needs its parameters
    expect(t('demo.sent')).toBe('Sent {n} of {count} to {hub}');
    // @ts-expect-error every one of them
    expect(t('demo.sent', { n: 1, count: 2 })).toBe('Sent 1 of 2 to {hub}');
    // @ts-expect-error and no parameter the message does not have
    expect(t('demo.sent', { n: 1, count: 2, hub: 'h', extra: 3 })).toBe('Sent 1 of 2 to h');
    // @ts-expect-error a message without placeholders takes none
    expect(t('demo.plain', { n: 1 })).toBe('Nothing to fill');
    const plain: PlainKey<typeof catalog>[] = ['demo.plain'];
    // @ts-expect-error a table of plain keys cannot hold a message with placeholders
    const notPlain: PlainKey<typeof catalog> = 'demo.sent';
    expect([...plain, notPlain]).toHaveLength(2);
  });

  it('needs every parameter of every message a key built from a union can name', () => {
    const keyOf = (k: 'plain' | 'sent') => `demo.${k}` as const;
    expect(t(keyOf('sent'), { n: 1, count: 2, hub: 'h' })).toBe('Sent 1 of 2 to h');
    // @ts-expect-error demo.sent needs n, count and hub
    expect(t(keyOf('plain'))).toBe('Nothing to fill');
  });

  it('takes a translation typed by the reference catalog', () => {
    const other: Translation<typeof catalog> = { 'demo.plain': 'Ništa', 'demo.sent': 'Poslato {n} od {count} na {hub}', 'demo.twice': '{name} i {name}' };
    const tr = createTranslator<typeof catalog>(other);
    expect(tr('demo.sent', { n: 1, count: 2, hub: 'h' })).toBe('Poslato 1 od 2 na h');
  });
});

describe('composeCatalog', () => {
  it('makes one catalog of the areas, every key with its area’s message', () => {
    const en = composeCatalog({ first: { 'a.one': 'One' }, second: { 'b.two': 'Two {n}' } } as const);
    expect(en).toEqual({ 'a.one': 'One', 'b.two': 'Two {n}' });
    expect(createTranslator(en)('b.two', { n: 2 })).toBe('Two 2');
  });

  it('refuses a key two areas define, naming the key and both areas', () => {
    const first = { 'a.one': 'One', 'a.same': 'First' } as const;
    const second = { 'a.same': 'Second' } as const;
    // @ts-expect-error the type-check names the key two areas define
    expect(() => composeCatalog({ first, second })).toThrow('the message key a.same is defined by two areas: first and second');
  });
});

describe('dates and numbers', () => {
  const at = '2025-03-14T10:00:00Z';

  it('writes a date in the station’s locale when none is given, as toLocaleString does', () => {
    const options = { dateStyle: 'medium', timeStyle: 'short' } as const;
    expect(formatDateTime(at)).toBe(new Date(at).toLocaleString(undefined, options));
    expect(formatDateTime(new Date(at))).toBe(new Date(at).toLocaleString(undefined, options));
  });

  it('writes a date the way the given locale does', () => {
    const utc = { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' } as const;
    expect(formatDateTime(at, 'de-DE', utc)).toBe('14.03.2025, 10:00');
    expect(formatDateTime(at, 'en-GB', utc)).toBe('14 Mar 2025, 10:00');
  });

  it('gives back what is not a date, rather than "Invalid Date"', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  it('writes numbers with the locale’s grouping and decimal signs', () => {
    expect(formatNumber(1234567.5)).toBe((1234567.5).toLocaleString());
    expect(formatNumber(1234567.5, 'en-US')).toBe('1,234,567.5');
    expect(formatNumber(1234567.5, 'de-DE')).toBe('1.234.567,5');
    expect(formatNumber(0.5, 'en-US', { style: 'percent' })).toBe('50%');
  });
});
