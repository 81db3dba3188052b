// A station's trend store as the app has it: the station store opens (and migrates) the station
// database, the trend store works on that one connection. close() closes the station store.
import { openStationStore, type StationStore } from '../../electron/store';
import { TrendStore } from '../../electron/trends/trend-store';

export type StationTrendStore = TrendStore & { readonly station: StationStore; close(): void };

export function openStationTrends(dataDir: string): StationTrendStore {
  const station = openStationStore(dataDir);
  return Object.assign(new TrendStore(station), { station, close: () => station.close() });
}
