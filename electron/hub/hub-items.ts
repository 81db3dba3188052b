// Pure preparation of a decoded bundle's items for storage: canonical JSON (what the hub stores and
// compares), de-duplication inside the bundle, and the weekly pre-aggregates of new records.
import type { BundleItem, ExpertAlert, TrendRecord } from '../contract/trends.contract';
import { canonicalJson } from '../exchange/canonical-json';
import { HubConflictError, type ConflictReport } from './hub-errors';

export type PreparedRecord = TrendRecord & { canonical: string };
export type PreparedAlert = ExpertAlert & { canonical: string };

export interface PreparedItems {
  records: PreparedRecord[];
  alerts: PreparedAlert[];
}

/** Canonicalises and de-duplicates; one id with two contents in one bundle is a conflict. */
export function prepareItems(items: readonly BundleItem[]): PreparedItems {
  const records = new Map<string, PreparedRecord>();
  const alerts = new Map<string, PreparedAlert>();
  const conflicts: ConflictReport[] = [];
  for (const item of items) {
    if (item.type === 'record') {
      const canonical = canonicalJson(item.record);
      const seen = records.get(item.record.id);
      if (seen === undefined) records.set(item.record.id, { ...item.record, canonical });
      else if (seen.canonical !== canonical) conflicts.push({ type: 'record', id: item.record.id });
    } else {
      const canonical = canonicalJson(item.alert);
      const seen = alerts.get(item.alert.id);
      if (seen === undefined) alerts.set(item.alert.id, { ...item.alert, canonical });
      else if (seen.canonical !== canonical) conflicts.push({ type: 'alert', id: item.alert.id });
    }
  }
  if (conflicts.length > 0) throw new HubConflictError(conflicts);
  return { records: [...records.values()], alerts: [...alerts.values()] };
}

type WeeklyRow = [string, string, string, string, string, string, number];
type CheckRow = [string, string, string, string, string, number];

/** Weekly counts of `records` keyed like hub_weekly / hub_weekly_checks (null stored as ''). */
export function aggregateRecords(records: readonly TrendRecord[]): { weekly: WeeklyRow[]; checks: CheckRow[] } {
  const weekly = new Map<string, WeeklyRow>();
  const checks = new Map<string, CheckRow>();
  for (const r of records) {
    const issuer = r.issuer ?? '';
    const poe = r.context.pointOfEntry;
    const wKey = [r.week, r.fraudType, issuer, r.documentType, r.series ?? '', poe].join('\u0000');
    const w = weekly.get(wKey);
    if (w) w[6]++;
    else weekly.set(wKey, [r.week, r.fraudType, issuer, r.documentType, r.series ?? '', poe, 1]);
    for (const check of new Set(r.caughtBy)) {
      const cKey = [r.week, r.fraudType, issuer, poe, check].join('\u0000');
      const c = checks.get(cKey);
      if (c) c[5]++;
      else checks.set(cKey, [r.week, r.fraudType, issuer, poe, check, 1]);
    }
  }
  return { weekly: [...weekly.values()], checks: [...checks.values()] };
}
