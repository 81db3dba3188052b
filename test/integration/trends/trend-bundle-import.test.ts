// Import of signed bundles into a real station database from real files: what is added, skipped and
// refused, and that every hostile bundle is refused as a whole and changes nothing.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleItem, TrendRecord } from '../../../electron/contract/trends.contract';
import { encodeBundle, verifyBundleHead } from '../../../electron/exchange/bundle-codec';
import { contentId } from '../../../electron/exchange/canonical-json';
import { identityFromPrivateKey } from '../../../electron/trust/station-identity';
import { exportTrendBundle } from '../../../electron/trends/trend-exchange.service';
import { TrendQueries } from '../../../electron/trends/trend-queries';
import { openStationTrends, type StationTrendStore, trustForTrends, importAtStation } from '../../helpers/station-trends';
import { useTempDir } from '../../helpers/temp-dir';
import { makeRecord } from '../../unit/trends/trend-fixtures';
import { rowCounts, snapshotTrendTables } from './trend-db-snapshot';

const dir = useTempDir('loupe-trend-import-');
const partner = identityFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
const stranger = identityFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
const asItem = (record: TrendRecord): BundleItem => ({ type: 'record', record });

let store: StationTrendStore;
const first = Array.from({ length: 20 }, (_, i) => makeRecord({ station: partner.station, poe: `RS-P${i % 4}`, week: `2026-W${String(40 + (i % 5)).padStart(2, '0')}` }));

function writeBundle(name: string, bytes: Buffer): Buffer {
  writeFileSync(join(dir, name), bytes);
  return readFileSync(join(dir, name));
}

beforeAll(() => {
  store = openStationTrends(join(dir, 'station'));
  trustForTrends(store, 'Partner station', partner.publicKey);
  const report = importAtStation(store, writeBundle('first.bundle', encodeBundle(first.map(asItem), partner, { scope: 'national', k: null, since: null })));
  expect(report).toMatchObject({ applied: true, addedRecords: 20, skipped: 0, error: null });
});
afterAll(() => store.close());

