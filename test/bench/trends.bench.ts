// npm run bench:trends — fraud-trend figures as one JSON object: the station (ingest of 1M records,
// 100k-record bundle import, dashboard query medians on 1M records) and the regional hub on SQLite
// and on a private PostgreSQL server (the same figures). Progress goes to stderr.
// `-- --station-only` skips the hub. `bundleImportTarget` sums up the import rate of each store
// against the target.
import { runHubTrendsBench, type HubStoreFigures } from './trends-hub.bench';
import { IMPORT_TARGET, runStationTrendsBench } from './trends-station.bench';

const stationOnly = process.argv.includes('--station-only');
const station = await runStationTrendsBench();
const hub = stationOnly ? undefined : await runHubTrendsBench();
const rate = (f: { recordsPerSecond: number; meetsTarget: boolean }) => ({ recordsPerSecond: f.recordsPerSecond, meetsTarget: f.meetsTarget });
const hubRate = (f: HubStoreFigures) => ({ ...rate(f.bundleImport), withDashboardRefresh: f.bundleImport.recordsPerSecondWithDashboardRefresh });
// The import target per store, in one place (details under station and hub).
const bundleImportTarget = {
  recordsPerSecond: IMPORT_TARGET,
  station: rate(station.station.bundleImport),
  stationWithCountRefresh: { recordsPerSecond: station.station.bundleImport.recordsPerSecondWithCountRefresh, meetsTarget: station.station.bundleImport.recordsPerSecondWithCountRefresh >= IMPORT_TARGET },
  ...(hub ? { hubSqlite: hubRate(hub.hubSqlite), hubPostgres: 'bundleImport' in hub.hubPostgres ? hubRate(hub.hubPostgres) : hub.hubPostgres } : {}),
};
process.stdout.write(`${JSON.stringify({ bundleImportTarget, ...station, ...(hub ? { hub } : {}) })}\n`);
