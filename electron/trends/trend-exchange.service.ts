// Export and import of signed bundles at the station (docs/trends.md). Export: the records and
// alerts since a week, at national scope as recorded, at international scope with small counts
// protected. Import: verify → validate every line → all-or-nothing in one transaction. A bundle with
// any refused line or conflict changes nothing; nothing taken from a bundle is ever used as a path.
import { createHash } from 'node:crypto';
import { ExpertAlertSchema, TrendRecordSchema, type BundleItem, type ExpertAlert, type TrendRecord } from '../contract/trends.contract';
import type { ImportReport } from '../contract/trend-dashboard.contract';
import { BUNDLE_LIMITS, BundleError, encodeBundle, type BundleLimits, type RefusedLine } from '../exchange/bundle-codec';
import { startBundleDecodeSync, type DecodeSession, type DecodeSessionOptions } from '../exchange/bundle-decode-pool';
import { withBackgroundCheckpoint } from '../store/wal-checkpointer';
import type { StationIdentity } from '../exchange/station-identity';
import { protectSmallCounts } from './small-count-protection';
import type { TrendStore } from './trend-store';
import type { InsertOutcome } from './trend-write-batch';

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

/** A bundle refused after decoding began: the transaction rolls back and this report is returned. */
class RefusedImport extends Error {
  constructor(readonly report: ImportReport) {
    super(report.error?.message ?? 'refused');
  }
}

/**
 * Imports a signed bundle, all or nothing, in one transaction. Lines are decoded in a worker thread
 * (for a bundle of some size) while this thread inserts the previous chunk: the transaction stays
 * synchronous and waits for chunks without running the event loop.
 */
export function importTrendBundle(store: TrendStore, file: Buffer, limits: BundleLimits = BUNDLE_LIMITS, options: DecodeSessionOptions = {}): ImportReport {
  let session: DecodeSession;
  try {
    session = startBundleDecodeSync(file, store.trustLookup(), limits, options);
  } catch (e) {
    if (e instanceof BundleError) return refusedReport(e.fault, e.message);
    throw e;
  }
  const signer = session.manifest.signer.station;
  try {
    // The log of a large import is copied back into the database file in the background.
    const outcome = withBackgroundCheckpoint(store.db, () => store.transaction(() => applyBundle(store, session, file)));
    return { applied: true, signer, ...outcome, refused: [], conflicts: [], error: null };
  } catch (e) {
    if (e instanceof RefusedImport) return e.report;
    if (e instanceof BundleError) return refusedReport(e.fault, e.message);
    throw e;
  } finally {
    session.close();
  }
}

function applyBundle(store: TrendStore, session: DecodeSession, file: Buffer): InsertOutcome {
  const { manifest } = session;
  const signer = manifest.signer.station;
  const batch = store.beginBatch(signer);
  const refusedLines: RefusedLine[] = [];
  // After a refused line nothing more is inserted (the bundle will be refused); the ids of the valid
  // items that follow are kept to tell conflicts from other refusals.
  const laterIds = new Set<string>();
  let step = session.nextSync();
  for (; step.type === 'chunk'; step = session.nextSync()) {
    const { rows, chunk } = step;
    if (chunk.refused.length > 0) refusedLines.push(...chunk.refused);
    if (refusedLines.length > 0) {
      for (let i = 0; i < rows.count; i++) laterIds.add(rows.id(i));
      for (const a of chunk.alerts) laterIds.add(a.alert.id);
      continue;
    }
    batch.facts(chunk.records);
    for (let i = 0; i < rows.count; i++) batch.recordOf(rows, i);
    for (const a of chunk.alerts) batch.alert(a.alert, a.json);
    // An item repeated in the bundle is held by then: skipped, like any item held.
    batch.outcome.skipped += chunk.repeats.length;
  }
  const { summary } = step;
  const conflicts: ImportReport['conflicts'] = [];
  const refused: ImportReport['refused'] = [];
  for (const r of refusedLines) {
    // An item claiming an id already held (here, or anywhere in the bundle) with other content.
    const id = r.claimedId;
    const held = id !== undefined && (laterIds.has(id) || store.getRecord(id) !== null || store.getAlert(id) !== null);
    if (held) conflicts.push({ line: r.line, id, reason: 'an item with this id is already held with different content' });
    else refused.push({ line: r.line, reason: r.reason });
  }
  if (refused.length > 0 || conflicts.length > 0) {
    const message = `${refused.length} item${refused.length === 1 ? '' : 's'} refused and ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}: the bundle was not imported`;
    throw new RefusedImport(refusedReport(conflicts.length > 0 ? 'conflict' : 'invalid-items', message, { signer, refused: refused.slice(0, 200), conflicts: conflicts.slice(0, 200) }));
  }
  if (summary.records !== manifest.counts.records || summary.alerts !== manifest.counts.alerts) {
    throw new RefusedImport(refusedReport('payload-mismatch', 'the number of items differs from the signed manifest', { signer }));
  }
  // The import's records are counted by the next read of the counts (trend_counts_pending).
  const outcome = batch.finish(session.dictionary, 'pending');
  store.logImport({
    at: new Date().toISOString(),
    signer,
    bundleSha256: createHash('sha256').update(file).digest('hex'),
    scope: manifest.scope,
    addedRecords: outcome.addedRecords,
    addedAlerts: outcome.addedAlerts,
    skipped: outcome.skipped,
  });
  return outcome;
}
