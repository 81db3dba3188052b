// npm run bench:trends — fraud-trend figures as one JSON object: the station (ingest of 1M records,
// 100k-record bundle import, dashboard query medians on 1M records). Progress goes to stderr.
import { runStationTrendsBench } from './trends-station.bench';

const figures = { ...(await runStationTrendsBench()) };
process.stdout.write(`${JSON.stringify(figures)}\n`);