describe('bundle import', () => {
  it('adds new records, skips those already held, logs the import, and counts them in the dashboard', () => {
    const more = [makeRecord({ station: partner.station, week: '2026-W44' }), makeRecord({ station: partner.station, week: '2026-W44' })];
    const bundle = writeBundle('second.bundle', encodeBundle([...first.slice(0, 5), ...more, more[0]!].map(asItem), partner, { scope: 'national', k: null, since: null }));
    const report = importAtStation(store, bundle);
    expect(report).toMatchObject({ applied: true, signer: partner.station, addedRecords: 2, skipped: 6, refused: [], conflicts: [] });
    expect(store.importLog()).toHaveLength(2);
    const q = new TrendQueries(store);
    expect(q.byWeek({}).reduce((s, r) => s + r.n, 0)).toBe(22);
    expect(q.byPointOfEntry({ from: '2026-W40', to: '2026-W44' }).find((p) => p.pointOfEntry === 'RS-P0')?.n).toBe(5);
  });

  it('a correction supersedes the old record: counted once, both kept', () => {
    const old = first[0]!;
    const { id: _id, ...content } = old;
    const fixed = { ...content, fraudType: 'counterfeit' as const, supersedes: old.id };
    const correction = { ...fixed, id: contentId(fixed) };
    const before = new TrendQueries(store).byWeek({}).reduce((s, r) => s + r.n, 0);
    expect(importAtStation(store, encodeBundle([asItem(correction)], partner, { scope: 'national', k: null, since: null })).addedRecords).toBe(1);
    const q = new TrendQueries(store);
    expect(q.byWeek({}).reduce((s, r) => s + r.n, 0)).toBe(before);
    expect(q.records({ fraudType: 'counterfeit' }).records.map((r) => r.id)).toEqual([correction.id]);
    expect(store.getRecord(old.id)).toEqual(old);
    expect(() => store.db.prepare('UPDATE trend_records SET content = ? WHERE id = ?').run('{}', old.id)).toThrow(/immutable/);
    expect(() => store.db.prepare('DELETE FROM trend_records').run()).toThrow(/immutable/);
  });

  it('exports what it holds, expert alerts included, and a second station imports it', () => {
    const me = identityFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
    const alertContent = {
      schema: 'loupe.alert/1' as const, station: me.station, country: 'SRB', documentClassId: 'aurora-td3', issuer: null, documentType: 'Passport', series: '2019',
      fraudType: 'counterfeit' as const, title: 'Flat UV emblem', lookFor: 'The emblem does not glow.', hotspots: [{ light: 'uv' as const, x: 10, y: 10, w: 50, h: 40, label: 'UV emblem' }],
      crops: [], week: '2026-W42', validUntilWeek: null, supersedes: null,
    };
    expect(store.addAlert({ ...alertContent, id: contentId(alertContent) })).toBe(true);
    const out = exportTrendBundle(store, me, { since: '2026-W41', scope: 'national', k: null });
    expect(out.alerts).toBe(1);
    const other = openStationTrends(join(dir, 'other'));
    try {
      trustForTrends(other, 'Neighbour', me.publicKey);
      // The partner's records travel under the partner's proof: the receiver trusts their origin too.
      trustForTrends(other, 'Partner station', partner.publicKey);
      const report = importAtStation(other, writeBundle('export.bundle', out.bundle));
      expect(report.addedRecords).toBe(out.records);
      expect(report.addedAlerts).toBe(1);
      expect(other.getAlert(contentId(alertContent))?.title).toBe('Flat UV emblem');
      expect(out.records).toBe((store.db.prepare("SELECT count(*) FROM trend_records WHERE week >= '2026-W41'").pluck().get() as number));
    } finally {
      other.close();
    }
  });

  describe('hostile bundles are refused whole and change nothing', () => {
    const good = () => encodeBundle([asItem(makeRecord({ station: partner.station, week: '2026-W45' }))], partner, { scope: 'national', k: null, since: null });
    const withLines = (lines: string[], signer = partner) => {
      const honest = encodeBundle([], signer, { scope: 'national', k: null, since: null });
      const { manifest } = verifyBundleHead(honest, () => signer.publicKey);
      const raw = Buffer.from(lines.map((l) => `${l}\n`).join(''));
      const payload = gzipSync(raw);
      const forged = {
        ...manifest,
        counts: { records: lines.length, alerts: 0 },
        payload: { ...manifest.payload, sha256: createHash('sha256').update(payload).digest('hex'), bytes: payload.length, uncompressedBytes: raw.length },
      };
      const head = Buffer.from(`LOUPE-BUNDLE/1\n${JSON.stringify(forged)}\n`);
      return Buffer.concat([head, Buffer.from(`${signer.sign(head).toString('base64')}\n`), payload]);
    };
    const valid = makeRecord({ station: partner.station, week: '2026-W46' });
    const cases: [string, () => Buffer, string][] = [
      ['bad signature', () => {
        const b = good();
        const sigAt = b.indexOf(0x0a, b.indexOf(0x0a) + 1) + 1;
        b.write(b.toString('latin1', sigAt, sigAt + 4) === 'AAAA' ? 'BBBB' : 'AAAA', sigAt, 'latin1');
        return b;
      }, 'bad-signature'],
      ['unknown signer', () => encodeBundle([asItem(valid)], stranger, { scope: 'national', k: null, since: null }), 'unknown-signer'],
      ['truncated file', () => good().subarray(0, good().length - 10), 'truncated'],
      ['schema violation (a name field smuggled in)', () => withLines([JSON.stringify(asItem(valid)), JSON.stringify({ type: 'record', record: { ...valid, holderName: 'EVIL' } })]), 'invalid-items'],
      ['oversized field', () => {
        const { id: _i, ...c } = valid;
        const big = { ...c, notes: 'x'.repeat(5000) };
        return withLines([JSON.stringify({ type: 'record', record: { ...big, id: contentId(big) } })]);
      }, 'invalid-items'],
      ['path tricks in names', () => {
        const { id: _i, ...c } = valid;
        const trick = { ...c, documentClassId: '../../etc/passwd', crops: [{ light: 'white', zoneId: '../../x', label: 'a', widthPx: 1, heightPx: 1, pngBase64: 'AAAA' }] };
        return withLines([JSON.stringify({ type: 'record', record: { ...trick, id: contentId(trick) } })]);
      }, 'invalid-items'],
      ['decompression bomb', () => {
        const honest = encodeBundle([], partner, { scope: 'national', k: null, since: null });
        const { manifest } = verifyBundleHead(honest, () => partner.publicKey);
        const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024, 0x20));
        const forged = { ...manifest, payload: { ...manifest.payload, sha256: createHash('sha256').update(bomb).digest('hex'), bytes: bomb.length, uncompressedBytes: 1024 } };
        const head = Buffer.from(`LOUPE-BUNDLE/1\n${JSON.stringify(forged)}\n`);
        return Buffer.concat([head, Buffer.from(`${partner.sign(head).toString('base64')}\n`), bomb]);
      }, 'decompression-bomb'],
      ['duplicate id with different content', () => {
        const held = first[3]!;
        return withLines([JSON.stringify(asItem(valid)), JSON.stringify({ type: 'record', record: { ...held, notes: 'changed after the fact' } })]);
      }, 'conflict'],
    ];

    it.each(cases)('%s', (_name, make, fault) => {
      const before = snapshotTrendTables(store.db);
      const counts = rowCounts(store.db);
      const filesBefore = readdirSync(dir).sort();
      const name = `../../etc/passwd-${fault}.bundle`.replace(/\//g, '_');
      const report = importAtStation(store, writeBundle(name, make()));
      expect(report.applied).toBe(false);
      expect(report.error?.fault).toBe(fault);
      expect(report.error?.message.length).toBeGreaterThan(10);
      expect(report.addedRecords + report.addedAlerts).toBe(0);
      if (fault === 'conflict') expect(report.conflicts).toEqual([{ line: 2, id: first[3]!.id, reason: expect.stringMatching(/different content/) }]);
      if (fault === 'invalid-items') expect(report.refused.length).toBeGreaterThan(0);
      expect(rowCounts(store.db)).toEqual(counts);
      expect(snapshotTrendTables(store.db)).toBe(before);
      // Nothing was written next to the bundle, nor anywhere a name inside it points.
      expect(readdirSync(dir).sort()).toEqual([...filesBefore, name].filter((v, i, a) => a.indexOf(v) === i).sort());
    });
  });
});
