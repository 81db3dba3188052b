// The grouped counts equal a plain tally of the records, for the station's and the hub's tables:
// skipped records left out, checks as listed or distinct, unknown issuer and series as '', derived
// keys, rows in key order and none counting zero — whichever way the key space is counted (in an
// array, sorted, or by strings when too large for one number).
import { describe, expect, it } from 'vitest';
import type { TrendRecord } from '../../../electron/contract/trends.contract';
import { countRecords, documentKeyOf, factsOf, KEY_SEPARATOR, seriesKeyOf, type CountedRecord, type CountPart, type CountTableSpec } from '../../../electron/exchange/record-counts';
import { StringDictionary } from '../../../electron/exchange/string-dictionary';
import { STATION_COUNT_TABLES } from '../../../electron/trends/trend-count-tables';
import { syntheticRecords } from '../../bench/trend-synthetic';

function valueOf(part: CountPart, r: CountedRecord, check: string, role: string): string {
  if (typeof part === 'object') return part.const;
  switch (part) {
    case 'week':
      return r.week;
    case 'fraudType':
      return r.fraudType;
    case 'issuer':
      return r.issuer ?? '';
    case 'documentType':
      return r.documentType;
    case 'series':
      return r.series ?? '';
    case 'pointOfEntry':
      return r.context.pointOfEntry;
    case 'seriesKey':
      return seriesKeyOf(r);
    case 'document':
      return documentKeyOf(r);
    case 'combination':
      return `${documentKeyOf(r)}${KEY_SEPARATOR}${r.fraudType}`;
    case 'check':
      return check;
    case 'role':
      return role;
  }
}

/** The obvious way: one map entry per key, then sorted. */
function tally(spec: CountTableSpec, records: readonly CountedRecord[]): (string | number)[][] {
  const counts = new Map<string, number>();
  const add = (r: CountedRecord, check = '', role = '') => {
    const key = JSON.stringify(spec.key.map((p) => valueOf(p, r, check, role)));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  for (const r of records) {
    if (spec.checks === undefined) add(r);
    else {
      for (const c of spec.checks === 'caught-distinct' ? [...new Set(r.caughtBy)] : r.caughtBy) add(r, c, 'caught');
      if (spec.checks === 'caught-and-missed') for (const c of r.missedBy) add(r, c, 'missed');
    }
  }
  const rows = [...counts].map(([k, n]) => [...(JSON.parse(k) as string[]), n]);
  return rows.sort((a, b) => {
    for (let i = 0; i < a.length - 1; i++) if (a[i] !== b[i]) return (a[i] as string) < (b[i] as string) ? -1 : 1;
    return 0;
  });
}

function counted(specs: readonly CountTableSpec[], blocks: readonly { records: readonly TrendRecord[]; skip?: Set<number> }[]) {
  const dictionary = new StringDictionary();
  const inputs = blocks.map((b) => ({ facts: factsOf(b.records, (v) => dictionary.code(v)), ...(b.skip ? { skip: b.skip } : {}) }));
  return countRecords(specs, inputs, dictionary.strings);
}

describe('grouped counts of records', () => {
  const records = syntheticRecords(0, 3000).map((r, i) => ({
    ...r,
    // Unknown issuer and series now and then, and a check listed twice.
    issuer: i % 11 === 0 ? null : r.issuer,
    series: i % 13 === 0 ? null : r.series,
    documentClassId: i % 3 === 0 ? null : r.documentClassId,
    caughtBy: i % 17 === 0 ? [...r.caughtBy, r.caughtBy[0]!] : r.caughtBy,
  }));
  const skip = new Set([0, 5, 999, 1500]);
  const blocks = [{ records: records.slice(0, 1000), skip }, { records: records.slice(1000, 2000) }, { records: records.slice(2000) }];
  const live = records.filter((_, i) => !(i < 1000 && skip.has(i)));

  it('match a plain tally for the station tables, skipped records left out', () => {
    const result = counted(STATION_COUNT_TABLES, blocks);
    result.forEach(({ spec, rows }) => expect({ table: spec.table, key: spec.key, rows }).toEqual({ table: spec.table, key: spec.key, rows: tally(spec, live) }));
  });

  it('counts a key space too large for an array by sorting, and one too large for a number by strings', () => {
    // Distinct values in every part: 1000⁶ keys does not fit one number; 1000³ fits but not an array.
    const spread = records.slice(0, 1000).map((r, i) => ({ ...r, week: `W${i}`, issuer: `I${(i * 7) % 1000}`, documentType: `D${(i * 13) % 1000}`, series: `S${(i * 17) % 1000}`, context: { ...r.context, pointOfEntry: `P${(i * 19) % 1000}` }, fraudType: r.fraudType }));
    const huge: CountTableSpec = { table: 't', key: ['week', 'issuer', 'documentType', 'series', 'pointOfEntry', 'seriesKey'], columns: ['a', 'b', 'c', 'd', 'e', 'f'] };
    const sorted: CountTableSpec = { table: 't', key: ['week', 'issuer', 'documentType'], columns: ['a', 'b', 'c'] };
    const twice = [...spread, ...spread.slice(0, 10)];
    for (const spec of [huge, sorted]) expect(counted([spec], [{ records: twice }])[0]!.rows).toEqual(tally(spec, twice));
  });

  it('gives no rows for nothing to count', () => {
    expect(counted(STATION_COUNT_TABLES, [{ records: records.slice(0, 2), skip: new Set([0, 1]) }]).every((t) => t.rows.length === 0)).toBe(true);
  });
});
