// The filtered-view pre-aggregates (hub_cross, hub_cross_total; migration 2), maintained set-based:
// one grouped pass over the records a bundle added, in the ingest transaction, never row by row.
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
  // The checks are read from the stored JSON; `r` leaves the JSON out so that it stays small.
  const checks =
    dialect === 'sqlite'
      ? `SELECT DISTINCT h.rowid, h.week, h.fraud_type, COALESCE(h.issuer, '') AS issuer, h.point_of_entry, j.value AS check_id
  FROM hub_records AS h, json_each(h.content, '$.caughtBy') AS j WHERE ${where}`
      : `SELECT DISTINCT h.id, h.week, h.fraud_type, COALESCE(h.issuer, '') AS issuer, h.point_of_entry, j.check_id
  FROM hub_records AS h, jsonb_array_elements_text(h.content::jsonb -> 'caughtBy') AS j(check_id) WHERE ${where}`;
  const parts: string[] = [];
  for (const [filter, dimensions] of Object.entries(CROSSES) as [CrossFilter, readonly CrossDimension[]][]) {
    for (const dimension of dimensions) {
      const source = dimension === 'check' ? 'c' : 'r';
      const key = dimension === 'check' ? 'check_id' : DIMENSION_SQL[dimension];
      const f = FILTER_SQL[filter];
      parts.push(`SELECT '${filter}' AS filter_dimension, ${f} AS filter_key, '${dimension}' AS dimension, week, ${key} AS key, COUNT(*) AS n FROM ${source} GROUP BY ${f}, week, ${key}`);
    }
  }
  return {
    ctes: `r AS MATERIALIZED (
  SELECT week, fraud_type, COALESCE(issuer, '') AS issuer, ${DOCUMENT_SQL} AS document, point_of_entry FROM hub_records WHERE ${where}),
c AS MATERIALIZED (${checks})`,
    select: parts.join('\nUNION ALL '),
  };
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

/**
 * Adds the records first stored by bundles `fromSeq`..`toSeq` to the filtered-view aggregates.
 * Called by ingest in its transaction, after the bundle's records are inserted.
 */
export async function updateAggregates(tx: SqlSession, dialect: HubDialect, fromSeq: number, toSeq: number): Promise<void> {
  const [first, ...rest] = crossUpdateStatements(dialect, 'first_seq BETWEEN ? AND ?');
  await tx.run(first!, [fromSeq, toSeq, fromSeq, toSeq]);
  for (const sql of rest) await tx.run(sql);
}
