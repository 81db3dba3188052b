import { describe, expect, it } from 'vitest';
import { ExpertAlertSchema, TrendRecordSchema } from '../../../electron/contract/trends.contract';
import { canonicalJson, contentId, validatedContentId } from '../../../electron/exchange/canonical-json';
import { makeAlertItem, makeRecord } from '../../helpers/trend-fixtures';

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

describe('content ids of validated items', () => {
  it('equal the canonical-JSON id for records and alerts of every shape, whatever the key order', () => {
    const png = Buffer.from('not really a png, but base64 all the same').toString('base64').replace(/=+$/, '');
    const samples = [
      makeRecord('0123456789abcdef', 1),
      makeRecord('0123456789abcdef', 2, { issuer: null, series: null, notes: 'Laminate lifted at the «corner» — ž\n"quoted"' }),
      { ...makeRecord('0123456789abcdef', 3), occurrence: '00ff00ff00ff00ff', crops: [{ light: 'uv' as const, zoneId: 'uv-emblem', label: 'UV emblem', widthPx: 3, heightPx: 2, pngBase64: png }] },
    ];
    for (const sample of samples) {
      // Reversed key order at the top and in nested objects: the id must not depend on it.
      const shuffled = Object.fromEntries(Object.entries(sample).reverse().map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v]));
      const record = TrendRecordSchema.parse(shuffled);
      expect(validatedContentId(record)).toBe(contentId(sample));
    }
    const alertItem = makeAlertItem('0123456789abcdef', 7);
    if (alertItem.type !== 'alert') throw new Error('expected an alert');
    const alert = ExpertAlertSchema.parse({ ...alertItem.alert, hotspots: [{ label: 'Seal', h: 5, w: 4, y: 3, x: 2, light: 'white' }] });
    expect(validatedContentId(alert)).toBe(contentId(alert));
  });
});
