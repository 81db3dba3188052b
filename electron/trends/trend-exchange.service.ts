// Export and import of signed bundles at the station (docs/trends.md). Export: the records and
// alerts since a week, at national scope as recorded, at international scope with small counts
// protected. Import: verify → validate every line → all-or-nothing in one transaction. A bundle with
// any refused line or conflict changes nothing; nothing taken from a bundle is ever used as a path.
import { createHash } from 'node:crypto';
import { ExpertAlertSchema, TrendRecordSchema, type BundleItem, type ExpertAlert, type TrendRecord } from '../contract/trends.contract';
import type { ImportReport } from '../contract/trend-dashboard.contract';
import { BUNDLE_LIMITS, BundleError, decodeBundle, encodeBundle, type BundleLimits } from '../exchange/bundle-codec';
import type { StationIdentity } from '../exchange/station-identity';
import { protectSmallCounts } from './small-count-protection';
import type { TrendStore } from './trend-store';

export interface ExportOptions {
  since: string | null;
  scope: 'national' | 'international';
  k: number | null;
  now?: Date;
}

export interface ExportResult {
  bundle: Buffer;
  records: number;
  alerts: number;
  coarsened: number;
  suppressed: number;
}

function recordsSince(store: TrendStore, since: string | null, liveOnly: boolean): TrendRecord[] {
  const rows = store.db
    .prepare(`SELECT content FROM trend_records WHERE week >= ? ${liveOnly ? 'AND superseded_by IS NULL' : ''} ORDER BY week, id`)
    .pluck()
    .all(since ?? '0000') as string[];
  return rows.map((c) => TrendRecordSchema.parse(JSON.parse(c)));
}

function alertsSince(store: TrendStore, since: string | null): ExpertAlert[] {
  const rows = store.db.prepare('SELECT content FROM expert_alerts WHERE week >= ? ORDER BY week, id').pluck().all(since ?? '0000') as string[];
  return rows.map((c) => ExpertAlertSchema.parse(JSON.parse(c)));
}

export function exportTrendBundle(store: TrendStore, signer: StationIdentity, options: ExportOptions): ExportResult {
  const international = options.scope === 'international';
  const k = international ? (options.k ?? store.settings().k) : null;
  // Beyond the country only current records travel: a superseded record would be counted twice.
  let records = recordsSince(store, options.since, international);
  let coarsened = 0;
  let suppressed = 0;
  if (international && k !== null) ({ records, coarsened, suppressed } = protectSmallCounts(records, k));
  const alerts = alertsSince(store, options.since);
  const items: BundleItem[] = [...records.map((record) => ({ type: 'record' as const, record })), ...alerts.map((alert) => ({ type: 'alert' as const, alert }))];
  const bundle = encodeBundle(items, signer, { scope: options.scope, k, since: options.since, ...(options.now ? { createdAt: options.now } : {}) });
  return { bundle, records: records.length, alerts: alerts.length, coarsened, suppressed };
}

const refusedReport = (fault: string, message: string, extra: Partial<ImportReport> = {}): ImportReport => ({
  applied: false,
  signer: null,
  addedRecords: 0,
  addedAlerts: 0,
  skipped: 0,
  refused: [],
  conflicts: [],
  error: { fault, message },
  ...extra,
});

export function importTrendBundle(store: TrendStore, file: Buffer, limits: BundleLimits = BUNDLE_LIMITS): ImportReport {
  let decoded;
  try {
    decoded = decodeBundle(file, store.trustLookup(), limits);
  } catch (e) {
    if (e instanceof BundleError) return refusedReport(e.fault, e.message);
    throw e;
  }
  const signer = decoded.manifest.signer.station;
  const seen = new Set<string>();
  for (const item of decoded.items) seen.add(item.type === 'record' ? item.record.id : item.alert.id);
  const conflicts: ImportReport['conflicts'] = [];
  const refused: ImportReport['refused'] = [];
  for (const r of decoded.refused) {
    // An item claiming an id already held (here or earlier in the bundle) with other content.
    const held = r.claimedId !== undefined && (seen.has(r.claimedId) || store.getRecord(r.claimedId) !== null || store.getAlert(r.claimedId) !== null);
    if (held) conflicts.push({ line: r.line, id: r.claimedId!, reason: 'an item with this id is already held with different content' });
    else refused.push({ line: r.line, reason: r.reason });
  }
  const counted = decoded.manifest.counts;
  const records = decoded.items.filter((i) => i.type === 'record').length;
  if (refused.length === 0 && conflicts.length === 0 && (records !== counted.records || decoded.items.length - records !== counted.alerts)) {
    return refusedReport('payload-mismatch', 'the number of items differs from the signed manifest', { signer });
  }
  if (refused.length > 0 || conflicts.length > 0) {
    const message = `${refused.length} item${refused.length === 1 ? '' : 's'} refused and ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}: the bundle was not imported`;
    return refusedReport(conflicts.length > 0 ? 'conflict' : 'invalid-items', message, { signer, refused: refused.slice(0, 200), conflicts: conflicts.slice(0, 200) });
  }
  const outcome = store.transaction(() => {
    const result = store.insertItems(decoded.items, signer);
    store.logImport({
      at: new Date().toISOString(),
      signer,
      bundleSha256: createHash('sha256').update(file).digest('hex'),
      scope: decoded.manifest.scope,
      addedRecords: result.addedRecords,
      addedAlerts: result.addedAlerts,
      skipped: result.skipped,
    });
    return result;
  });
  return { applied: true, signer, ...outcome, refused: [], conflicts: [], error: null };
}
