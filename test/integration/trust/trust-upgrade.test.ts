// Upgrading a station whose trust lists were written by the build before the trust domain
// (test/fixtures/data-before-trust-domain): the trend stations of the trend_trust table and the
// reference signers of reference/trust.json become entries of the one trust list, losing nothing —
// names, keys, station ids, the time each was added —, a key on both lists keeps both entries, and
// what was trusted before is trusted after (a bundle of station A imports; the signers' keys are
// found). The JSON file is left as it was. A signer that cannot be moved is named, not trusted.
import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openStationStore, type StationStore } from '../../../electron/store';
import { importTrendBundle } from '../../../electron/trends/trend-exchange.service';
import { TrendStore } from '../../../electron/trends/trend-store';
import { keyIdentity } from '../../../electron/trust/public-key';
import { StationTrust } from '../../../electron/trust/station-trust';
import { loupeInProcess } from '../../helpers/loupe-in-process';
import { useTempDir } from '../../helpers/temp-dir';

const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'data-before-trust-domain');
const dir = useTempDir('loupe-trust-upgrade-');
const opened: StationStore[] = [];
afterAll(() => opened.forEach((s) => s.close()));

/** A copy of the old data folder: its database and its reference trust list. */
function oldDataFolder(name: string, trustJson = readFileSync(join(FIXTURE, 'reference', 'trust.json'))): string {
  const data = join(dir, name);
  mkdirSync(join(data, 'reference'), { recursive: true, mode: 0o700 });
  writeFileSync(join(data, 'station.sqlite'), gunzipSync(readFileSync(join(FIXTURE, 'station.sqlite.gz'))), { mode: 0o600 });
  writeFileSync(join(data, 'reference', 'trust.json'), trustJson, { mode: 0o600 });
  return data;
}

interface OldSigner {
  name: string;
  publicKey: string;
  addedAt: string;
}

const oldSigners = (JSON.parse(readFileSync(join(FIXTURE, 'reference', 'trust.json'), 'utf8')) as { signers: OldSigner[] }).signers;

function open(data: string): StationStore {
  const store = openStationStore(data);
  opened.push(store);
  return store;
}

describe('upgrading the trust lists of a station', () => {
  it('moves every trend station and every reference signer into the one list, losing nothing', async () => {
    const data = oldDataFolder('upgrade');
    const raw = new Database(join(data, 'station.sqlite'), { readonly: true });
    expect(raw.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(6);
    const oldStations = raw.prepare('SELECT station, public_key, name, added_at FROM trend_trust ORDER BY name').all() as { station: string; public_key: string; name: string; added_at: string }[];
    raw.close();
    expect(oldStations).toHaveLength(2);
    expect(oldSigners).toHaveLength(2);

    const station = open(data);
    const trust = new StationTrust(station);
    const expected = [
      ...oldStations.map((s) => ({ station: s.station, publicKey: s.public_key, name: s.name, for: 'trends', status: 'active', addedBy: null, addedAt: s.added_at, revokedAt: null })),
      ...oldSigners.map((s) => ({ ...keyIdentity(s.publicKey), name: s.name, for: 'reference', status: 'active', addedBy: null, addedAt: s.addedAt, revokedAt: null })),
    ].sort((a, b) => a.name.localeCompare(b.name));
    expect(trust.list()).toEqual(expected);
    // Station A's one key is on both lists, under two names: two entries, one station id.
    const stationA = keyIdentity(readFileSync(join(FIXTURE, 'station-a.pub'), 'utf8')).station;
    expect(trust.list().filter((m) => m.station === stationA).map((m) => `${m.for}: ${m.name}`).sort()).toEqual(['reference: Border lab A', 'trends: Station A (Batrovci)']);
    expect(trust.trusted(keyIdentity(readFileSync(join(FIXTURE, 'lab-c.pub'), 'utf8')).station, 'reference')?.name).toBe('Lab C');

    // The old table is gone; the JSON file is as it was; the move is in the audit log.
    expect(station.connection.prepare("SELECT name FROM sqlite_master WHERE name = 'trend_trust'").all()).toEqual([]);
    expect(readFileSync(join(data, 'reference', 'trust.json'))).toEqual(readFileSync(join(FIXTURE, 'reference', 'trust.json')));
    expect(station.auditLog().find((e) => e.action === 'trust.migrate')?.details).toEqual({ trendStations: 2, referenceSigners: 2, notMoved: [] });

    // What was trusted is trusted: station A's bundle imports; the other settings are kept.
    const trends = new TrendStore(station);
    const report = importTrendBundle(trends, readFileSync(join(FIXTURE, 'from-station-a.bundle')), { trust: trust.lookup('trends') });
    expect(report).toMatchObject({ applied: true, signer: stationA, addedRecords: 3 });
    expect(trends.settings()).toMatchObject({ country: 'SRB', pointOfEntry: 'RS-BATROVCI' });
    station.close();

    // Opened again: nothing moves twice. The command line lists the four entries.
    const again = open(data);
    expect(new StationTrust(again).list()).toEqual(expected);
    again.close();
    const listed = await loupeInProcess('trust', 'list', '--data', data, '--json');
    expect((JSON.parse(listed.stdout) as { members: unknown[] }).members).toEqual(expected);
  });

  it('keeps a damaged old list in place, trusts none of what cannot be moved, and says so', () => {
    const good = oldSigners[0]!;
    const wrongPrint = { ...oldSigners[1]!, fingerprint: '0'.repeat(64) };
    const rsa = { name: 'RSA lab', publicKey: generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString(), fingerprint: '1'.repeat(64), addedAt: '2026-01-01T00:00:00.000Z' };
    const json = Buffer.from(JSON.stringify({ schema: 'loupe.trust/1', signers: [good, wrongPrint, rsa] }));
    const data = oldDataFolder('partly-damaged', json);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const station = open(data);
      expect(new StationTrust(station).list({ for: 'reference' }).map((m) => m.name)).toEqual([good.name]);
      expect(station.auditLog().find((e) => e.action === 'trust.migrate')?.details).toEqual({
        trendStations: 2,
        referenceSigners: 1,
        notMoved: [`signer ${wrongPrint.name}: its fingerprint does not match its key`, 'signer RSA lab: its key is rsa, not Ed25519'],
      });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/^Loupe: 2 trusted signers of reference packages could not be moved .* Add them again with loupe trust add\.$/);
      expect(String(warn.mock.calls[0]![0])).not.toContain(dir);
      expect(readFileSync(join(data, 'reference', 'trust.json'))).toEqual(json);
    } finally {
      warn.mockRestore();
    }

    // Not JSON at all: the station opens, with its trend stations, and no reference signer.
    const unreadable = oldDataFolder('unreadable', Buffer.from('{"schema":"loupe.trust/1","signers":['));
    const quiet = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const station = open(unreadable);
    expect(String(quiet.mock.calls[0]![0])).toMatch(/^Loupe: the list of trusted signers of reference packages could not be read: none of them is trusted now \(the list could not be read: /);
    quiet.mockRestore();
    expect(new StationTrust(station).list().map((m) => m.for)).toEqual(['trends', 'trends']);
    expect(station.auditLog().find((e) => e.action === 'trust.migrate')?.details).toMatchObject({ referenceSigners: 0, notMoved: [expect.stringMatching(/^the list could not be read/)] });
  });

  it('a station that never had a trust list moves nothing and records nothing', () => {
    const data = join(dir, 'new');
    const station = open(data);
    expect(new StationTrust(station).list()).toEqual([]);
    expect(station.auditLog().filter((e) => e.action === 'trust.migrate')).toEqual([]);
  });
});
