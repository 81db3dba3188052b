// Every hub dashboard query, under every combination of filters (issuer, fraud type, point of entry,
// with and without a week range), equals the same answer computed directly from the records — on
// SQLite and on PostgreSQL. Each combination takes a different path (hub_cube, hub_cross, the
// records through an index, hub_weekly_checks; the record page walks the week index or sorts the
// matches), so this is what keeps the paths in agreement. Bundles overlap, so records stored twice
// must count once; a record listing a check twice counts once under it; an issuer ('D') that is a
// prefix of another ('DEU') must not match it.
import { describe, expect, it } from 'vitest';
import type { FraudType, TrendRecord } from '../../../electron/contract/trends.contract';
import { detectEmergingTrends, type WeeklySeries } from '../../../electron/hub/emerging-trends';
import { ingestBundle } from '../../../electron/hub/hub-ingest';
import { KEY_SEPARATOR } from '../../../electron/hub/hub-items';
import { dimensionCounts, DIMENSIONS, emergingTrends, recordPage, trendSummary, writeRecordsCsv, type Dimension, type TrendFilter } from '../../../electron/hub/hub-queries';
import type { HubStore } from '../../../electron/hub/hub-store';
import { addWeeks, weekRange } from '../../../electron/trends/iso-week';
import { STORE_KINDS, useHubStores } from '../../helpers/hub-stores';
import { LAST, variedRecords } from '../../helpers/hub-records';
import { bundleOf, newIdentity, recordItem } from '../../helpers/trend-fixtures';

const documentKey = (r: TrendRecord) => [r.issuer ?? '', r.documentType, r.series ?? ''].join(KEY_SEPARATOR);
const keysOf: Record<Dimension, (r: TrendRecord) => string[]> = {
  fraudType: (r) => [r.fraudType],
  document: (r) => [documentKey(r)],
  pointOfEntry: (r) => [r.context.pointOfEntry],
  check: (r) => [...new Set(r.caughtBy)],
};

function matching(records: readonly TrendRecord[], f: TrendFilter): TrendRecord[] {
  return records.filter(
    (r) =>
      (!f.from || r.week >= f.from) &&
      (!f.to || r.week <= f.to) &&
      (!f.issuer || r.issuer === f.issuer) &&
      (!f.fraudType || r.fraudType === f.fraudType) &&
      (!f.pointOfEntry || r.context.pointOfEntry === f.pointOfEntry),
  );
}

/** The expected answer of dimensionCounts: top 12 keys (count, then key), their weekly series by week. */
function expectedCounts(records: readonly TrendRecord[], dimension: Dimension) {
  const totals = new Map<string, number>();
  const weekly = new Map<string, number>();
  for (const r of records) {
    for (const key of keysOf[dimension](r)) {
      totals.set(key, (totals.get(key) ?? 0) + 1);
      weekly.set(`${r.week}\u0000${key}`, (weekly.get(`${r.week}\u0000${key}`) ?? 0) + 1);
    }
  }
  const top = [...totals].map(([key, n]) => ({ key, n })).sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : 1)).slice(0, 12);
  const keys = new Set(top.map((t) => t.key));
  const series = [...weekly]
    .map(([k, n]) => ({ week: k.split('\u0000')[0]!, key: k.split('\u0000')[1]!, n }))
    .filter((r) => keys.has(r.key))
    .sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : a.key < b.key ? -1 : 1));
  return { totals: top, weekly: series };
}

const sortWeekly = (rows: { week: string; key: string; n: number }[]) => [...rows].sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : a.key < b.key ? -1 : 1));

/** Every subset of the three filters, each with and without a week range. */
function filters(): TrendFilter[] {
  const values = { issuer: 'UTO', fraudType: 'counterfeit' as FraudType, pointOfEntry: 'RS-BATROVCI' };
  const out: TrendFilter[] = [];
  for (let mask = 0; mask < 8; mask++) {
    const f: TrendFilter = {};
    if (mask & 1) f.issuer = values.issuer;
    if (mask & 2) f.fraudType = values.fraudType;
    if (mask & 4) f.pointOfEntry = values.pointOfEntry;
    out.push(f, { ...f, from: addWeeks(LAST, -9), to: addWeeks(LAST, -2) });
  }
  // An issuer that is the prefix of another; a rare point of entry; one that matches nothing.
  out.push({ issuer: 'D' }, { issuer: 'D', pointOfEntry: 'RS-HORGOS' }, { pointOfEntry: 'RS-BEG', fraudType: 'stolen-blank' }, { issuer: 'DEU', fraudType: 'stolen-blank' }, { pointOfEntry: 'RS-NONE' });
  return out;
}

