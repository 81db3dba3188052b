// Every dashboard query, under every filter combination, equals the same count computed directly
// from the records: the weekly count tables maintained on insert never drift from the records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrendFilter } from '../../../electron/contract/trend-dashboard.contract';
import type { TrendRecord } from '../../../electron/contract/trends.contract';
import { contentId } from '../../../electron/exchange/canonical-json';
import { TrendQueries } from '../../../electron/trends/trend-queries';
import { openStationTrends, type StationTrendStore } from '../../helpers/station-trends';
import { recordsToCsv } from '../../../electron/trends/trend-csv';
import { useTempDir } from '../../helpers/temp-dir';
import { syntheticRecords } from '../../bench/trend-synthetic';

const dir = useTempDir('loupe-trend-queries-');
let store: StationTrendStore;
let live: TrendRecord[];

beforeAll(() => {
  store = openStationTrends(dir);
  const records = syntheticRecords(0, 2000);
  // Ten corrections: the corrected records leave the counts, the corrections enter them.
  const corrections = records.slice(0, 10).map((old) => {
    const { id: _id, ...content } = old;
    const fixed = { ...content, fraudType: 'other' as const, supersedes: old.id };
    return { ...fixed, id: contentId(fixed) };
  });
  // Some corrections arrive before the record they correct, some after it was counted.
  const asItems = (list: TrendRecord[]) => list.map((record) => ({ type: 'record' as const, record }));
  store.transaction(() => store.insertItems(asItems([...corrections.slice(0, 3), ...records.slice(0, 1500), ...corrections.slice(3, 6)]), 'local'));
  store.refreshCounts();
  store.transaction(() => store.insertItems(asItems([...records.slice(1500), ...corrections.slice(6)]), 'local'));
  const superseded = new Set(corrections.map((c) => c.supersedes));
  live = [...records.filter((r) => !superseded.has(r.id)), ...corrections];
});
afterAll(() => store.close());

const matches = (r: TrendRecord, f: TrendFilter) =>
  (!f.from || r.week >= f.from) && (!f.to || r.week <= f.to) && (!f.fraudType || r.fraudType === f.fraudType) && (!f.issuer || r.issuer === f.issuer) && (!f.pointOfEntry || r.context.pointOfEntry === f.pointOfEntry);

function tally<K>(rows: TrendRecord[], key: (r: TrendRecord) => K[]): Map<K, number> {
  const m = new Map<K, number>();
  for (const r of rows) for (const k of key(r)) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

const filters: TrendFilter[] = [
  {},
  { from: '2026-W01', to: '2026-W30' },
  { issuer: 'UTO' },
  { pointOfEntry: 'RS-BATROVCI' },
  { issuer: 'UTO', pointOfEntry: 'RS-BATROVCI', from: '2025-W40' },
  { fraudType: 'counterfeit', issuer: 'SRB' },
];

describe('dashboard queries', () => {
  it.each(filters.map((f) => [JSON.stringify(f), f] as const))('match the records under %s', (_name, f) => {
    const q = new TrendQueries(store);
    const rows = live.filter((r) => matches(r, f));
    const byWeek = tally(rows, (r) => [`${r.week} ${r.fraudType}`]);
    expect(new Map(q.byWeek(f).map((r) => [`${r.week} ${r.fraudType}`, r.n]))).toEqual(byWeek);
    const byPoe = tally(rows, (r) => [r.context.pointOfEntry]);
    expect(new Map(q.byPointOfEntry(f, 100).map((r) => [r.pointOfEntry, r.n]))).toEqual(byPoe);
    const byIssuer = tally(rows, (r) => [`${r.issuer}|${r.documentType}|${r.series}`]);
    expect(new Map(q.byIssuer(f, 1000).map((r) => [`${r.issuer}|${r.documentType}|${r.series}`, r.n]))).toEqual(byIssuer);
    const caught = tally(rows, (r) => [...new Set(r.caughtBy)]);
    const missed = tally(rows, (r) => [...new Set(r.missedBy)]);
    for (const c of q.byCheck(f)) expect([c.checkId, c.caught, c.missed]).toEqual([c.checkId, caught.get(c.checkId) ?? 0, missed.get(c.checkId) ?? 0]);
    expect(q.byCheck(f).length).toBe(new Set([...caught.keys(), ...missed.keys()]).size);
    const page = q.records(f, 500, 0);
    expect(page.records.length).toBe(Math.min(500, rows.length));
    expect(page.more).toBe(rows.length > 500);
  });

  it('drills down by check and week, and writes CSV that a spreadsheet cannot run', () => {
    const q = new TrendQueries(store);
    const week = live[0]!.week;
    const want = live.filter((r) => r.week === week && r.caughtBy.includes('uv.features')).length;
    expect(q.records({ week, checkId: 'uv.features' }, 500, 0).records).toHaveLength(want);
    const csv = recordsToCsv([{ ...live[0]!, notes: '=HYPERLINK("x"), "quoted"' }]);
    expect(csv.split('\r\n')[1]).toContain(`"'=HYPERLINK(""x""), ""quoted"""`);
  });

  it('flags an emerging combination with its evidence', () => {
    const q = new TrendQueries(store);
    const found = q.emerging('2026-W47', { minCount: 1, alpha: 1 });
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ recentWeeks: ['2026-W46', '2026-W47'] });
  });
});
