// Dashboard queries over the hub store, in dialect-neutral SQL: the weekly counts per dimension
// (trendSummary), the emerging-trend detector's input, and the drill-down pages and CSV. Where each
// view reads is decided in hub-query-plan.ts; every read stays small whatever the filter.
import { z } from 'zod';
import { FraudTypeSchema, IsoWeekSchema } from '../contract/trends.contract';
import { DEFAULT_DETECTOR, detectFromCounts, type DetectorOptions, type EmergingTrend } from './emerging-trends';
import { KEY_SEPARATOR } from './hub-items';
import { combinationSource, countSource, totalsDimension, type CountSource, type Dimension, type PlanContext } from './hub-query-plan';
import { readRecordPage, streamRecordsCsv, type RecordRow } from './hub-record-page';
import type { HubStore, SqlValue } from './hub-store';
import { addWeeks, isoWeekOf, weekRange } from '../trends/iso-week';

export { RECORD_PAGE_MAX, type RecordRow } from './hub-record-page';
export type { Dimension } from './hub-query-plan';

export const TrendFilterSchema = z
  .object({
    from: IsoWeekSchema.optional(),
    to: IsoWeekSchema.optional(),
    issuer: z.string().regex(/^[A-Z<]{1,3}$/).optional(),
    fraudType: FraudTypeSchema.optional(),
    pointOfEntry: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,15}$/).optional(),
  })
  .strict();
export type TrendFilter = z.infer<typeof TrendFilterSchema>;

export const DIMENSIONS: readonly Dimension[] = ['fraudType', 'document', 'pointOfEntry', 'check'];

export interface KeyCount {
  key: string;
  n: number;
}

export interface DimensionCounts {
  /** Largest keys first (at most TOP_KEYS). */
  totals: KeyCount[];
  /** Weekly counts of those keys. */
  weekly: { week: string; key: string; n: number }[];
}

export interface TrendSummary {
  filter: TrendFilter;
  total: number;
  weeks: string[];
  dimensions: Record<Dimension, DimensionCounts>;
}

const TOP_KEYS = 12;

const list = (values: readonly SqlValue[]) => `(${values.map(() => '?').join(', ')})`;

/** (After bringing the dashboard's tables up to date:) the fraud types and points of entry held, and the weeks the view covers (the data's first to last week, within the filter's range). */
async function planContext(store: HubStore, filter: TrendFilter): Promise<PlanContext> {
  // Every view reads the dashboard's tables once they include every bundle stored (usually already
  // done: the server refreshes them after each bundle).
  await store.refreshAggregates();
  const rows = await store.query<{ dimension: string; key: string; first: string; last: string }>(
    "SELECT dimension, key, MIN(week) AS first, MAX(week) AS last FROM hub_cube WHERE dimension IN ('fraudType', 'pointOfEntry') GROUP BY dimension, key ORDER BY dimension, key",
  );
  const fraudTypes = rows.filter((r) => r.dimension === 'fraudType');
  let first = fraudTypes.reduce<string | undefined>((a, r) => (a === undefined || r.first < a ? r.first : a), undefined);
  let last = fraudTypes.reduce<string | undefined>((a, r) => (a === undefined || r.last > a ? r.last : a), undefined);
  if (filter.from && (!first || filter.from > first)) first = filter.from;
  if (filter.to && (!last || filter.to < last)) last = filter.to;
  return {
    dialect: store.dialect,
    fraudTypes: fraudTypes.map((r) => r.key),
    pointsOfEntry: rows.filter((r) => r.dimension === 'pointOfEntry').map((r) => r.key),
    weeks: first && last && first <= last ? weekRange(first, last) : [],
  };
}

function whereOf(s: { where: string[] }, extra: string[] = []): string {
  const all = [...s.where, ...extra];
  return all.length ? `WHERE ${all.join(' AND ')}` : '';
}

function byTotal(a: KeyCount, b: KeyCount): number {
  return b.n - a.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

const byWeek = (a: { week: string }, b: { week: string }) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0);

/** The top keys of a source and their weekly series. */
async function readCounts(store: HubStore, s: CountSource, ctx: PlanContext): Promise<DimensionCounts> {
  if (s.totals) {
    // All-time totals from the small table, then the series of those keys by index seeks.
    const totals = (
      await store.query<{ key: string; n: number | string }>(`SELECT key, n FROM ${s.totals.from} ${whereOf(s.totals)} ORDER BY n DESC, key LIMIT ?`, [...s.totals.params, TOP_KEYS])
    ).map((r) => ({ key: r.key, n: Number(r.n) }));
    if (totals.length === 0) return { totals, weekly: [] };
    const keys = totals.map((t) => t.key);
    const weeks = s.weekKeySeek ? ctx.weeks : [];
    const rows = await store.query<{ week: string; key: string; n: number | string }>(
      `SELECT week, ${s.key} AS key, ${s.count} AS n FROM ${s.from} ${whereOf(s, [...(weeks.length ? [`week IN ${list(weeks)}`] : []), `${s.key} IN ${list(keys)}`])} GROUP BY week, ${s.group}`,
      [...s.params, ...weeks, ...keys],
    );
    return { totals, weekly: rows.map((r) => ({ week: r.week, key: r.key, n: Number(r.n) })).sort(byWeek) };
  }
  // One pass: the weekly counts of every key (a materialised CTE), the top keys among them, and
  // the series of those keys; their totals are the sums of their series.
  const rows = await store.query<{ week: string; key: string; n: number | string }>(
    `WITH w AS (SELECT week, ${s.key} AS key, ${s.count} AS n FROM ${s.from} ${whereOf(s)} GROUP BY week, ${s.group}),
     t AS (SELECT key FROM w GROUP BY key ORDER BY SUM(n) DESC, key LIMIT ?)
     SELECT week, key, n FROM w WHERE key IN (SELECT key FROM t)`,
    [...s.params, TOP_KEYS],
  );
  const weekly = rows.map((r) => ({ week: r.week, key: r.key, n: Number(r.n) })).sort(byWeek);
  const sums = new Map<string, number>();
  for (const r of weekly) sums.set(r.key, (sums.get(r.key) ?? 0) + r.n);
  return { totals: [...sums].map(([key, n]) => ({ key, n })).sort(byTotal), weekly };
}

