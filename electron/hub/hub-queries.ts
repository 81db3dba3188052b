// Dashboard queries over the hub store, in dialect-neutral SQL. Counts come from the weekly tables
// maintained on ingest (hub_weekly, hub_weekly_checks), never from a scan of the records; only the
// drill-down and the CSV export read hub_records, a page at a time through its indexes.
import { z } from 'zod';
import { FraudTypeSchema, IsoWeekSchema } from '../contract/trends.contract';
import { detectEmergingTrends, type EmergingTrend, type WeeklySeries } from './emerging-trends';
import type { HubStore, SqlValue } from './hub-store';
import { addWeeks, isoWeekOf, weekRange } from './iso-week';

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

export type Dimension = 'fraudType' | 'document' | 'pointOfEntry' | 'check';
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
const DIMENSION_EXPR: Record<Dimension, string> = {
  fraudType: 'fraud_type',
  // issuer and series are '' when unknown in the weekly tables
  document: "issuer || ' · ' || document_type || ' · ' || series",
  pointOfEntry: 'point_of_entry',
  check: 'check_id',
};

function where(filter: TrendFilter): { sql: string; params: SqlValue[] } {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, value: string) => {
    clauses.push(clause);
    params.push(value);
  };
  if (filter.from) add('week >= ?', filter.from);
  if (filter.to) add('week <= ?', filter.to);
  if (filter.issuer) add('issuer = ?', filter.issuer);
  if (filter.fraudType) add('fraud_type = ?', filter.fraudType);
  if (filter.pointOfEntry) add('point_of_entry = ?', filter.pointOfEntry);
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** Counts by one dimension: the top keys, then their weekly series. */
export async function dimensionCounts(store: HubStore, dimension: Dimension, filter: TrendFilter): Promise<DimensionCounts> {
  const table = dimension === 'check' ? 'hub_weekly_checks' : 'hub_weekly';
  const expr = DIMENSION_EXPR[dimension];
  const w = where(filter);
  const totals = (await store.query<{ key: string; n: number | string }>(`SELECT ${expr} AS key, SUM(n) AS n FROM ${table} ${w.sql} GROUP BY ${expr} ORDER BY SUM(n) DESC, ${expr} LIMIT ?`, [...w.params, TOP_KEYS])).map(
    (r) => ({ key: r.key, n: Number(r.n) }),
  );
  if (totals.length === 0) return { totals, weekly: [] };
  const keys = totals.map((t) => t.key);
  const rows = await store.query<{ week: string; key: string; n: number | string }>(
    `SELECT week, ${expr} AS key, SUM(n) AS n FROM ${table} ${w.sql ? `${w.sql} AND` : 'WHERE'} ${expr} IN (${keys.map(() => '?').join(',')}) GROUP BY week, ${expr} ORDER BY week`,
    [...w.params, ...keys],
  );
  return { totals, weekly: rows.map((r) => ({ week: r.week, key: r.key, n: Number(r.n) })) };
}

export async function trendSummary(store: HubStore, filter: TrendFilter): Promise<TrendSummary> {
  const w = where(filter);
  const weekRows = await store.query<{ week: string; n: number | string }>(`SELECT week, SUM(n) AS n FROM hub_weekly ${w.sql} GROUP BY week ORDER BY week`, w.params);
  const dimensions = {} as Record<Dimension, DimensionCounts>;
  for (const d of DIMENSIONS) dimensions[d] = await dimensionCounts(store, d, filter);
  const first = weekRows[0]?.week;
  const last = weekRows[weekRows.length - 1]?.week;
  return {
    filter,
    total: weekRows.reduce((a, r) => a + Number(r.n), 0),
    weeks: first && last ? weekRange(first, last) : [],
    dimensions,
  };
}

export interface RecordRow {
  id: string;
  week: string;
  station: string;
  country: string;
  issuer: string | null;
  documentType: string;
  series: string | null;
  fraudType: string;
  pointOfEntry: string;
  caughtBy: string[];
  revealedBy: string[];
}

