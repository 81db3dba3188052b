// Export and import of signed bundles at the station (docs/trends.md). Export: the records and
// alerts since a week, at national scope as recorded, at international scope with small counts
// protected. Import: verify → validate every line → all-or-nothing in one transaction. A bundle with
// any refused line or conflict changes nothing; nothing taken from a bundle is ever used as a path.
import { createHash } from 'node:crypto';
import { ExpertAlertSchema, TrendRecordSchema, type BundleItem, type ExpertAlert, type TrendRecord } from '../contract/trends.contract';
import type { ExchangeErrorKind } from '../contract/exchange.errors';
import type { ImportReport } from '../contract/trend-dashboard.contract';
import { BUNDLE_LIMITS, BundleError, encodeBundleSections, ownSections, type BundleLimits, type BundleSection, type RefusedLine, type TrustLookup } from '../exchange/bundle-codec';
import { startBundleDecodeSync, type DecodeSession, type DecodeSessionOptions } from '../exchange/bundle-decode-pool';
import { SIGNER_SECTION } from '../exchange/origin-tracker';
import { withBackgroundCheckpoint } from '../store/wal-checkpointer';
import type { StationIdentity } from '../trust/station-identity';
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
  /** Items of other stations left out: received without their origin's proof (before proofs existed). */
  withoutProof: number;
}

/** A stored item and the stored proof of origin covering it (null: made here, or received unproven). */
interface Held<T> {
  item: T;
  proof: number | null;
}

function recordsSince(store: TrendStore, since: string | null, liveOnly: boolean): Held<TrendRecord>[] {
  const rows = store.db
    .prepare(`SELECT content, proof FROM trend_records WHERE week >= ? ${liveOnly ? 'AND superseded_by IS NULL' : ''} ORDER BY week, id`)
    .all(since ?? '0000') as { content: string; proof: number | null }[];
  return rows.map((r) => ({ item: TrendRecordSchema.parse(JSON.parse(r.content)), proof: r.proof }));
}

function alertsSince(store: TrendStore, since: string | null): Held<ExpertAlert>[] {
  const rows = store.db.prepare('SELECT content, proof FROM expert_alerts WHERE week >= ? ORDER BY week, id').all(since ?? '0000') as { content: string; proof: number | null }[];
  return rows.map((r) => ({ item: ExpertAlertSchema.parse(JSON.parse(r.content)), proof: r.proof }));
}

/**
 * The bundle's sections (docs/trends.md, "Origin of items"): this station's own items under a proof
 * it signs now; each item received from another station under the proof of its origin it came with,
 * unchanged. An item received without one (before proofs existed) cannot be proven: it is left out.
 */
function sectionsOf(store: TrendStore, signer: StationIdentity, items: readonly Held<BundleItem>[]): { sections: BundleSection[]; withoutProof: number } {
  const own: BundleItem[] = [];
  const forwarded = new Map<number, BundleItem[]>();
  let withoutProof = 0;
  for (const { item, proof } of items) {
    const station = item.type === 'record' ? item.record.station : item.alert.station;
    if (station === signer.station) own.push(item);
    else if (proof === null) withoutProof++;
    else {
      const list = forwarded.get(proof);
      if (list) list.push(item);
      else forwarded.set(proof, [item]);
    }
  }
  const sections = [...ownSections(own, signer), ...[...forwarded].map(([proof, list]) => ({ proof: store.proofs.load(proof), items: list }))];
  return { sections, withoutProof };
}

export function exportTrendBundle(store: TrendStore, signer: StationIdentity, options: ExportOptions): ExportResult {
  const international = options.scope === 'international';
  const k = international ? (options.k ?? store.settings().k) : null;
  // Beyond the country only current records travel: a superseded record would be counted twice.
  let records = recordsSince(store, options.since, international);
  let coarsened = 0;
  let suppressed = 0;
  if (international && k !== null) {
    // Records kept as they are keep their proofs; coarsened ones are new records of this station.
    const proofOf = new Map(records.map((r) => [r.item.id, r.proof]));
    const protectedRecords = protectSmallCounts(records.map((r) => r.item), k, signer.station);
    records = protectedRecords.records.map((item) => ({ item, proof: proofOf.get(item.id) ?? null }));
    ({ coarsened, suppressed } = protectedRecords);
  }
  const alerts = alertsSince(store, options.since);
  const { sections, withoutProof } = sectionsOf(store, signer, [
    ...records.map(({ item, proof }) => ({ item: { type: 'record' as const, record: item }, proof })),
    ...alerts.map(({ item, proof }) => ({ item: { type: 'alert' as const, alert: item }, proof })),
  ]);
  const bundle = encodeBundleSections(sections, signer, { scope: options.scope, k, since: options.since, ...(options.now ? { createdAt: options.now } : {}) });
  const sent = (type: BundleItem['type']) => sections.reduce((n, s) => n + s.items.filter((i) => i.type === type).length, 0);
  return { bundle, records: sent('record'), alerts: sent('alert'), coarsened, suppressed, withoutProof };
}

