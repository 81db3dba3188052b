// The station's side of a regional-hub sync (docs/hub.md, "Sync"): push the records and alerts this
// station made since the last push, in signed bundles; pull every bundle the hub received since the
// saved cursor and import it through the station's own trust list, exactly as from removable media.
// The push mark is the local insertion order (SQLite rowid) of the last pushed record and alert, so a
// record made while a sync runs is pushed next time. Records received from other stations are never
// re-pushed: the hub accepts from each station only what that station signed.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { TrendRecordSchema, ExpertAlertSchema, type BundleItem } from '../contract/trends.contract';
import type { ImportReport } from '../contract/trend-dashboard.contract';
import { encodeBundle } from '../exchange/bundle-codec';
import type { StationIdentity } from '../trust/station-identity';
import type { StationTrust } from '../trust/station-trust';
import { HubClient, type HubClientOptions } from './hub-client';
import { syncWithHub, type StationExport, type SyncReport } from './hub-sync';
import { FileSyncState } from './hub-sync-state';
import { protectSmallCounts } from './small-count-protection';
import { importTrendBundle } from './trend-exchange.service';
import type { TrendStore } from './trend-store';

/** Records per pushed bundle: keeps each request well under the hub's size limit. */
const RECORDS_PER_BUNDLE = 20_000;

export interface StationSyncOptions {
  store: TrendStore;
  /** The station's trust lists: pulled bundles are imported against its trend stations. */
  trust: StationTrust;
  identity: StationIdentity;
  dataDir: string;
  hubUrl: string;
  /** `international`: small cells coarsened or suppressed (k from the settings) before pushing. */
  scope?: 'national' | 'international';
  /** Add the hub's active members to this station's trust list before pulling. */
  adoptHubMembers?: boolean;
  /** Pull from the first hub bundle again (duplicates are skipped). A sync does it by itself when
   * the trust list gained a station since the last pull (trustGrew). */
  rescan?: boolean;
  client?: HubClientOptions;
  onProgress?(message: string): void;
  /** Counts so far, after each pushed and each pulled bundle (for a progress display). */
  onCounts?(stage: 'push' | 'pull', counts: SyncCounts): void;
}

/** What a sync has done so far. */
export interface SyncCounts {
  pushed: number;
  alreadyOnHub: number;
  toPush: number;
  pulled: number;
  importedRecords: number;
  importedAlerts: number;
}

/** Tells the caller about every accepted push (the generic sync only reports them as text). */
class CountingHubClient extends HubClient {
  constructor(
    baseUrl: string,
    identity: StationIdentity,
    options: HubClientOptions | undefined,
    private readonly onPushed: (status: 'stored' | 'already-have') => void,
  ) {
    super(baseUrl, identity, options);
  }

  override async push(bundle: Buffer) {
    const result = await super.push(bundle);
    this.onPushed(result.status);
    return result;
  }
}

export interface StationSyncReport extends SyncReport {
  adoptedMembers: number;
  /** Pulled from the first hub bundle again: asked for, or the trust list gained a station. */
  rescanned: boolean;
  importedRecords: number;
  importedAlerts: number;
  /** Pulled bundles the station refused as a whole, by fault (e.g. unknown-signer). */
  refusedBundles: Record<string, number>;
}

interface Mark {
  record: number;
  alert: number;
}

function parseMark(mark: string | null): Mark {
  const m = /^r(\d+)a(\d+)$/.exec(mark ?? '');
  return m ? { record: Number(m[1]), alert: Number(m[2]) } : { record: 0, alert: 0 };
}

/** One sync-state file per hub, named by a hash of its URL (never by text from the network). */
export function syncStateFile(dataDir: string, hubUrl: string): string {
  const origin = new URL(hubUrl);
  const key = createHash('sha256').update(`${origin.protocol}//${origin.host}${origin.pathname}`).digest('hex').slice(0, 16);
  return join(dataDir, 'trends', `hub-sync-${key}.json`);
}

/**
 * Whether the trust list gained a station since the last pull: that station's bundles were refused
 * then (unknown signer) and the cursor moved past them, so they must be pulled again. A state saved
 * before the trust list was kept in it knows only of this sync's adoptions.
 */
export function trustGrew(saved: readonly string[] | undefined, now: readonly string[], adoptedNow: number): boolean {
  if (saved === undefined) return adoptedNow > 0;
  const before = new Set(saved);
  return now.some((s) => !before.has(s));
}

