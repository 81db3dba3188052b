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

describe('fields written without escaping', () => {
  // The fast writer quotes these fields as they are: their schemas must refuse every character that
  // JSON.stringify would escape (quote, backslash, control characters, lone surrogates).
  const unsafe = ['a"b', 'a\\b', 'a\nb', 'a\u0001b', 'a\ud800b'];
  const record = makeRecord('0123456789abcdef', 1);
  const crop = { light: 'uv', zoneId: 'uv-emblem', label: 'UV emblem', widthPx: 3, heightPx: 2, pngBase64: 'AAAA' };
  const recordCases: [string, (v: string) => unknown][] = [
    ['schema', (v) => ({ ...record, schema: v })],
    ['station', (v) => ({ ...record, station: v })],
    ['country', (v) => ({ ...record, country: v })],
    ['issuer', (v) => ({ ...record, issuer: v })],
    ['documentClassId', (v) => ({ ...record, documentClassId: v })],
    ['fraudType', (v) => ({ ...record, fraudType: v })],
    ['caughtBy', (v) => ({ ...record, caughtBy: [v] })],
    ['missedBy', (v) => ({ ...record, missedBy: [v] })],
    ['context.pointOfEntry', (v) => ({ ...record, context: { ...record.context, pointOfEntry: v } })],
    ['context.line', (v) => ({ ...record, context: { ...record.context, line: v } })],
    ['context.direction', (v) => ({ ...record, context: { ...record.context, direction: v } })],
    ['week', (v) => ({ ...record, week: v })],
    ['supersedes', (v) => ({ ...record, supersedes: v })],
    ['occurrence', (v) => ({ ...record, occurrence: v })],
    ['crops.light', (v) => ({ ...record, crops: [{ ...crop, light: v }] })],
    ['crops.zoneId', (v) => ({ ...record, crops: [{ ...crop, zoneId: v }] })],
    ['crops.pngBase64', (v) => ({ ...record, crops: [{ ...crop, pngBase64: v }] })],
  ];
  it.each(recordCases)('record %s', (_field, make) => {
    for (const v of unsafe) expect(TrendRecordSchema.safeParse(make(v)).success).toBe(false);
  });
  const item = makeAlertItem('0123456789abcdef', 1);
  const alert = item.type === 'alert' ? item.alert : null!;
  const alertCases: [string, (v: string) => unknown][] = [
    ...['schema', 'station', 'country', 'documentClassId', 'issuer', 'fraudType', 'week', 'validUntilWeek', 'supersedes'].map((k): [string, (v: string) => unknown] => [k, (v) => ({ ...alert, [k]: v })]),
    ['hotspots.light', (v) => ({ ...alert, hotspots: [{ light: v, x: 1, y: 1, w: 1, h: 1, label: 'x' }] })],
  ];
  it.each(alertCases)('alert %s', (_field, make) => {
    for (const v of unsafe) expect(ExpertAlertSchema.safeParse(make(v)).success).toBe(false);
  });
});
