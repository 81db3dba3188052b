// The read side of the hub, maintained set-based (grouped passes over the records of a range of
// bundles, never row by row) by refreshAggregates, after the bundles' own transactions (migration 3):
//   hub_facts                            the records' dimension columns, with the covering indexes
//                                        of the views that read records (hub-query-plan.ts)
//   hub_cube, hub_cube_total             weekly and all-time counts per dimension key
//   hub_weekly_checks                    the check dimension under several filters
//   hub_cross, hub_cross_total           the filtered-view crosses (below)
// All of them advance together, in one transaction, to the last bundle stored (hub_aggregated), so
// every view reads one consistent set of bundles.
//
// A dashboard view filtered by one value (say the most frequent fraud type, a third of all records)
// reads, per other dimension, at most (keys × weeks) rows of hub_cross instead of scanning that third
// of the records. At weekly grain a cross of two dimensions holds fewer rows than the records but not
// far fewer (fraud type × issuer · document · series: ~300,000 rows for 1,000,000 synthetic records),
// so the crosses kept are only those a single filter needs:
//   fraud type     → issuer · document · series, point of entry, detecting check
//   issuer         → fraud type, point of entry, detecting check (documents: hub_cube keys by prefix)
//   point of entry → fraud type, issuer · document · series, detecting check
// Views with two or more filters match a small share of the records and read them through covering
// indexes (hub-query-plan.ts).
import { KEY_SEPARATOR } from './hub-items';
import type { HubDialect, SqlSession } from './hub-store';

/** Dimension keys as SQL over hub_records (unknown issuer/series as '', like every pre-aggregate). */
export const DOCUMENT_SQL = `COALESCE(issuer, '') || '${KEY_SEPARATOR}' || document_type || '${KEY_SEPARATOR}' || COALESCE(series, '')`;

export type CrossFilter = 'fraudType' | 'issuer' | 'pointOfEntry';
export type CrossDimension = 'fraudType' | 'document' | 'pointOfEntry' | 'check';

/** The crosses held: filter → dimensions (column expressions over the bundle's rows `r`). */
const FILTER_SQL: Record<CrossFilter, string> = { fraudType: 'fraud_type', issuer: 'issuer', pointOfEntry: 'point_of_entry' };
const DIMENSION_SQL: Record<Exclude<CrossDimension, 'check'>, string> = { fraudType: 'fraud_type', document: 'document', pointOfEntry: 'point_of_entry' };
export const CROSSES: Record<CrossFilter, readonly CrossDimension[]> = {
  fraudType: ['document', 'pointOfEntry', 'check'],
  issuer: ['fraudType', 'pointOfEntry', 'check'],
  pointOfEntry: ['fraudType', 'document', 'check'],
};

export function hasCross(filter: CrossFilter, dimension: CrossDimension): boolean {
  return CROSSES[filter].includes(dimension);
}

/**
 * The weekly cross counts of the records matching `where` (a condition on hub_records): CTEs `r` (the
 * records) and `c` (their checks), and a SELECT of rows (filter, filter_key, dimension, week, key, n),
 * unique on the first five. A record counts once under each check it lists, even when listed twice
 * (as in hub_cube).
 */
function crossDelta(dialect: HubDialect, where: string): { ctes: string; select: string } {
  const { r, c } = deltaSources(dialect, where);
  return { ctes: `r AS MATERIALIZED (\n  ${r}),\nc AS MATERIALIZED (${c})`, select: crossSelect('r', 'c') };
}

/** The cross rows counted over a table of records and one of their checks (deltaSources). */
function crossSelect(records: string, checks: string): string {
  const parts: string[] = [];
  for (const [filter, dimensions] of Object.entries(CROSSES) as [CrossFilter, readonly CrossDimension[]][]) {
    for (const dimension of dimensions) {
      const source = dimension === 'check' ? checks : records;
      const key = dimension === 'check' ? 'check_id' : DIMENSION_SQL[dimension];
      const f = FILTER_SQL[filter];
      parts.push(`SELECT '${filter}' AS filter_dimension, ${f} AS filter_key, '${dimension}' AS dimension, week, ${key} AS key, COUNT(*) AS n FROM ${source} GROUP BY ${f}, week, ${key}`);
    }
  }
  return parts.join('\nUNION ALL ');
}

