// The station database has one owner: the trend store works on the station store's connection, so
// its writes run under the station's pragmas (foreign keys on, one page cache), and a large bundle
// import on that connection still leaves the copy of its write-ahead log to the background checkpoint.
import { afterAll, describe, expect, it } from 'vitest';
import { walCheckpointer } from '../../../electron/store/wal-checkpointer';
import { openStationTrends, type StationTrendStore, trustForTrends, importAtStation } from '../../helpers/station-trends';
import { useTempDir } from '../../helpers/temp-dir';
import { newIdentity, recordBundle } from '../../helpers/trend-fixtures';

const dir = useTempDir('loupe-trend-connection-');
const opened: StationTrendStore[] = [];
afterAll(() => opened.forEach((s) => s.close()));

function station(name: string): StationTrendStore {
  const store = openStationTrends(`${dir}/${name}`);
  opened.push(store);
  return store;
}

describe('the trend store on the station store connection', () => {
  it('uses the station store connection and its one set of pragmas', () => {
    const store = station('pragmas');
    expect(store.db).toBe(store.station.connection);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('cache_size', { simple: true })).toBe(-131072);
    expect(store.db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY
  });

  it('refuses a trend record pointing at a proof of origin that is not held (foreign keys)', () => {
    const store = station('foreign-keys');
    const partner = newIdentity();
    trustForTrends(store, 'Partner', partner.publicKey);
    expect(importAtStation(store, recordBundle(partner, 0, 1)).applied).toBe(true);
    const { id, proof } = store.db.prepare('SELECT id, proof FROM trend_records').get() as { id: string; proof: number };
    expect(() => store.db.prepare('UPDATE trend_records SET proof = 12345 WHERE id = ?').run(id)).toThrow(/FOREIGN KEY/);
    expect(store.db.prepare('SELECT proof FROM trend_records WHERE id = ?').pluck().get(id)).toBe(proof);
  });

  it('leaves the log of a large import to the background checkpoint, which copies all of it', async () => {
    const store = station('checkpoint');
    const partner = newIdentity();
    trustForTrends(store, 'Partner', partner.publicKey);
    const report = importAtStation(store, recordBundle(partner, 0, 3000));
    expect(report).toMatchObject({ applied: true, addedRecords: 3000 });
    // The automatic checkpoint is on again for the connection's next writes.
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await walCheckpointer().idle(store.db.name);
    const [state] = store.db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
    expect(state!.log).toBeGreaterThan(0);
    expect(state!.checkpointed).toBe(state!.log);
    expect(walCheckpointer().fallbacks).toBe(0);
  });
});
