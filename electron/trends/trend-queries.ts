// Dashboard queries. Each reads a weekly count table chosen for its filters (a few thousand rows
// for the unfiltered charts, the issuer × document × point-of-entry cube for crossed filters). Only
// the checks chart under both an issuer and a point-of-entry filter, and the drill-down, read the
// records table.
import type { TrendDashboard, TrendFilter } from '../contract/trend-dashboard.contract';
import { TrendRecordSchema, type FraudType, type TrendRecord } from '../contract/trends.contract';
import { detectEmergingTrends, type DetectorOptions, type WeeklyCount } from './emerging-trends';
import { addWeeks, isoWeekOf, weekRange } from './iso-week';
import type { TrendStore } from './trend-store';

type Params = Record<string, string | number>;

export function where(filter: TrendFilter, columns: { issuer?: string; poe?: string }, prefix = ''): { sql: string; params: Params } {
  const parts: string[] = [];
  const week = `${prefix}week`;
  const fraudType = `${prefix}fraud_type`;
  const params: Params = {};
  const add = (clause: string, name: string, value: string | undefined) => {
    if (value === undefined) return;
    parts.push(clause);
    params[name] = value;
  };
  add(`${week} >= @from`, 'from', filter.from);
  add(`${week} <= @to`, 'to', filter.to);
  add(`${week} = @week`, 'week', filter.week);
  add(`${fraudType} = @fraudType`, 'fraudType', filter.fraudType);
  if (columns.issuer) add(`${columns.issuer} = @issuer`, 'issuer', filter.issuer);
  if (columns.poe) add(`${columns.poe} = @poe`, 'poe', filter.pointOfEntry);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

const LIVE = 'superseded_by IS NULL';

function andLive(w: { sql: string }): string {
  return w.sql ? `${w.sql} AND ${LIVE}` : `WHERE ${LIVE}`;
}

export class TrendQueries {
  constructor(private readonly store: TrendStore) {}

  private get db() {
    // Counts first brought up to date with records inserted since the last read (an import).
    this.store.refreshCounts();
    return this.store.db;
  }

  byWeek(filter: TrendFilter): { week: string; fraudType: FraudType; n: number }[] {
    let sql: string;
    let params: Params;
    if (filter.issuer && filter.pointOfEntry) {
      const w = where(filter, { issuer: 'issuer', poe: 'point_of_entry' });
      sql = `SELECT week, fraud_type AS fraudType, sum(n) AS n FROM trend_weekly_cube INDEXED BY trend_weekly_cube_issuer ${w.sql} GROUP BY week, fraud_type`;
      params = w.params;
    } else if (filter.issuer) {
      const w = where(filter, { issuer: 'issuer' });
      sql = `SELECT week, fraud_type AS fraudType, sum(n) AS n FROM trend_weekly_issuer ${w.sql} GROUP BY week, fraud_type`;
      params = w.params;
    } else if (filter.pointOfEntry) {
      const w = where(filter, { poe: 'point_of_entry' });
      sql = `SELECT week, fraud_type AS fraudType, sum(n) AS n FROM trend_weekly_poe ${w.sql} GROUP BY week, fraud_type`;
      params = w.params;
    } else {
      const w = where(filter, {});
      sql = `SELECT week, fraud_type AS fraudType, n FROM trend_weekly_fraud ${w.sql}`;
      params = w.params;
    }
    return (this.db.prepare(`${sql} ORDER BY week, fraudType`).all(params) as { week: string; fraudType: FraudType; n: number }[]).filter((r) => r.n > 0);
  }

  byIssuer(filter: TrendFilter, limit = 20): { issuer: string; documentType: string; series: string; n: number }[] {
    if (filter.pointOfEntry) {
      const w = where(filter, { issuer: 'issuer', poe: 'point_of_entry' });
      return this.db
        .prepare(`SELECT issuer, document_type AS documentType, series, sum(n) AS n FROM trend_weekly_cube INDEXED BY trend_weekly_cube_poe ${w.sql} GROUP BY 1, 2, 3 HAVING sum(n) > 0 ORDER BY n DESC LIMIT ${limit}`)
        .all(w.params) as { issuer: string; documentType: string; series: string; n: number }[];
    }
    const w = where(filter, { issuer: 'issuer' });
    return this.db
      .prepare(`SELECT issuer, document_type AS documentType, series, sum(n) AS n FROM trend_weekly_issuer ${w.sql} GROUP BY issuer, document_type, series HAVING sum(n) > 0 ORDER BY n DESC LIMIT ${limit}`)
      .all(w.params) as { issuer: string; documentType: string; series: string; n: number }[];
  }

  byPointOfEntry(filter: TrendFilter, limit = 30): { pointOfEntry: string; n: number }[] {
    if (filter.issuer) {
      const w = where(filter, { issuer: 'issuer', poe: 'point_of_entry' });
      return this.db
        .prepare(`SELECT point_of_entry AS pointOfEntry, sum(n) AS n FROM trend_weekly_cube INDEXED BY trend_weekly_cube_issuer ${w.sql} GROUP BY 1 HAVING sum(n) > 0 ORDER BY n DESC LIMIT ${limit}`)
        .all(w.params) as { pointOfEntry: string; n: number }[];
    }
    const w = where(filter, { poe: 'point_of_entry' });
    return this.db
      .prepare(`SELECT point_of_entry AS pointOfEntry, sum(n) AS n FROM trend_weekly_poe ${w.sql} GROUP BY point_of_entry HAVING sum(n) > 0 ORDER BY n DESC LIMIT ${limit}`)
      .all(w.params) as { pointOfEntry: string; n: number }[];
  }

  byCheck(filter: TrendFilter): { checkId: string; caught: number; missed: number }[] {
    const sums = "sum(CASE WHEN role = 'caught' THEN n ELSE 0 END) AS caught, sum(CASE WHEN role = 'missed' THEN n ELSE 0 END) AS missed";
    if (filter.issuer && filter.pointOfEntry) {
      // No count table holds checks by issuer and point of entry together: read the records.
      const w = where(filter, { issuer: 'r.issuer', poe: 'r.point_of_entry' }, 'r.');
      const live = w.sql ? `${w.sql} AND r.${LIVE}` : `WHERE r.${LIVE}`;
      return this.db
        .prepare(
          `SELECT checkId, sum(caught) AS caught, sum(missed) AS missed FROM (
             SELECT j.value AS checkId, 1 AS caught, 0 AS missed FROM trend_records r, json_each(r.content, '$.caughtBy') j ${live}
             UNION ALL
             SELECT j.value, 0, 1 FROM trend_records r, json_each(r.content, '$.missedBy') j ${live})
           GROUP BY checkId ORDER BY caught DESC, checkId`,
        )
        .all(w.params) as { checkId: string; caught: number; missed: number }[];
    }
    const table = filter.issuer ? 'trend_weekly_check_issuer' : filter.pointOfEntry ? 'trend_weekly_check_poe' : 'trend_weekly_check';
    const w = where(filter, { issuer: 'issuer', poe: 'point_of_entry' });
    return this.db
      .prepare(`SELECT check_id AS checkId, ${sums} FROM ${table} ${w.sql} GROUP BY check_id HAVING caught > 0 OR missed > 0 ORDER BY caught DESC, checkId`)
      .all(w.params) as { checkId: string; caught: number; missed: number }[];
  }

  /** Weekly counts per series × fraud type over the detector's windows. */
  seriesCounts(from: string, to: string): WeeklyCount[] {
    return this.db
      .prepare('SELECT series_key AS series, fraud_type AS fraudType, week, sum(n) AS count FROM trend_weekly_issuer WHERE week >= ? AND week <= ? GROUP BY 1, 2, 3')
      .all(from, to) as WeeklyCount[];
  }

  emerging(currentWeek: string, options: Partial<DetectorOptions> = {}) {
    const recent = options.recentWeeks ?? 2;
    const baseline = options.baselineWeeks ?? 8;
    const from = addWeeks(currentWeek, -(recent + baseline - 1));
    return detectEmergingTrends(this.seriesCounts(from, currentWeek), currentWeek, options);
  }

  /** The records behind a count, newest week first. */
  records(filter: TrendFilter, limit = 100, offset = 0): { records: TrendRecord[]; more: boolean } {
    const w = where(filter, { issuer: 'issuer', poe: 'point_of_entry' });
    let sql = andLive(w);
    const params: Params = { ...w.params, limit: limit + 1, offset };
    if (filter.checkId) {
      sql += ` AND EXISTS (SELECT 1 FROM json_each(content, '$.caughtBy') WHERE value = @checkId)`;
      params.checkId = filter.checkId;
    }
    const rows = this.db.prepare(`SELECT content FROM trend_records ${sql} ORDER BY week DESC, id LIMIT @limit OFFSET @offset`).pluck().all(params) as string[];
    return { records: rows.slice(0, limit).map((c) => TrendRecordSchema.parse(JSON.parse(c))), more: rows.length > limit };
  }

  dashboard(filter: TrendFilter, now = new Date()): TrendDashboard {
    const t0 = performance.now();
    const current = filter.to ?? isoWeekOf(now);
    const f: TrendFilter = { ...filter, from: filter.from ?? addWeeks(current, -25), to: current };
    const byWeek = this.byWeek(f);
    const out: TrendDashboard = {
      weeks: weekRange(f.from!, f.to!),
      byWeek,
      byIssuer: this.byIssuer(f),
      byPointOfEntry: this.byPointOfEntry(f),
      byCheck: this.byCheck(f),
      emerging: this.emerging(current),
      total: byWeek.reduce((s, r) => s + r.n, 0),
      tookMs: 0,
    };
    out.tookMs = Math.round((performance.now() - t0) * 10) / 10;
    return out;
  }
}
