// The hub's dashboard counts taken record by record from records held as objects: the oracle the
// hub's set-based SQL (hub-aggregates.ts) is checked against.
import type { TrendRecord } from '../../electron/contract/trends.contract';
import { KEY_SEPARATOR } from '../../electron/hub/hub-items';

type CheckRow = [string, string, string, string, string, number];
type CubeRow = [string, string, string, number];
type TotalRow = [string, string, number];

function bump<R extends (string | number)[]>(map: Map<string, R>, key: string, make: () => R): void {
  const row = map.get(key);
  if (row) (row[row.length - 1] as number)++;
  else map.set(key, make());
}

/**
 * The dimension keys a record counts under (one per detecting check).
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

/** Counts of `records` keyed like hub_cube, hub_cube_total and hub_weekly_checks. */
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
