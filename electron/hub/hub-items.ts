// The preparation of items given as objects (HubStore.ingest): serialised and de-duplicated.
import type { BundleItem, ExpertAlert, TrendRecord } from '../contract/trends.contract';
import { canonicalJson } from '../exchange/canonical-json';
import { conflictError, type ConflictReport } from './hub-errors';

export { KEY_SEPARATOR } from '../exchange/record-counts';

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
  if (conflicts.length > 0) throw conflictError(conflicts);
  return { records: [...records.values()], alerts: [...alerts.values()] };
}