/**
 * `r`: the records matching `where` (a condition on hub_records), with the dimension columns the
 * counts group by; `c`: one row per record and check that caught it (a check listed twice counts
 * once). The checks are read from the stored JSON; `r` leaves the JSON out so that it stays small.
 */
function deltaSources(dialect: HubDialect, where: string): { r: string; c: string } {
  const c =
    dialect === 'sqlite'
      ? `SELECT DISTINCT h.rowid AS record, h.week, h.fraud_type, COALESCE(h.issuer, '') AS issuer, h.point_of_entry, j.value AS check_id
  FROM hub_records AS h, json_each(h.content, '$.caughtBy') AS j WHERE ${where}`
      : `SELECT DISTINCT h.id AS record, h.week, h.fraud_type, COALESCE(h.issuer, '') AS issuer, h.point_of_entry, j.check_id
  FROM hub_records AS h, jsonb_array_elements_text(h.content::jsonb -> 'caughtBy') AS j(check_id) WHERE ${where}`;
  return { r: `SELECT week, fraud_type, COALESCE(issuer, '') AS issuer, ${DOCUMENT_SQL} AS document, point_of_entry FROM hub_records WHERE ${where}`, c };
}

const CROSS_COLUMNS = 'filter_dimension, filter_key, dimension, week, key, n';
const TOTAL_COLUMNS = 'filter_dimension, filter_key, dimension, key, n';

/**
 * Statements that add the records matching `where` to hub_cross and hub_cross_total. `where` may hold
 * `?` parameters: only the first statement uses them, `where` appearing twice in it.
 */
export function crossUpdateStatements(dialect: HubDialect, where: string): string[] {
  const { ctes, select } = crossDelta(dialect, where);
  if (dialect === 'sqlite') {
    // The delta goes to a temporary table once and feeds both tables.
    return [
      `CREATE TEMP TABLE hub_cross_delta AS WITH ${ctes}\n${select}`,
      // `WHERE true` keeps SQLite from reading ON CONFLICT as a join constraint.
      `INSERT INTO hub_cross (${CROSS_COLUMNS}) SELECT ${CROSS_COLUMNS} FROM temp.hub_cross_delta WHERE true ON CONFLICT DO UPDATE SET n = n + excluded.n`,
      `INSERT INTO hub_cross_total (${TOTAL_COLUMNS}) SELECT filter_dimension, filter_key, dimension, key, SUM(n) FROM temp.hub_cross_delta GROUP BY 1, 2, 3, 4 ON CONFLICT DO UPDATE SET n = n + excluded.n`,
      'DROP TABLE temp.hub_cross_delta',
    ];
  }
  // One statement: the delta is computed once and feeds both tables (a data-modifying CTE).
  return [
    `WITH ${ctes},
d AS MATERIALIZED (${select}),
x AS (INSERT INTO hub_cross (${CROSS_COLUMNS}) SELECT ${CROSS_COLUMNS} FROM d ORDER BY 1, 2, 3, 4, 5 ON CONFLICT (filter_dimension, filter_key, dimension, week, key) DO UPDATE SET n = hub_cross.n + excluded.n)
INSERT INTO hub_cross_total (${TOTAL_COLUMNS}) SELECT filter_dimension, filter_key, dimension, key, SUM(n) FROM d GROUP BY 1, 2, 3, 4
ON CONFLICT (filter_dimension, filter_key, dimension, key) DO UPDATE SET n = hub_cross_total.n + excluded.n`,
  ];
}

/** hub_cube's rows (no filter: '') over the records and their checks. */
const cubeSelect = (records: string, checks: string) =>
  [
    `SELECT '' AS filter_dimension, '' AS filter_key, 'fraudType' AS dimension, week, fraud_type AS key, COUNT(*) AS n FROM ${records} GROUP BY week, fraud_type`,
    `SELECT '', '', 'document', week, document, COUNT(*) FROM ${records} GROUP BY week, document`,
    `SELECT '', '', 'pointOfEntry', week, point_of_entry, COUNT(*) FROM ${records} GROUP BY week, point_of_entry`,
    `SELECT '', '', 'check', week, check_id, COUNT(*) FROM ${checks} GROUP BY week, check_id`,
  ].join('\nUNION ALL ');