export const RECORD_PAGE_MAX = 500;

/** A page of the (non-personal) records behind the counts, newest week first; `after` is the last id of the previous page. */
export async function recordPage(store: HubStore, filter: TrendFilter, limit: number, after?: { week: string; id: string }): Promise<RecordRow[]> {
  const w = where(filter);
  const clauses = w.sql ? [w.sql.slice('WHERE '.length)] : [];
  const params = [...w.params];
  if (after) {
    clauses.push('(week < ? OR (week = ? AND id < ?))');
    params.push(after.week, after.week, after.id);
  }
  const rows = await store.query<{ content: string }>(
    `SELECT content FROM hub_records ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY week DESC, id DESC LIMIT ?`,
    [...params, Math.min(Math.max(1, limit), RECORD_PAGE_MAX)],
  );
  return rows.map((r) => {
    const c = JSON.parse(r.content) as { id: string; week: string; station: string; country: string; issuer: string | null; documentType: string; series: string | null; fraudType: string; context: { pointOfEntry: string }; caughtBy: string[]; revealedBy: string[] };
    return {
      id: c.id,
      week: c.week,
      station: c.station,
      country: c.country,
      issuer: c.issuer,
      documentType: c.documentType,
      series: c.series,
      fraudType: c.fraudType,
      pointOfEntry: c.context.pointOfEntry,
      caughtBy: c.caughtBy,
      revealedBy: c.revealedBy,
    };
  });
}

const CSV_COLUMNS: (keyof RecordRow)[] = ['id', 'week', 'station', 'country', 'issuer', 'documentType', 'series', 'fraudType', 'pointOfEntry', 'caughtBy', 'revealedBy'];

function csvCell(value: RecordRow[keyof RecordRow]): string {
  const text = value === null ? '' : Array.isArray(value) ? value.join(';') : String(value);
  // Quote always; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The filtered records as CSV, written page by page (keyset pagination). */
export async function writeRecordsCsv(store: HubStore, filter: TrendFilter, write: (chunk: string) => void | Promise<void>): Promise<number> {
  await write(`${CSV_COLUMNS.join(',')}\r\n`);
  let after: { week: string; id: string } | undefined;
  let total = 0;
  for (;;) {
    const page = await recordPage(store, filter, RECORD_PAGE_MAX, after);
    if (page.length === 0) return total;
    await write(page.map((r) => `${CSV_COLUMNS.map((c) => csvCell(r[c])).join(',')}\r\n`).join(''));
    total += page.length;
    const last = page[page.length - 1]!;
    after = { week: last.week, id: last.id };
  }
}

/** Emerging (document × fraud type) combinations up to week `to` (default: this week). */
export async function emergingTrends(store: HubStore, filter: TrendFilter, now = new Date()): Promise<{ weeks: string[]; trends: EmergingTrend[] }> {
  const to = filter.to ?? isoWeekOf(now);
  const from = addWeeks(to, -13);
  const weeks = weekRange(from, to);
  const w = where({ ...filter, from, to });
  const rows = await store.query<{ week: string; issuer: string; document_type: string; series: string; fraud_type: string; n: number | string }>(
    `SELECT week, issuer, document_type, series, fraud_type, SUM(n) AS n FROM hub_weekly ${w.sql} GROUP BY week, issuer, document_type, series, fraud_type`,
    w.params,
  );
  const index = new Map(weeks.map((week, i) => [week, i]));
  const series = new Map<string, WeeklySeries & { counts: number[] }>();
  for (const r of rows) {
    const id = [r.issuer, r.document_type, r.series, r.fraud_type].join('\u0000');
    let s = series.get(id);
    if (!s) {
      s = { key: { issuer: r.issuer || null, documentType: r.document_type, series: r.series || null, fraudType: r.fraud_type }, counts: new Array<number>(weeks.length).fill(0) };
      series.set(id, s);
    }
    const i = index.get(r.week);
    if (i !== undefined) s.counts[i]! += Number(r.n);
  }
  return { weeks, trends: detectEmergingTrends([...series.values()]) };
}
