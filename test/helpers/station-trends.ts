// A station's trend store as the app has it: the station store opens (and migrates) the station
// database, the trend store and the trust lists work on that one connection. close() closes the
// station store.
import type { ImportReport } from '../../electron/contract/trend-dashboard.contract';
import { openStationStore, type StationStore } from '../../electron/store';
import { importTrendBundle, type ImportOptions } from '../../electron/trends/trend-exchange.service';
import { TrendStore } from '../../electron/trends/trend-store';
import { StationTrust } from '../../electron/trust/station-trust';
import type { TrustMember } from '../../electron/trust/trust-member';

export type StationTrendStore = TrendStore & { readonly station: StationStore; readonly trust: StationTrust; close(): void };

export function openStationTrends(dataDir: string): StationTrendStore {
  const station = openStationStore(dataDir);
  return Object.assign(new TrendStore(station), { station, trust: new StationTrust(station), close: () => station.close() });
}

/** Trusts a station's bundles, as `loupe trust add NAME KEY --for trends` does. */
export function trustForTrends(store: StationTrendStore, name: string, publicKey: string): TrustMember {
  return store.trust.add({ name, publicKey, for: 'trends', addedBy: 'test' });
}

/** Imports a bundle against the station's own trust list for trends, as the station does. */
export function importAtStation(store: StationTrendStore, file: Buffer, options: Omit<ImportOptions, 'trust'> = {}): ImportReport {
  return importTrendBundle(store, file, { trust: store.trust.lookup('trends'), ...options });
}
