// The drill-down: a page of the (non-personal) records behind the counts, newest week first, and the
// CSV export of every matching record, page by page. Pages are keyset-paginated on (week, id) over
// hub_facts (the records the dashboard's counts include), the stored JSON read from hub_records.
//
// Two ways to find a page, chosen by how many records match (known from the pre-aggregates):
//   many  → walk hub_facts by (week, id) from the newest week and keep the matching rows: about
//           limit × (records in range ÷ matches) rows visited;
//   few   → the matching rows through a filter index, then sorted: `matches` rows visited.
// Walking is chosen when matches² ≥ 2 × limit × records in range, so either way visits at most
// about √(2 × limit × records) rows: 10,000 for a page of 50 among 1,000,000 records. Left to
// itself SQLite's planner prefers the filter index even when a third of all records match (sorting
// 330,000 rows for 50), so SQLite is kept off it (or told which index to use). PostgreSQL's planner decides well
// from its statistics.
import { countSource, filteredColumns, recordAccess, totalsDimension, type PlanContext, type ViewFilter } from './hub-query-plan';
import type { HubStore, SqlValue } from './hub-store';

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

/** Records matching `filter` (exact for up to two filters; the records' own count for three). */
export async function matchCount(store: HubStore, filter: ViewFilter, ctx: PlanContext): Promise<number> {
  const s = countSource(totalsDimension(filter), filter, ctx);
  const [row] = await store.query<{ n: number | string | null }>(`SELECT ${s.count} AS n FROM ${s.from} WHERE ${s.where.join(' AND ')}`, s.params);
  return Number(row?.n ?? 0);
}

async function pageAccess(store: HubStore, filter: ViewFilter, ctx: PlanContext, limit: number): Promise<{ from: string; where: string[]; params: SqlValue[] }> {
  const walk = (): { from: string; where: string[]; params: SqlValue[] } => {
    const where: string[] = [];
    const params: SqlValue[] = [];
    const add = (clause: string, value: string | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      params.push(value);
    };
    // SQLite: `+column` keeps a filter from choosing a covering index (which would sort every match);
    // the walk follows hub_facts' own key (week, id), a WITHOUT ROWID table's B-tree.
    const plain = store.dialect === 'sqlite' ? '+' : '';
    add('week >= ?', filter.from);
    add('week <= ?', filter.to);
    add(`${plain}issuer = ?`, filter.issuer);
    add(`${plain}fraud_type = ?`, filter.fraudType);
    add(`${plain}point_of_entry = ?`, filter.pointOfEntry);
    return { from: 'hub_facts', where, params };
  };
  if (filteredColumns(filter).length === 0) return walk();
  const matches = await matchCount(store, filter, ctx);
  const inRange = await matchCount(store, { ...(filter.from && { from: filter.from }), ...(filter.to && { to: filter.to }) }, ctx);
  return matches * matches >= 2 * limit * inRange ? walk() : recordAccess(filter, ctx);
}

/** A page of the records behind the counts, newest week first; `after` is the last record of the previous page. */
export async function readRecordPage(store: HubStore, filter: ViewFilter, ctx: PlanContext, limit: number, after?: { week: string; id: string }): Promise<RecordRow[]> {
  const n = Math.min(Math.max(1, Math.floor(limit)), RECORD_PAGE_MAX);
  const access = await pageAccess(store, filter, ctx, n);
  const where = [...access.where];
  const params = [...access.params];
  if (after) {
    // A row value: one index range in both databases.
    where.push('(week, id) < (?, ?)');
    params.push(after.week, after.id);
  }
  // The page's keys from hub_facts, then each record's stored JSON by its primary key.
  const rows = await store.query<{ content: string }>(
    `SELECT r.content FROM (SELECT week, id FROM ${access.from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY week DESC, id DESC LIMIT ?) AS f
     JOIN hub_records AS r ON r.id = f.id ORDER BY f.week DESC, f.id DESC`,
    [...params, n],
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
export async function streamRecordsCsv(store: HubStore, filter: ViewFilter, ctx: PlanContext, write: (chunk: string) => void | Promise<void>): Promise<number> {
  await write(`${CSV_COLUMNS.join(',')}\r\n`);
  let after: { week: string; id: string } | undefined;
  let total = 0;
  for (;;) {
    const page = await readRecordPage(store, filter, ctx, RECORD_PAGE_MAX, after);
    if (page.length === 0) return total;
    await write(page.map((r) => `${CSV_COLUMNS.map((c) => csvCell(r[c])).join(',')}\r\n`).join(''));
    total += page.length;
    const last = page[page.length - 1]!;
    after = { week: last.week, id: last.id };
  }
}