/** Counts by one dimension: the top keys, then their weekly series. */
export async function dimensionCounts(store: HubStore, dimension: Dimension, filter: TrendFilter, ctx?: PlanContext): Promise<DimensionCounts> {
  const context = ctx ?? (await planContext(store, filter));
  return readCounts(store, countSource(dimension, filter, context), context);
}

export async function trendSummary(store: HubStore, filter: TrendFilter): Promise<TrendSummary> {
  const ctx = await planContext(store, filter);
  // Every record has exactly one fraud type and one point of entry: the weekly totals are either
  // dimension summed over its keys.
  const s = countSource(totalsDimension(filter), filter, ctx);
  // Independent reads: on PostgreSQL they run side by side on the pool's connections (SQLite's
  // single connection takes them in turn).
  const [weekRows, counts] = await Promise.all([
    store.query<{ week: string; n: number | string }>(`SELECT week, ${s.count} AS n FROM ${s.from} ${whereOf(s)} GROUP BY week ORDER BY week`, s.params),
    Promise.all(DIMENSIONS.map((d) => readCounts(store, countSource(d, filter, ctx), ctx))),
  ]);
  const dimensions = Object.fromEntries(DIMENSIONS.map((d, i) => [d, counts[i]!])) as Record<Dimension, DimensionCounts>;
  const first = weekRows[0]?.week;
  const last = weekRows[weekRows.length - 1]?.week;
  return {
    filter,
    total: weekRows.reduce((a, r) => a + Number(r.n), 0),
    weeks: first && last ? weekRange(first, last) : [],
    dimensions,
  };
}

/** A page of the (non-personal) records behind the counts, newest week first; `after` is the last record of the previous page. */
export async function recordPage(store: HubStore, filter: TrendFilter, limit: number, after?: { week: string; id: string }): Promise<RecordRow[]> {
  return readRecordPage(store, filter, await planContext(store, filter), limit, after);
}

/** The filtered records as CSV, written page by page (keyset pagination). */
export async function writeRecordsCsv(store: HubStore, filter: TrendFilter, write: (chunk: string) => void | Promise<void>): Promise<number> {
  return streamRecordsCsv(store, filter, await planContext(store, filter), write);
}

/** Emerging (document × fraud type) combinations up to week `to` (default: this week). */
export async function emergingTrends(store: HubStore, filter: TrendFilter, now = new Date(), options: DetectorOptions = DEFAULT_DETECTOR): Promise<{ weeks: string[]; trends: EmergingTrend[] }> {
  const to = filter.to ?? isoWeekOf(now);
  const from = addWeeks(to, -(options.recentWeeks + options.baselineWeeks - 1));
  const recentFrom = addWeeks(to, -(options.recentWeeks - 1));
  const src = combinationSource(filter, from, to, await planContext(store, filter));
  // Recent and window totals per combination, summed in the database; only combinations with
  // enough recent records to be flagged at all come back.
  const recent = `SUM(CASE WHEN week >= ? THEN ${src.count} ELSE 0 END)`;
  const rows = await store.query<{ fraud_type: string; document: string; recent: number | string; total: number | string }>(
    `SELECT ${src.fraud} AS fraud_type, ${src.document} AS document, ${recent} AS recent, SUM(${src.count}) AS total
     FROM ${src.from} WHERE ${src.where.join(' AND ')} GROUP BY ${src.group} HAVING ${recent} >= ?`,
    [recentFrom, ...src.params, recentFrom, options.minCount],
  );
  const combinations = rows.map((r) => {
    // Issuer and series never contain the separator; a document type might.
    const parts = r.document.split(KEY_SEPARATOR);
    const issuer = parts[0] ?? '';
    const series = parts[parts.length - 1] ?? '';
    const documentType = parts.slice(1, -1).join(KEY_SEPARATOR);
    const recentCount = Number(r.recent);
    return { key: { issuer: issuer || null, documentType, series: series || null, fraudType: r.fraud_type }, recent: recentCount, baselineTotal: Number(r.total) - recentCount };
  });
  return { weeks: weekRange(from, to), trends: detectFromCounts(combinations, options) };
}

/**
 * The names the hub's trust list gives its members (revoked ones too: their records stay), by
 * station id, so the dashboard shows who reported something rather than a key fingerprint.
 */
export async function stationNames(store: HubStore): Promise<{ stations: Record<string, string> }> {
  const stations: Record<string, string> = {};
  for (const entry of await store.trustList()) stations[entry.station] = entry.name;
  return { stations };
}