function ownItemsSince(store: TrendStore, station: string, mark: Mark): { items: BundleItem[]; next: Mark } {
  const records = store.db
    .prepare("SELECT rowid AS r, content FROM trend_records WHERE rowid > ? AND origin = 'local' AND station = ? ORDER BY rowid")
    .all(mark.record, station) as { r: number; content: string }[];
  const alerts = store.db
    .prepare("SELECT rowid AS r, content FROM expert_alerts WHERE rowid > ? AND origin = 'local' AND station = ? ORDER BY rowid")
    .all(mark.alert, station) as { r: number; content: string }[];
  return {
    items: [
      ...records.map((row) => ({ type: 'record' as const, record: TrendRecordSchema.parse(JSON.parse(row.content)) })),
      ...alerts.map((row) => ({ type: 'alert' as const, alert: ExpertAlertSchema.parse(JSON.parse(row.content)) })),
    ],
    next: { record: records.at(-1)?.r ?? mark.record, alert: alerts.at(-1)?.r ?? mark.alert },
  };
}

export async function syncStationWithHub(options: StationSyncOptions): Promise<StationSyncReport> {
  const { store, trust, identity } = options;
  const progress: SyncCounts = { pushed: 0, alreadyOnHub: 0, toPush: 0, pulled: 0, importedRecords: 0, importedAlerts: 0 };
  const client = new CountingHubClient(options.hubUrl, identity, options.client, (status) => {
    if (status === 'stored') progress.pushed++;
    else progress.alreadyOnHub++;
    options.onCounts?.('push', { ...progress });
  });
  const scope = options.scope ?? 'national';
  let adoptedMembers = 0;
  if (options.adoptHubMembers) {
    const known = new Set(trust.list({ for: 'trends', active: true }).map((t) => t.station));
    for (const member of await client.members()) {
      if (member.station === identity.station || known.has(member.station)) continue;
      trust.add({ name: member.name, publicKey: member.publicKey, for: 'trends', addedBy: `hub ${options.hubUrl}` });
      adoptedMembers++;
    }
  }
  const counts = { importedRecords: 0, importedAlerts: 0, refusedBundles: {} as Record<string, number> };

  const exportSince = async (markText: string | null): Promise<StationExport> => {
    const { items, next } = ownItemsSince(store, identity.station, parseMark(markText));
    let records = items.flatMap((i) => (i.type === 'record' ? [i.record] : []));
    const alerts = items.filter((i) => i.type === 'alert');
    const k = scope === 'international' ? store.settings().k : null;
    if (k !== null) records = protectSmallCounts(records, k, identity.station).records;
    const bundles: Buffer[] = [];
    for (let start = 0; start < records.length || (start === 0 && alerts.length); start += RECORDS_PER_BUNDLE) {
      const chunk: BundleItem[] = records.slice(start, start + RECORDS_PER_BUNDLE).map((record) => ({ type: 'record', record }));
      if (start === 0) chunk.push(...alerts);
      bundles.push(encodeBundle(chunk, identity, { scope, k, since: null }));
    }
    progress.toPush = bundles.length;
    options.onCounts?.('push', { ...progress });
    return { bundles, mark: `r${next.record}a${next.alert}` };
  };

  const importBundle = async (bytes: Buffer): Promise<void> => {
    const report: ImportReport = importTrendBundle(store, bytes, { trust: trust.lookup('trends'), self: identity });
    progress.pulled++;
    if (report.applied) {
      counts.importedRecords += report.addedRecords;
      counts.importedAlerts += report.addedAlerts;
      progress.importedRecords = counts.importedRecords;
      progress.importedAlerts = counts.importedAlerts;
    } else {
      // Refused as a whole (unknown signer, bad signature...): reported, and the cursor moves on so
      // that one bundle the station will not accept cannot stop it from catching up. Once its signer
      // is trusted, the next sync pulls from the start again (trustGrew).
      const fault = report.error?.fault ?? 'refused';
      counts.refusedBundles[fault] = (counts.refusedBundles[fault] ?? 0) + 1;
    }
    options.onCounts?.('pull', { ...progress });
  };

  const state = new FileSyncState(syncStateFile(options.dataDir, options.hubUrl));
  // The trust list this pull is made against, kept with the cursor: when it gains a station (adopted
  // from the hub just now, or added by hand since), the pull starts from the first bundle again.
  const saved = await state.load();
  const trusted = trust.list({ for: 'trends', active: true }).map((t) => t.station).sort();
  const rescanned = options.rescan === true || trustGrew(saved.trusted, trusted, adoptedMembers);
  if (rescanned) options.onProgress?.('the trusted stations changed: pulling every hub bundle again (those already held are skipped)');
  await state.save({ ...saved, cursor: rescanned ? 0 : saved.cursor, trusted });
  const report = await syncWithHub({
    client,
    state,
    exportSince,
    importBundle,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { ...report, adoptedMembers, rescanned, ...counts };
}
