// npm run bench:trends — fraud-trend figures as one JSON object: the station (ingest of 1M records,
// 100k-record bundle import, dashboard query medians on 1M records) and the regional hub on SQLite
// and on a private PostgreSQL server (the same figures). Progress goes to stderr.
// `-- --station-only` skips the hub (about 11 minutes on this machine).
import { runHubTrendsBench } from './trends-hub.bench';
import { runStationTrendsBench } from './trends-station.bench';

const stationOnly = process.argv.includes('--station-only');
const figures = { ...(await runStationTrendsBench()), ...(stationOnly ? {} : { hub: await runHubTrendsBench() }) };
process.stdout.write(`${JSON.stringify(figures)}\n`);
