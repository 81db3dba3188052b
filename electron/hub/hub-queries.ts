// Dashboard queries over the hub store, in dialect-neutral SQL. Unfiltered views (and week ranges)
// read the pre-aggregated cube maintained on ingest; views filtered by issuer, fraud type or point of
// entry read the records through their indexes (see sourceOf). The drill-down and the CSV export
// read hub_records a page at a time (keyset pagination).
import { z } from 'zod';
import { FraudTypeSchema, IsoWeekSchema } from '../contract/trends.contract';
import { DEFAULT_DETECTOR, detectEmergingTrends, type DetectorOptions, type EmergingTrend, type WeeklySeries } from './emerging-trends';
import { KEY_SEPARATOR } from './hub-items';
import type { HubDialect, HubStore, SqlValue } from './hub-store';
import { addWeeks, isoWeekOf, weekRange } from '../trends/iso-week';

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
const FILTER_COLUMNS = { issuer: 'issuer', fraudType: 'fraud_type', pointOfEntry: 'point_of_entry' } as const;

// Dimension keys as SQL over hub_records (unknown issuer/series as '', like the pre-aggregates).
const DOCUMENT_SQL = `COALESCE(issuer, '') || '${KEY_SEPARATOR}' || document_type || '${KEY_SEPARATOR}' || COALESCE(series, '')`;
const RECORD_KEY_SQL: Record<Exclude<Dimension, 'check'> | 'combination', string> = {
  fraudType: 'fraud_type',
  document: DOCUMENT_SQL,
  pointOfEntry: 'point_of_entry',
  combination: `${DOCUMENT_SQL} || '${KEY_SEPARATOR}' || fraud_type`,
};

interface Source {
  table: string;
  key: string;
  where: string[];
  params: SqlValue[];
  /** Same source for the all-time totals by key (no week range), when smaller. */
  totals?: { table: string; where: string[]; params: SqlValue[] };
}

/**
 * Where the counts of `dimension` under `filter` are read. Without an issuer / fraud type / point of
 * entry filter: the pre-aggregated cube (and its all-time totals). With one: the records (or, for
 * checks, the weekly check counts) through their indexes — at weekly grain a cross of two
 * dimensions is about as large as the records themselves, so pre-aggregating it would not help.
 */