/**
 * Statements that add the records first stored by bundles `?`..`?` (the first three statements take
 * those two parameters) to every read-side table: the records and their checks go to temporary
 * tables once, and feed the facts and every count table (hub_cube's rows have no filter).
 */
export function aggregateStatements(dialect: HubDialect): string[] {
  const where = 'first_seq BETWEEN ? AND ?';
  const { r, c } = deltaSources(dialect, where);
  const upsert = (table: string, columns: string, keys: string, select: string) =>
    `INSERT INTO ${table} (${columns}) ${select} ON CONFLICT (${keys}) DO UPDATE SET n = ${table}.n + excluded.n`;
  return [
    `INSERT INTO hub_facts (week, id, issuer, document_type, series, fraud_type, point_of_entry)
  SELECT week, id, issuer, document_type, series, fraud_type, point_of_entry FROM hub_records WHERE ${where} ORDER BY week, id`,
    `CREATE TEMP TABLE hub_new_records AS ${r}`,
    `CREATE TEMP TABLE hub_new_checks AS ${c}`,
    `CREATE TEMP TABLE hub_new_counts AS ${cubeSelect('hub_new_records', 'hub_new_checks')}\nUNION ALL ${crossSelect('hub_new_records', 'hub_new_checks')}`,
    upsert('hub_cube', 'dimension, key, week, n', 'dimension, key, week', "SELECT dimension, key, week, n FROM hub_new_counts WHERE filter_dimension = '' ORDER BY 1, 2, 3"),
    upsert('hub_cube_total', 'dimension, key, n', 'dimension, key', "SELECT dimension, key, SUM(n) FROM hub_new_counts WHERE filter_dimension = '' GROUP BY 1, 2"),
    upsert('hub_cross', CROSS_COLUMNS, 'filter_dimension, filter_key, dimension, week, key', `SELECT ${CROSS_COLUMNS} FROM hub_new_counts WHERE filter_dimension <> '' ORDER BY 1, 2, 3, 4, 5`),
    upsert('hub_cross_total', TOTAL_COLUMNS, 'filter_dimension, filter_key, dimension, key', "SELECT filter_dimension, filter_key, dimension, key, SUM(n) FROM hub_new_counts WHERE filter_dimension <> '' GROUP BY 1, 2, 3, 4"),
    upsert(
      'hub_weekly_checks',
      'fraud_type, point_of_entry, issuer, week, check_id, n',
      'fraud_type, point_of_entry, issuer, week, check_id',
      'SELECT fraud_type, point_of_entry, issuer, week, check_id, COUNT(*) FROM hub_new_checks GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5',
    ),
    'DROP TABLE hub_new_counts',
    'DROP TABLE hub_new_checks',
    'DROP TABLE hub_new_records',
  ];
}

/** Bundles stored but not yet in the read-side tables. */
export interface PendingAggregation {
  fromSeq: number;
  toSeq: number;
  /** Records the bundles carry (those stored earlier by another bundle included). */
  records: number;
}

/** What the read side lacks (undefined when it is current). */
export async function pendingAggregation(session: SqlSession): Promise<PendingAggregation | undefined> {
  const [row] = await session.all<{ done: number | string; last: number | string | null; records: number | string | null }>(
    'SELECT a.seq AS done, MAX(b.seq) AS last, SUM(b.records) AS records FROM hub_aggregated AS a LEFT JOIN hub_bundles AS b ON b.seq > a.seq GROUP BY a.seq',
  );
  if (!row || row.last === null) return undefined;
  return { fromSeq: Number(row.done) + 1, toSeq: Number(row.last), records: Number(row.records ?? 0) };
}

/** Brings the read side up to the last bundle stored, in the transaction `tx` (which holds the write lock). */
export async function aggregatePending(tx: SqlSession, dialect: HubDialect): Promise<PendingAggregation | undefined> {
  const pending = await pendingAggregation(tx);
  if (!pending) return undefined;
  const [first, ...rest] = aggregateStatements(dialect);
  const range = [pending.fromSeq, pending.toSeq];
  await tx.run(first!, range);
  await tx.run(rest[0]!, range);
  await tx.run(rest[1]!, range);
  for (const sql of rest.slice(2)) await tx.run(sql);
  await tx.run('UPDATE hub_aggregated SET seq = ?', [pending.toSeq]);
  return pending;
}