async function allPages(store: HubStore, f: TrendFilter, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let after: { week: string; id: string } | undefined;
  for (;;) {
    const page = await recordPage(store, f, limit, after);
    ids.push(...page.map((r) => r.id));
    if (page.length < limit) return ids;
    after = { week: page[page.length - 1]!.week, id: page[page.length - 1]!.id };
  }
}

describe.each(STORE_KINDS)('hub dashboard queries on %s', (kind) => {
  const open = useHubStores(kind);

  it('answer every filter combination exactly as the records do', async () => {
    const a = newIdentity();
    const b = newIdentity();
    const store = await open();
    await store.addTrust(a.publicKey, 'Batrovci', 'admin');
    await store.addTrust(b.publicKey, 'Horgos', 'admin');
    const ra = variedRecords(a.station);
    const rb = variedRecords(b.station).slice(0, 200);
    // Three bundles; the second repeats 100 records of the first.
    await ingestBundle(store, bundleOf(a, ra.slice(0, 400).map(recordItem)), a.station);
    await ingestBundle(store, bundleOf(a, ra.slice(300).map(recordItem)), a.station);
    await ingestBundle(store, bundleOf(b, rb.map(recordItem)), b.station);
    const records = [...ra, ...rb];

    for (const f of filters()) {
      const label = JSON.stringify(f);
      const matched = matching(records, f);
      const summary = await trendSummary(store, f);
      expect(summary.total, label).toBe(matched.length);
      const weeks = [...new Set(matched.map((r) => r.week))].sort();
      expect(summary.weeks, label).toEqual(weeks.length ? weekRange(weeks[0]!, weeks[weeks.length - 1]!) : []);
      for (const d of DIMENSIONS) {
        const expected = expectedCounts(matched, d);
        expect({ d, ...summary.dimensions[d], weekly: sortWeekly(summary.dimensions[d].weekly) }, label).toEqual({ d, ...expected });
        const alone = await dimensionCounts(store, d, f);
        expect({ d, ...alone, weekly: sortWeekly(alone.weekly) }, label).toEqual({ d, ...expected });
      }

      // Emerging trends over the 14 weeks up to the filter's last week (or LAST).
      const to = f.to ?? LAST;
      const window = weekRange(addWeeks(to, -13), to);
      const series = new Map<string, WeeklySeries & { counts: number[] }>();
      for (const r of matching(records, { ...f, from: window[0], to })) {
        const key = `${documentKey(r)}${KEY_SEPARATOR}${r.fraudType}`;
        const s = series.get(key) ?? { key: { issuer: r.issuer, documentType: r.documentType, series: r.series, fraudType: r.fraudType }, counts: window.map(() => 0) };
        s.counts[window.indexOf(r.week)]!++;
        series.set(key, s);
      }
      const emerging = await emergingTrends(store, { ...f, to });
      expect(emerging.weeks, label).toEqual(window);
      expect(emerging.trends, label).toEqual(detectEmergingTrends([...series.values()]));

      // The drill-down, newest week first then id, through every page: small pages walk the week
      // index for broad filters and sort the matches for narrow ones.
      const order = [...matched].sort((x, y) => (x.week !== y.week ? (x.week > y.week ? -1 : 1) : x.id > y.id ? -1 : 1)).map((r) => r.id);
      expect(await allPages(store, f, 7), label).toEqual(order);
      expect(await allPages(store, f, 500), label).toEqual(order);
    }
    // The burst of a never-seen combination is flagged, unfiltered and under its own filters.
    expect((await emergingTrends(store, { to: LAST })).trends.find((t) => t.key.issuer === 'DEU' && t.key.documentType === 'Residence permit')).toMatchObject({ kind: 'new' });

    let csv = '';
    const rows = await writeRecordsCsv(store, { issuer: 'D' }, (c) => {
      csv += c;
    });
    expect(rows).toBe(matching(records, { issuer: 'D' }).length);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(rows + 1);
  });

  it('answer an empty hub with empty views under every filter', async () => {
    const store = await open();
    for (const f of filters()) {
      const summary = await trendSummary(store, f);
      expect(summary.total).toBe(0);
      expect(summary.weeks).toEqual([]);
      for (const d of DIMENSIONS) expect(summary.dimensions[d]).toEqual({ totals: [], weekly: [] });
      expect((await emergingTrends(store, { ...f, to: LAST })).trends).toEqual([]);
      expect(await recordPage(store, f, 50)).toEqual([]);
    }
  });
});