function sourceOf(dimension: Dimension | 'combination', filter: TrendFilter, dialect: HubDialect): Source {
  const filtered = (Object.keys(FILTER_COLUMNS) as (keyof typeof FILTER_COLUMNS)[]).filter((c) => filter[c] !== undefined);
  const where: string[] = [];
  const params: SqlValue[] = [];
  let source: Source;
  if (filtered.length === 0) {
    where.push('dimension = ?');
    params.push(dimension);
    source = { table: 'hub_cube', key: 'key', where, params };
    if (!filter.from && !filter.to) source.totals = { table: 'hub_cube_total', where: ['dimension = ?'], params: [dimension] };
  } else {
    const checks = dimension === 'check';
    const table = checks ? 'hub_weekly_checks' : 'hub_records';
    // The covering index that leads with the first filter (issuer, then fraud type, then point of
    // entry) matches every combination by prefix. SQLite is told so: with sampled statistics its
    // planner sometimes prefers the week index and visits every row of the range.
    const lead = filtered.includes('issuer') ? 'issuer' : filtered.includes('fraudType') ? 'fraud' : 'poe';
    const hint = dialect === 'sqlite' ? ` INDEXED BY ${table}_${lead}` : '';
    source = { table: `${table}${hint}`, key: checks ? 'check_id' : RECORD_KEY_SQL[dimension], where, params };
    for (const c of filtered) {
      where.push(`${FILTER_COLUMNS[c]} = ?`);
      params.push(filter[c]!);
    }
  }
  if (filter.from) {
    where.push('week >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    where.push('week <= ?');
    params.push(filter.to);
  }
  return source;
}

/** SUM(n) over pre-aggregates, COUNT(*) over records. */
function countOf(table: string): string {
  return table.startsWith('hub_records') ? 'COUNT(*)' : 'SUM(n)';
}

/** Counts by one dimension: the top keys, then their weekly series. */
export async function dimensionCounts(store: HubStore, dimension: Dimension, filter: TrendFilter): Promise<DimensionCounts> {
  const s = sourceOf(dimension, filter, store.dialect);
  const t = s.totals ?? s;
  const tn = countOf(t.table);
  const totals = (
    await store.query<{ key: string; n: number | string }>(`SELECT ${s.key} AS key, ${tn} AS n FROM ${t.table} WHERE ${t.where.join(' AND ')} GROUP BY ${s.key} ORDER BY ${tn} DESC, ${s.key} LIMIT ?`, [
      ...t.params,
      TOP_KEYS,
    ])
  ).map((r) => ({ key: r.key, n: Number(r.n) }));
  if (totals.length === 0) return { totals, weekly: [] };
  const keys = totals.map((x) => x.key);
  const rows = await store.query<{ week: string; key: string; n: number | string }>(
    `SELECT week, ${s.key} AS key, ${countOf(s.table)} AS n FROM ${s.table} WHERE ${s.where.join(' AND ')} AND ${s.key} IN (${keys.map(() => '?').join(',')}) GROUP BY week, ${s.key} ORDER BY week`,
    [...s.params, ...keys],
  );
  return { totals, weekly: rows.map((r) => ({ week: r.week, key: r.key, n: Number(r.n) })) };
}

export async function trendSummary(store: HubStore, filter: TrendFilter): Promise<TrendSummary> {
  // Every record has exactly one fraud type: the weekly totals are that dimension summed.
  const s = sourceOf('fraudType', filter, store.dialect);
  const weekRows = await store.query<{ week: string; n: number | string }>(`SELECT week, ${countOf(s.table)} AS n FROM ${s.table} WHERE ${s.where.join(' AND ')} GROUP BY week ORDER BY week`, s.params);
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
export async function emergingTrends(store: HubStore, filter: TrendFilter, now = new Date(), options: DetectorOptions = DEFAULT_DETECTOR): Promise<{ weeks: string[]; trends: EmergingTrend[] }> {
  const to = filter.to ?? isoWeekOf(now);
  const from = addWeeks(to, -(options.recentWeeks + options.baselineWeeks - 1));
  const weeks = weekRange(from, to);
  // One range scan of the weeks in question (a covering index of the cube when unfiltered).
  const src = sourceOf('combination', { ...filter, from, to }, store.dialect);
  const rows = await store.query<{ week: string; key: string; n: number | string }>(
    `SELECT week, ${src.key} AS key, ${countOf(src.table)} AS n FROM ${src.table} WHERE ${src.where.join(' AND ')} GROUP BY week, ${src.key}`,
    src.params,
  );
  const index = new Map(weeks.map((week, i) => [week, i]));
  const series = new Map<string, WeeklySeries & { counts: number[] }>();
  for (const r of rows) {
    let s = series.get(r.key);
    if (!s) {
      // issuer and fraud type never contain the separator; a document type might.
      const parts = r.key.split(KEY_SEPARATOR);
      const issuer = parts[0] ?? '';
      const fraudType = parts[parts.length - 1] ?? '';
      const seriesName = parts[parts.length - 2] ?? '';
      const documentType = parts.slice(1, -2).join(KEY_SEPARATOR);
      s = { key: { issuer: issuer || null, documentType, series: seriesName || null, fraudType }, counts: new Array<number>(weeks.length).fill(0) };
      series.set(r.key, s);
    }
    const w = index.get(r.week);
    if (w !== undefined) s.counts[w]! += Number(r.n);
  }
  return { weeks, trends: detectEmergingTrends([...series.values()], options) };
}
