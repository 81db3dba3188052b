// Where each dashboard view reads its counts, chosen by the filters it carries (docs/hub.md,
// "Storage"). Every source reads at most a few tens of thousands of index entries on 1,000,000
// records, whatever the filter:
//   no issuer / fraud type / point-of-entry filter → hub_cube (weekly counts per dimension key)
//   one filter                                     → hub_cross (that value × each other dimension),
//                                                    hub_cube for the filtered dimension itself
//   two filters                                    → hub_cross for a filtered dimension (one key) and
//                                                    for documents under an issuer filter (the
//                                                    issuer's keys), else the records through a
//                                                    covering index (hub_facts)
//   three filters                                  → the records through the issuer index (hub_facts)
//   the check dimension under two or three filters → hub_weekly_checks
// The records and hub_weekly_checks are read with explicit value lists (`fraud_type IN (…)`) where a
// column the view does not filter sits before one it does in the index, so each read is a set of
// index ranges rather than a scan; so is a few keys' weekly series in hub_cross (`week IN (…)`).
import { CROSSES, DOCUMENT_SQL, type CrossFilter } from './hub-aggregates';
import { KEY_SEPARATOR } from './hub-items';
import type { HubDialect, SqlValue } from './hub-store';

export type Dimension = 'fraudType' | 'document' | 'pointOfEntry' | 'check';

export interface ViewFilter {
  from?: string;
  to?: string;
  issuer?: string;
  fraudType?: string;
  pointOfEntry?: string;
}

/** What a plan needs to know besides the filter. */
export interface PlanContext {
  dialect: HubDialect;
  /** Every fraud type held (hub_cube), for `fraud_type IN (…)`. */
  fraudTypes: readonly string[];
  /** Every point of entry held, for `point_of_entry IN (…)`. */
  pointsOfEntry: readonly string[];
  /** Every week the view covers, oldest first, for `week IN (…)`. */
  weeks: readonly string[];
}

/** Weekly counts per key: `SELECT week, <key>, <count> FROM <from> WHERE <where> GROUP BY week, <group>`. */
export interface CountSource {
  from: string;
  where: string[];
  params: SqlValue[];
  key: string;
  group: string;
  count: string;
  /** One row per (week, key) in a table keyed (…, week, key): a few keys' series are index seeks. */
  weekKeySeek?: boolean;
  /** All-time totals per key from a small table (only when the view has no week range). */
  totals?: { from: string; where: string[]; params: SqlValue[] };
}

type FilterColumn = 'issuer' | 'fraudType' | 'pointOfEntry';
const FILTER_COLUMNS: readonly FilterColumn[] = ['issuer', 'fraudType', 'pointOfEntry'];

export function filteredColumns(filter: ViewFilter): FilterColumn[] {
  return FILTER_COLUMNS.filter((c) => filter[c] !== undefined);
}

const list = (values: readonly SqlValue[]) => `(${values.map(() => '?').join(', ')})`;

