// The hub's pre-aggregates described for the grouped counts (HUB_COUNT_TABLES: ingest counts the
// records a bundle added from their decoded facts), and the same keys per record for code that
// holds records as objects; plus the preparation of items given as objects (HubStore.ingest).
import type { BundleItem, ExpertAlert, TrendRecord } from '../contract/trends.contract';
import { canonicalJson } from '../exchange/canonical-json';
import { KEY_SEPARATOR, type CountTableSpec } from '../exchange/record-counts';
import { HubConflictError, type ConflictReport } from './hub-errors';

export { KEY_SEPARATOR } from '../exchange/record-counts';

const CUBE_DIMENSIONS = [
  ['fraudType', 'fraudType'],
  ['document', 'document'],
  ['pointOfEntry', 'pointOfEntry'],
  ['check', 'check'],
] as const;

/**
 * hub_cube (weekly counts per dimension key), hub_cube_total (all-time counts per key) and
 * hub_weekly_checks, as grouped counts: a record counts once under each dimension, and once per
 * distinct check that caught it.
 */
export const HUB_COUNT_TABLES: readonly CountTableSpec[] = [
  ...CUBE_DIMENSIONS.map(([dimension, part]): CountTableSpec => ({
    table: 'hub_cube',
    key: [{ const: dimension }, part, 'week'],
    columns: ['dimension', 'key', 'week'],
    ...(part === 'check' ? { checks: 'caught-distinct' as const } : {}),
  })),
  ...CUBE_DIMENSIONS.map(([dimension, part]): CountTableSpec => ({
    table: 'hub_cube_total',
    key: [{ const: dimension }, part],
    columns: ['dimension', 'key'],
    ...(part === 'check' ? { checks: 'caught-distinct' as const } : {}),
  })),
  {
    table: 'hub_weekly_checks',
    key: ['week', 'fraudType', 'issuer', 'pointOfEntry', 'check'],
    columns: ['week', 'fraud_type', 'issuer', 'point_of_entry', 'check_id'],
    checks: 'caught-distinct',
  },
];

/** `json`: the validated item serialised in schema key order (the same content gives the same text). */
export type PreparedRecord = TrendRecord & { json: string };
export type PreparedAlert = ExpertAlert & { json: string };

export interface PreparedItems {
  records: PreparedRecord[];
  alerts: PreparedAlert[];
}

function sameContent(a: string, b: string): boolean {
  return a === b || canonicalJson(JSON.parse(a)) === canonicalJson(JSON.parse(b));
}

/** Serialises and de-duplicates; one id with two contents in one bundle is a conflict. */
export function prepareItems(items: readonly BundleItem[]): PreparedItems {
  const records = new Map<string, PreparedRecord>();
  const alerts = new Map<string, PreparedAlert>();
  const conflicts: ConflictReport[] = [];
  for (const item of items) {
    if (item.type === 'record') {
      const json = JSON.stringify(item.record);
      const seen = records.get(item.record.id);
      if (seen === undefined) records.set(item.record.id, { ...item.record, json });
      else if (!sameContent(seen.json, json)) conflicts.push({ type: 'record', id: item.record.id });
    } else {
      const json = JSON.stringify(item.alert);
      const seen = alerts.get(item.alert.id);
      if (seen === undefined) alerts.set(item.alert.id, { ...item.alert, json });
      else if (!sameContent(seen.json, json)) conflicts.push({ type: 'alert', id: item.alert.id });
    }
  }
  if (conflicts.length > 0) throw new HubConflictError(conflicts);
  return { records: [...records.values()], alerts: [...alerts.values()] };
}

type CheckRow = [string, string, string, string, string, number];
type CubeRow = [string, string, string, number];
type TotalRow = [string, string, number];

function bump<R extends (string | number)[]>(map: Map<string, R>, key: string, make: () => R): void {
  const row = map.get(key);
  if (row) (row[row.length - 1] as number)++;
  else map.set(key, make());
}

/**
 * The dimension keys a record counts under (one per detecting check): the per-record form of
 * HUB_COUNT_TABLES, for code that holds records as objects (a test checks they agree).
 */
export function dimensionKeys(r: TrendRecord): [string, string][] {
  const document = [r.issuer ?? '', r.documentType, r.series ?? ''].join(KEY_SEPARATOR);
  return [
    ['fraudType', r.fraudType],
    ['document', document],
    ['pointOfEntry', r.context.pointOfEntry],
    ...[...new Set(r.caughtBy)].map((c): [string, string] => ['check', c]),
  ];
}

/** Counts of `records` keyed like hub_cube, hub_cube_total and hub_weekly_checks (per record; ingest counts with HUB_COUNT_TABLES). */
export function aggregateRecords(records: readonly TrendRecord[]): { cube: CubeRow[]; totals: TotalRow[]; checks: CheckRow[] } {
  const cube = new Map<string, CubeRow>();
  const totals = new Map<string, TotalRow>();
  const checks = new Map<string, CheckRow>();
  for (const r of records) {
    const week = r.week;
    for (const [dimension, key] of dimensionKeys(r)) {
      const id = `${dimension}\u0000${key}`;
      bump(cube, `${id}\u0000${week}`, () => [dimension, key, week, 1]);
      bump(totals, id, () => [dimension, key, 1]);
    }
    const issuer = r.issuer ?? '';
    const poe = r.context.pointOfEntry;
    for (const check of new Set(r.caughtBy)) bump(checks, `${week}\u0000${r.fraudType}\u0000${issuer}\u0000${poe}\u0000${check}`, () => [week, r.fraudType, issuer, poe, check, 1]);
  }
  return { cube: [...cube.values()], totals: [...totals.values()], checks: [...checks.values()] };
}
