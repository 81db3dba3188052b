// Station ↔ hub synchronisation, independent of the station database: the station supplies its
// bundles to push and a function that imports a pulled bundle. Idempotent and resumable:
// - push: the export mark is saved only after every bundle of that export was accepted (stored or
//   "already have"), so an interrupted push is simply repeated; the hub de-duplicates.
// - pull: every page after the saved cursor, until caught up; the cursor is saved after each
//   bundle is imported, so an interrupted pull resumes at the next bundle, and a station offline
//   for months walks all the pages it missed.
import type { BundleDescriptor } from '../exchange/hub-protocol';
import type { HubClient } from './hub-client';

export interface SyncState {
  /** seq of the last hub bundle imported (0: none). */
  cursor: number;
  /** Opaque mark of the station's last fully pushed export (null: nothing pushed yet). */
  pushMark: string | null;
  /** The stations this station trusted when it last pulled (absent in states saved before it was
   * kept): bundles of a station trusted since were refused before and must be pulled again. */
  trusted?: string[];
}

export interface SyncStateStore {
  load(): Promise<SyncState>;
  save(state: SyncState): Promise<void>;
}

export interface StationExport {
  bundles: Buffer[];
  /** Mark to pass next time so only newer records are exported. */
  mark: string | null;
}

export interface SyncOptions {
  client: HubClient;
  state: SyncStateStore;
  /** The station's bundles made since `mark` (the station builds them; an empty list when nothing is new). */
  exportSince(mark: string | null): Promise<StationExport>;
  /** Verifies and imports one pulled bundle into the station (its own trust list decides). */
  importBundle(bytes: Buffer, descriptor: BundleDescriptor): Promise<void>;
  pageSize?: number;
  onProgress?(message: string): void;
}

export interface SyncReport {
  pushed: number;
  alreadyOnHub: number;
  pulled: number;
  skippedOwn: number;
  cursor: number;
}

export async function syncWithHub(options: SyncOptions): Promise<SyncReport> {
  const { client, state: store } = options;
  const pageSize = options.pageSize ?? 100;
  const state = await store.load();
  const report: SyncReport = { pushed: 0, alreadyOnHub: 0, pulled: 0, skippedOwn: 0, cursor: state.cursor };

  const exported = await options.exportSince(state.pushMark);
  for (const bundle of exported.bundles) {
    const result = await client.push(bundle);
    if (result.status === 'stored') report.pushed++;
    else report.alreadyOnHub++;
    options.onProgress?.(`pushed ${report.pushed + report.alreadyOnHub}/${exported.bundles.length} bundles`);
  }
  if (exported.mark !== state.pushMark) {
    state.pushMark = exported.mark;
    await store.save(state);
  }

  for (;;) {
    const page = await client.listBundles(state.cursor, pageSize);
    for (const descriptor of page.bundles) {
      if (descriptor.seq <= state.cursor) continue; // defensive: never go back
      // Our own bundles come back in the feed: nothing to import.
      if (descriptor.signer === client.identity.station) report.skippedOwn++;
      else {
        await options.importBundle(await client.fetchBundle(descriptor.sha256), descriptor);
        report.pulled++;
      }
      state.cursor = descriptor.seq;
      await store.save(state);
      options.onProgress?.(`pulled up to bundle ${state.cursor}`);
    }
    if (!page.more || page.bundles.length === 0) break;
  }
  report.cursor = state.cursor;
  return report;
}
