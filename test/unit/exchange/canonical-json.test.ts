import { describe, expect, it } from 'vitest';
import { canonicalJson, contentId } from '../../../electron/exchange/canonical-json';

/** The definition, written the obvious way: the fast version must agree with it. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

describe('canonical JSON', () => {
  it('sorts keys at every level, drops undefined members and agrees with the plain definition', () => {
    const value = { b: 1, a: [{ z: 'ž\n"', y: null, x: undefined }, true, -0.5], Ä: { d: [], c: {} }, B: 'x' };
    expect(canonicalJson(value)).toBe('{"B":"x","a":[{"y":null,"z":"ž\\n\\""},true,-0.5],"b":1,"Ä":{"c":{},"d":[]}}');
    expect(canonicalJson(value)).toBe(reference(value));
    expect(contentId({ ...value, id: 'ignored' })).toBe(contentId(value));
  });

  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
  });
});
