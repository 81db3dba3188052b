// `loupe trends` as an operator runs it between two stations with a USB stick: identity, trust,
// export, import (added / skipped), and a tampered bundle refused with exit code 2 and nothing changed.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { BundleItem } from '../../../electron/contract/trends.contract';
import { loadOrCreateStationKey } from '../../../electron/trust/station-key';
import { startHubServer } from '../../../electron/hub/hub-server';
import { openSqliteHubStore } from '../../../electron/hub/sqlite-hub-store';
import { openStationTrends, trustForTrends, importAtStation } from '../../helpers/station-trends';
import { useTempDir } from '../../helpers/temp-dir';
import { makeRecord } from '../../unit/trends/trend-fixtures';
import { encodeBundle } from '../../../electron/exchange/bundle-codec';
import { newIdentity } from '../../helpers/trend-fixtures';
import { rowCounts } from './trend-db-snapshot';

const run = promisify(execFile);
const dir = useTempDir('loupe-trends-cli-');
const loupe = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'trends', ...args]);
const trust = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'trust', ...args]);

describe('loupe trends', () => {
  it('moves records from one station to another on removable media', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const ida = JSON.parse((await loupe('identity', '--data', a, '--json')).stdout) as { station: string; publicKey: string };
    // Station A records three trends (through its store, as the workstation does).
    const store = openStationTrends(a);
    const items: BundleItem[] = [makeRecord({ station: ida.station }), makeRecord({ station: ida.station }), makeRecord({ station: ida.station, poe: 'RS-HORGOS' })].map((record) => ({ type: 'record', record }));
    store.transaction(() => store.insertItems(items, 'local'));
    store.close();

    const bundle = join(dir, 'stick', 'a.bundle');
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'stick')));
    const exported = JSON.parse((await loupe('export', '--since', '2026-W01', '--out', bundle, '--data', a, '--json')).stdout) as { records: number };
    expect(exported.records).toBe(3);

    // B does not know A yet: refused, exit code 2, one line naming the reason.
    const unknown = await loupe('import', bundle, '--data', b).catch((e: { code: number; stderr: string }) => e);
    expect((unknown as { code: number }).code).toBe(2);
    expect((unknown as { stderr: string }).stderr).toMatch(/not on the trust list.*nothing was changed/);

    await trust('add', 'Station A', ida.publicKey, '--for', 'trends', '--data', b);
    const first = await loupe('import', bundle, '--data', b);
    expect(first.stdout).toMatch(/3 records and 0 alerts added, 0 already held/);
    const again = JSON.parse((await loupe('import', bundle, '--data', b, '--json')).stdout) as { applied: boolean; addedRecords: number; skipped: number };
    expect(again).toMatchObject({ applied: true, addedRecords: 0, skipped: 3 });

    // A flipped byte in the payload: refused whole, nothing changed in B.
    const bytes = readFileSync(bundle);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 30) ^ 0x01, bytes.length - 30);
    const bad = join(dir, 'stick', 'tampered.bundle');
    writeFileSync(bad, bytes);
    const storeB = openStationTrends(b);
    const before = rowCounts(storeB.db);
    storeB.close();
    const refused = JSON.parse((await loupe('import', bad, '--data', b, '--json')).stdout) as { applied: boolean; error: { fault: string } };
    expect(refused).toMatchObject({ applied: false, error: { fault: 'payload-mismatch' } });
    const after = openStationTrends(b);
    expect(rowCounts(after.db)).toEqual(before);
    after.close();
  }, 120_000);

  it('corrects a record made here with the same refusals as the screen', async () => {
    const f = join(dir, 'f');
    const station = loadOrCreateStationKey(f);
    const partner = newIdentity();
    const store = openStationTrends(f);
    const own = makeRecord({ station: station.station, fraudType: 'forged-other', revealedBy: ['Photo zone'], notes: 'laminate lifted' });
    store.addRecord(own);
    trustForTrends(store, 'Partner', partner.publicKey);
    const foreign = makeRecord({ station: partner.station });
    expect(importAtStation(store, encodeBundle([{ type: 'record', record: foreign }], partner, { scope: 'national', k: null, since: null })).applied).toBe(true);
    store.close();
    const refusal = (p: Promise<unknown>) => p.then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }));

    const fixed = JSON.parse((await loupe('correct', own.id, '--fraud-type', 'forged-photo-substitution', '--revealed-by', 'Photo zone', '--revealed-by', 'UV emblem', '--clear-notes', '--data', f, '--json')).stdout) as Record<string, unknown>;
    expect(fixed).toEqual({
      action: 'correct',
      record: expect.stringMatching(/^[0-9a-f]{64}$/),
      supersedes: own.id,
      changed: { fraudType: { from: 'forged-other', to: 'forged-photo-substitution' }, revealedBy: { from: ['Photo zone'], to: ['Photo zone', 'UV emblem'] }, notes: { from: 'laminate lifted', to: null } },
    });
    const after = openStationTrends(f);
    expect(after.getRecord(fixed.record as string)).toMatchObject({ supersedes: own.id, fraudType: 'forged-photo-substitution', notes: null, occurrence: own.occurrence });
    after.close();

    // The refusals of the service, with exit code 2 and nothing changed.
    const again = await refusal(loupe('correct', own.id, '--fraud-type', 'counterfeit', '--data', f));
    expect(again).toMatchObject({ code: 2, stderr: expect.stringMatching(/already corrected .*correct the newest version/) });
    const unchanged = await refusal(loupe('correct', fixed.record as string, '--data', f));
    expect(unchanged).toMatchObject({ code: 2, stderr: expect.stringMatching(/changes nothing/) });
    const other = await refusal(loupe('correct', foreign.id, '--notes', 'seen twice', '--data', f));
    expect(other).toMatchObject({ code: 2, stderr: expect.stringMatching(/made at station [0-9a-f]{16}: only that station can correct it/) });
    const badType = await refusal(loupe('correct', fixed.record as string, '--fraud-type', 'forgery', '--data', f));
    expect(badType).toMatchObject({ code: 2, stderr: expect.stringMatching(/--fraud-type is one of counterfeit, /) });
    const last = openStationTrends(f);
    expect(last.db.prepare('SELECT count(*) FROM trend_records').pluck().get()).toBe(3);
    // One audit entry, for the correction made (the command line has no officer).
    expect(last.db.prepare("SELECT subject, officer_name, details FROM audit_log WHERE action = 'trends.correct'").all()).toEqual([
      { subject: own.id, officer_name: null, details: expect.stringContaining(fixed.record as string) },
    ]);
    last.close();
  }, 60_000);

  it('syncs with the hub saved in the trend settings', async () => {
    const c = join(dir, 'c');
    const station = loadOrCreateStationKey(c);
    const hubStore = await openSqliteHubStore(join(dir, 'hub.sqlite'));
    await hubStore.addTrust(station.publicKey, 'Station C', 'admin');
    const hub = await startHubServer({ store: hubStore });
    try {
      const store = openStationTrends(c);
      store.addRecord(makeRecord({ station: station.station }));
      store.close();
      const saved = JSON.parse((await loupe('settings', '--hub-url', hub.url, '--data', c, '--json')).stdout) as { settings: { hubUrl: string } };
      expect(saved.settings.hubUrl).toBe(hub.url);
      const synced = JSON.parse((await loupe('sync', '--data', c, '--json')).stdout) as Record<string, unknown>;
      expect(synced).toMatchObject({ action: 'sync', hub: hub.url, pushed: 1, pulled: 0 });
      expect((await hubStore.tableCounts()).hub_records).toBe(1);
    } finally {
      await hub.close();
      await hubStore.close();
    }
  }, 60_000);
});