const refusedReport = (fault: ExchangeErrorKind, message: string, extra: Partial<ImportReport> = {}): ImportReport => ({
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

/**
 * Imports a signed bundle, all or nothing, in one transaction. Lines are decoded in a worker thread
 * (for a bundle of some size) while this thread inserts the previous chunk: the transaction stays
 * synchronous and waits for chunks without running the event loop.
 */
export interface ImportOptions {
  /** The stations whose bundles this station accepts: the trust domain's list for trends (trust/station-trust.ts). */
  trust: TrustLookup;
  /** This station: its own items may come back forwarded by others, under its own proofs. */
  self?: StationIdentity;
  limits?: BundleLimits;
  decode?: DecodeSessionOptions;
}

export function importTrendBundle(store: TrendStore, file: Buffer, options: ImportOptions): ImportReport {
  let session: DecodeSession;
  const { trust, self } = options;
  const originTrust: TrustLookup = self ? (station) => (station === self.station ? self.publicKey : trust(station)) : trust;
  try {
    session = startBundleDecodeSync(file, trust, options.limits ?? BUNDLE_LIMITS, { originTrust, ...options.decode });
  } catch (e) {
    if (e instanceof BundleError) return refusedReport(e.fault, e.message);
    throw e;
  }
  const signer = session.manifest.signer.station;
  // A bundle refused after decoding began: its report, once the transaction has rolled back.
  const refusal: { report: ImportReport | null } = { report: null };
  try {
    // The log of a large import is copied back into the database file in the background.
    const outcome = withBackgroundCheckpoint(store.db, () =>
      store.transaction(() => {
        const applied = applyBundle(store, session, file);
        if ('applied' in applied) {
          refusal.report = applied;
          throw new BundleError(applied.error!.fault, applied.error!.message);
        }
        return applied;
      }),
    );
    return { applied: true, signer, ...outcome, refused: [], conflicts: [], error: null };
  } catch (e) {
    if (refusal.report) return refusal.report;
    if (e instanceof BundleError) return refusedReport(e.fault, e.message);
    throw e;
  } finally {
    session.close();
  }
}

/** Inserts the bundle's items; a refusal is returned as its report (the caller rolls back). */
function applyBundle(store: TrendStore, session: DecodeSession, file: Buffer): InsertOutcome | ImportReport {
  const { manifest } = session;
  const signer = manifest.signer.station;
  const batch = store.beginBatch(signer);
  const refusedLines: RefusedLine[] = [];
  /** The bundle's sections → their stored proofs (none for the signer's section without a proof). */
  const proofIds = new Map<number, number | null>([[SIGNER_SECTION, null]]);
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
    // Proofs arrive verified (the session's reader checks them before their items are read).
    for (const section of chunk.sections) proofIds.set(section.index, store.proofs.save(section.proof));
    batch.facts(chunk.records);
    for (let i = 0; i < rows.count; i++) batch.recordOf(rows, i, proofIds.get(rows.origin(i))!);
    for (const a of chunk.alerts) batch.alert(a.alert, a.json, proofIds.get(a.origin)!);
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
  const unproven = refusedLines.filter((r) => r.origin);
  if (unproven.length > 0) {
    const message = `${unproven.length} item${unproven.length === 1 ? ' is' : 's are'} not proven to be ${unproven.length === 1 ? 'its' : 'their'} station's (the signer's own, or forwarded with the proof of the station that made ${unproven.length === 1 ? 'it' : 'them'}): the bundle was not imported`;
    return refusedReport('unproven-origin', message, { signer, refused: unproven.slice(0, 200).map((r) => ({ line: r.line, reason: r.reason })) });
  }
  if (refused.length > 0 || conflicts.length > 0) {
    const message = `${refused.length} item${refused.length === 1 ? '' : 's'} refused and ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}: the bundle was not imported`;
    return refusedReport(conflicts.length > 0 ? 'conflict' : 'invalid-items', message, { signer, refused: refused.slice(0, 200), conflicts: conflicts.slice(0, 200) });
  }
  if (summary.records !== manifest.counts.records || summary.alerts !== manifest.counts.alerts) {
    return refusedReport('payload-mismatch', 'the number of items differs from the signed manifest', { signer });
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
