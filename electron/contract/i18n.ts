// The one i18n core of every surface a user reads: the workstation's screens (renderer), the PDF
// report (Node) and the hub's dashboard page (browser). Pure TypeScript: `Intl` is part of the
// language, so nothing here needs the DOM or Node.
//
// A catalog maps a key to a message with `{name}` placeholders. Each area (a screen, a domain, the
// report, the dashboard) owns one catalog file per language; a language's catalog is composed from
// its areas' (composeCatalog), and a key may be defined by one area only. Keys and placeholders are
// typed from the English catalog: a missing key or a missing parameter does not type-check.

/** Messages by key. English catalogs are declared `as const` so their keys and placeholders are typed. */
export type Catalog = { readonly [key: string]: string };

/** The placeholder names of a message, read from its literal type: 'Sent {n} of {count}' → 'n' | 'count'. */
export type PlaceholderName<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | PlaceholderName<Rest> : never;

/** The values a message needs, one per placeholder. Numbers are written as String() writes them. */
export type MessageParams<S extends string> = { readonly [N in PlaceholderName<S>]: string | number };

/** A message without placeholders takes no parameters; one with placeholders takes all of them. */
export type MessageArgs<S extends string> = [PlaceholderName<S>] extends [never] ? [] : [params: MessageParams<S>];

/**
 * t(key, params). Written so that a key not in the catalog is reported as such (not as a missing
 * argument), and a key built from a union (`status.${s}`) needs every parameter of every message.
 */
export type Translator<C extends Catalog> = <const K extends string>(
  key: [K] extends [keyof C] ? K : keyof C & string,
  ...params: [K] extends [keyof C] ? MessageArgs<C[K] & string> : []
) => string;

/** The keys of a catalog whose message has no placeholder (what a table of labels may hold). */
export type PlainKey<C extends Catalog> = { [K in keyof C & string]: [PlaceholderName<C[K]>] extends [never] ? K : never }[keyof C & string];

/** Another language's messages for the keys of a reference (English) catalog. */
export type Translation<C extends Catalog> = { readonly [K in keyof C]: string };

const PLACEHOLDER = /\{(\w+)\}/g;

/** The placeholder names of a message, in order of appearance (repeats kept). */
export function placeholderNames(message: string): string[] {
  return Array.from(message.matchAll(PLACEHOLDER), (m) => m[1] ?? '');
}

/** Fills `{name}` placeholders; a placeholder without a value is left as written, so it shows. */
export function formatMessage(message: string, params?: Readonly<Record<string, string | number>>): string {
  if (!params) return message;
  return message.replace(PLACEHOLDER, (written, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    return value === undefined ? written : String(value);
  });
}

export function createTranslator<C extends Catalog>(catalog: C): Translator<C>;
/** A translation, typed by the reference catalog: `createTranslator<typeof en>(sr)`. */
export function createTranslator<C extends Catalog>(catalog: Translation<C>): Translator<C>;
export function createTranslator(catalog: Catalog): (key: string, params?: Readonly<Record<string, string | number>>) => string {
  // A key the type-check did not see (a value from outside) shows as itself rather than as nothing.
  return (key, params) => formatMessage(Object.hasOwn(catalog, key) ? (catalog[key] ?? key) : key, params);
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The catalog made of every area's messages. */
export type ComposedCatalog<A extends Readonly<Record<string, Catalog>>> = UnionToIntersection<A[keyof A]>;

/** Keys defined by more than one area (never when the areas are disjoint). */
export type SharedKeys<A extends Readonly<Record<string, Catalog>>> = {
  [N in keyof A]: { [M in Exclude<keyof A, N>]: keyof A[N] & keyof A[M] }[Exclude<keyof A, N>];
}[keyof A];

/**
 * One language's catalog from its areas' catalogs, named by area. A key defined by two areas does
 * not type-check (the error names it) and throws here, naming both areas: one area's text never
 * silently replaces another's.
 */
export function composeCatalog<const A extends Readonly<Record<string, Catalog>>>(
  areas: A & ([SharedKeys<A>] extends [never] ? unknown : { readonly 'keys defined by two areas': SharedKeys<A> }),
): ComposedCatalog<A> {
  const messages: Record<string, string> = {};
  const owner = new Map<string, string>();
  for (const [area, catalog] of Object.entries(areas as Readonly<Record<string, Catalog>>)) {
    for (const [key, message] of Object.entries(catalog)) {
      const first = owner.get(key);
      if (first !== undefined) throw new Error(`the message key ${key} is defined by two areas: ${first} and ${area}`);
      owner.set(key, area);
      messages[key] = message;
    }
  }
  return Object.freeze(messages) as ComposedCatalog<A>;
}

/** Dates and times in a locale's own way (undefined: the station's locale), never in a fixed format. */
export function formatDateTime(value: string | Date, locale?: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : new Intl.DateTimeFormat(locale, options).format(date);
}

/** Numbers with a locale's grouping and decimal signs (undefined: the station's locale). */
export function formatNumber(value: number, locale?: string, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}