/** `week >= ? AND week <= ?` for the filter's range. */
function addWeekRange(filter: ViewFilter, where: string[], params: SqlValue[]): void {
  if (filter.from) {
    where.push('week >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    where.push('week <= ?');
    params.push(filter.to);
  }
}

/** `substr(key, 1, n) = 'UTO · '`: the document keys (and combinations) of one issuer. */
export function issuerPrefix(column: string, issuer: string): { sql: string; params: SqlValue[] } {
  const prefix = `${issuer}${KEY_SEPARATOR}`;
  return { sql: `substr(${column}, 1, ${prefix.length}) = ?`, params: [prefix] };
}

/** Weekly counts from a pre-aggregate (`table`, its all-time totals in `${table}_total`) under `where`. */
function preAggregate(table: 'hub_cube' | 'hub_cross', base: { where: string[]; params: SqlValue[] }, filter: ViewFilter, keyCondition?: { sql: string; params: SqlValue[] }): CountSource {
  const { where, params } = base;
  if (keyCondition) {
    where.push(keyCondition.sql);
    params.push(...keyCondition.params);
  }
  const totalsWhere = [...where];
  const totalsParams = [...params];
  addWeekRange(filter, where, params);
  return {
    from: table,
    where,
    params,
    key: 'key',
    group: 'key',
    count: 'SUM(n)',
    ...(table === 'hub_cross' && { weekKeySeek: true }),
    ...(!filter.from && !filter.to && { totals: { from: `${table}_total`, where: totalsWhere, params: totalsParams } }),
  };
}

function cube(dimension: Dimension, filter: ViewFilter, keyCondition?: { sql: string; params: SqlValue[] }): CountSource {
  return preAggregate('hub_cube', { where: ['dimension = ?'], params: [dimension] }, filter, keyCondition);
}

function cross(by: CrossFilter, value: string, dimension: Dimension, filter: ViewFilter, keyCondition?: { sql: string; params: SqlValue[] }): CountSource {
  return preAggregate('hub_cross', { where: ['filter_dimension = ?', 'filter_key = ?', 'dimension = ?'], params: [by, value, dimension] }, filter, keyCondition);
}

// The document key is built once per group, not per record: grouped by its columns.
const RECORD_KEY: Record<Exclude<Dimension, 'check'>, { key: string; group: string }> = {
  fraudType: { key: 'fraud_type', group: 'fraud_type' },
  document: { key: DOCUMENT_SQL, group: 'issuer, document_type, series' },
  pointOfEntry: { key: 'point_of_entry', group: 'point_of_entry' },
};

/**
 * The records matching two or three filters, through the covering index that leads with one of
 * them: issuer (issuer, fraud_type, point_of_entry, week, …) whenever the issuer is filtered, else
 * fraud type (fraud_type, point_of_entry, week, …). An unfiltered fraud type ahead of a filtered
 * point of entry becomes `fraud_type IN (every fraud type)`.
 */
export function recordAccess(filter: ViewFilter, ctx: PlanContext): { from: string; where: string[]; params: SqlValue[] } {
  const index = filter.issuer !== undefined ? 'hub_facts_issuer' : 'hub_facts_fraud';
  const where: string[] = [];
  const params: SqlValue[] = [];
  constrain(where, params, 'issuer', filter.issuer);
  constrain(where, params, 'fraud_type', filter.fraudType, filter.pointOfEntry !== undefined ? ctx.fraudTypes : undefined);
  constrain(where, params, 'point_of_entry', filter.pointOfEntry);
  addWeekRange(filter, where, params);
  // SQLite is told the index: with sampled statistics its planner may prefer the week index and
  // visit every row of the range. PostgreSQL's planner chooses well from its statistics.
  return { from: ctx.dialect === 'sqlite' ? `hub_facts INDEXED BY ${index}` : 'hub_facts', where, params };
}

/**
 * `column = value` when the view filters on it; otherwise, given every value held, `column IN (…)`, so
 * that a filtered column after it in an index is still a handful of index ranges, not a scan.
 */
function constrain(where: string[], params: SqlValue[], column: string, value: string | undefined, every?: readonly string[]): void {
  if (value !== undefined) {
    where.push(`${column} = ?`);
    params.push(value);
  } else if (every !== undefined && every.length > 0) {
    where.push(`${column} IN ${list(every)}`);
    params.push(...every);
  }
}

function records(dimension: Exclude<Dimension, 'check'>, filter: ViewFilter, ctx: PlanContext): CountSource {
  return { ...recordAccess(filter, ctx), ...RECORD_KEY[dimension], count: 'COUNT(*)' };
}

/**
 * hub_weekly_checks is keyed (fraud_type, point_of_entry, issuer, week, check_id) (migration 2): an
 * unfiltered fraud type or point of entry ahead of a filtered column becomes a list of every value.
 */
function weeklyChecks(filter: ViewFilter, ctx: PlanContext): CountSource {
  const where: string[] = [];
  const params: SqlValue[] = [];
  constrain(where, params, 'fraud_type', filter.fraudType, ctx.fraudTypes);
  constrain(where, params, 'point_of_entry', filter.pointOfEntry, filter.issuer !== undefined ? ctx.pointsOfEntry : undefined);
  constrain(where, params, 'issuer', filter.issuer);
  addWeekRange(filter, where, params);
  return { from: 'hub_weekly_checks', where, params, key: 'check_id', group: 'check_id', count: 'SUM(n)' };
}

/** The dimension a filter column is itself (issuer is a part of the document key). */
const OWN_DIMENSION: Partial<Record<FilterColumn, Dimension>> = { fraudType: 'fraudType', pointOfEntry: 'pointOfEntry' };

/** Where the weekly counts of `dimension` under `filter` are read. */
export function countSource(dimension: Dimension, filter: ViewFilter, ctx: PlanContext): CountSource {
  const filtered = filteredColumns(filter);
  if (filtered.length === 0) return cube(dimension, filter);
  if (filtered.length === 1) {
    const by = filtered[0]!;
    const value = filter[by]!;
    if (OWN_DIMENSION[by] === dimension) return cube(dimension, filter, { sql: 'key = ?', params: [value] });
    if (by === 'issuer' && dimension === 'document') return cube(dimension, filter, issuerPrefix('key', value));
    return cross(by, value, dimension, filter);
  }
  if (dimension === 'check') return weeklyChecks(filter, ctx);
  if (filtered.length === 2) {
    // A filtered dimension has one key: its series is that key's series in the cross of the other filter.
    const own = filtered.find((c) => OWN_DIMENSION[c] === dimension);
    if (own !== undefined) {
      const by = filtered.find((c) => c !== own)!;
      if ((CROSSES[by] as readonly Dimension[]).includes(dimension)) return cross(by, filter[by]!, dimension, filter, { sql: 'key = ?', params: [filter[own]!] });
    }
    // Documents under an issuer and one other filter: that filter's documents, the issuer's only.
    if (dimension === 'document' && filter.issuer !== undefined) {
      const by = filtered.find((c) => c !== 'issuer') as Exclude<CrossFilter, 'issuer'>;
      return cross(by, filter[by]!, dimension, filter, issuerPrefix('key', filter.issuer));
    }
  }
  return records(dimension, filter, ctx);
}

/** The source whose weekly counts, summed over keys, are the view's weekly totals (every record counts once in it). */
export function totalsDimension(filter: ViewFilter): Dimension {
  // A filtered dimension has a single key (cheapest); a record has exactly one fraud type and one
  // point of entry, so either dimension sums to the totals.
  return filter.pointOfEntry !== undefined && filter.fraudType === undefined ? 'pointOfEntry' : 'fraudType';
}

/**
 * The (document × fraud type) counts over the weeks `from`..`to` for the emerging-trend detector:
 * a source whose rows give `fraud` and `document` expressions and a count.
 */
export function combinationSource(filter: ViewFilter, from: string, to: string, ctx: PlanContext): { from: string; where: string[]; params: SqlValue[]; fraud: string; document: string; group: string; count: string } {
  const window: ViewFilter = { ...filter, from, to };
  const filtered = filteredColumns(filter);
  // Unfiltered, or filtered by fraud type and/or issuer: fraud type → document in hub_cross.
  if (filter.pointOfEntry === undefined && (filtered.length === 0 || filtered.every((c) => c === 'issuer' || c === 'fraudType'))) {
    const fraudTypes = filter.fraudType !== undefined ? [filter.fraudType] : ctx.fraudTypes;
    // An empty hub holds no fraud type: nothing to read.
    const where = ["filter_dimension = 'fraudType'", fraudTypes.length ? `filter_key IN ${list(fraudTypes)}` : '1 = 0', "dimension = 'document'"];
    const params: SqlValue[] = [...fraudTypes];
    addWeekRange(window, where, params);
    if (filter.issuer !== undefined) {
      const prefix = issuerPrefix('key', filter.issuer);
      where.push(prefix.sql);
      params.push(...prefix.params);
    }
    return { from: 'hub_cross', where, params, fraud: 'filter_key', document: 'key', group: 'filter_key, key', count: 'n' };
  }
  return { ...recordAccess(window, ctx), fraud: 'fraud_type', document: DOCUMENT_SQL, group: 'fraud_type, issuer, document_type, series', count: '1' };
}
