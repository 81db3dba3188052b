// The tamper-evident audit trail on real SQLite files: entries chained as they are written (and the
// rows of an older database chained by migration 9), checkpoints of the head signed with the station
// key at start and every hour, and verification naming the first broken place when an attacker with
// the file edits, deletes, reorders or cuts the log behind the triggers' back.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signCheckpoint } from '../../../electron/audit/audit-checkpoint';
import { AuditTrail, CHECKPOINT_INTERVAL_MS } from '../../../electron/audit/audit-trail';
import { auditEntryHash, openStationStore, type AuditRow, type StationStore } from '../../../electron/store';
import { migrate } from '../../../electron/store/migration-runner';
import { MIGRATIONS } from '../../../electron/store/migrations';
import { loadOrCreateStationKey, type StationKey } from '../../../electron/trust/station-key';
import { rechain, swapEntries, tamper } from '../../helpers/audit-tamper';
import { useTempDir } from '../../helpers/temp-dir';

const root = useTempDir('loupe-audit-');
let counter = 0;
const opened: StationStore[] = [];
afterEach(() => {
  opened.splice(0).forEach((s) => s.close());
  vi.useRealTimers();
});

const OFFICER = { name: 'Officer A', badge: 'A-1' };

function open(dir: string): { store: StationStore; trail: AuditTrail; key: StationKey } {
  const store = openStationStore(dir);
  opened.push(store);
  const key = loadOrCreateStationKey(dir);
  return { store, trail: new AuditTrail(store, key), key };
}

/** A station with `n` entries (ids 1..n) and a checkpoint signed over them; closed. */
function station(n = 6): string {
  const dir = join(root, `station-${counter++}`);
  const { store, trail } = open(dir);
  for (let i = 1; i <= n; i++) store.audit({ officer: i % 2 ? OFFICER : null, action: `test.action${i}`, subject: `s${i}`, details: { i } });
  trail.checkpoint();
  store.close();
  return dir;
}

function verify(dir: string) {
  return open(dir).trail.verify();
}

describe('the hash chain', () => {
  it('chains every entry as it is written and verifies intact with its signed checkpoint', () => {
    const dir = station(5);
    const result = verify(dir);
    expect(result).toMatchObject({ intact: true, entries: 5, firstEntryId: 1, head: { entryId: 5 }, checkpoints: 1, lastCheckpoint: { entryId: 5 }, break: null });
    const raw = new Database(join(dir, 'station.sqlite'), { readonly: true });
    const rows = raw.prepare('SELECT id, prev_hash, hash FROM audit_log ORDER BY id').all() as { id: number; prev_hash: string; hash: string }[];
    raw.close();
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(result.head.hash).toBe(rows.at(-1)!.hash);
  });

  it('chains the entries an older database already holds, in id order, when migration 9 runs', () => {
    const dir = join(root, `old-${counter++}`);
    mkdirSync(dir, { recursive: true });
    const old = new Database(join(dir, 'station.sqlite'));
    migrate(old, MIGRATIONS.slice(0, 8));
    const insert = old.prepare("INSERT INTO audit_log (at, officer_name, officer_badge, action, subject, details) VALUES (?, 'Officer A', 'A-1', ?, NULL, ?)");
    insert.run('2025-01-01T10:00:00.000Z', 'session.signIn', null);
    insert.run('2025-01-01T10:01:00.000Z', 'examination.create', '{"source":"files"}');
    old.close();

    const { store, trail } = open(dir);
    store.audit({ officer: null, action: 'after.upgrade' });
    expect(trail.verify()).toMatchObject({ intact: true, entries: 3, checkpoints: 0 });
    // The append-only trigger is back after the migration lifted it to chain the rows.
    expect(() => store.connection.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    // And no entry can be written unchained.
    expect(() => store.connection.prepare("INSERT INTO audit_log (at, action) VALUES ('2025', 'sneaked in')").run()).toThrow(/chained/);
  });

  it('names the entry that was edited', () => {
    const dir = station();
    tamper(dir, (db) => db.prepare("UPDATE audit_log SET subject = 'someone else' WHERE id = 3").run());
    expect(verify(dir).break).toMatchObject({ kind: 'edited', entryId: 3 });
  });

  it('names the edited entry when the attacker also computed its hash again', () => {
    const dir = station();
    tamper(dir, (db) => {
      db.prepare("UPDATE audit_log SET details = '{\"i\":99}' WHERE id = 2").run();
      const row = db.prepare('SELECT * FROM audit_log WHERE id = 2').get() as AuditRow;
      db.prepare('UPDATE audit_log SET hash = ? WHERE id = 2').run(auditEntryHash(row, row.prev_hash));
    });
    expect(verify(dir).break).toMatchObject({ kind: 'edited', entryId: 2 });
  });

  it('names the first entry deleted', () => {
    const dir = station();
    tamper(dir, (db) => db.prepare('DELETE FROM audit_log WHERE id IN (3, 4)').run());
    expect(verify(dir)).toMatchObject({ intact: false, break: { kind: 'deleted', entryId: 3, message: expect.stringMatching(/entries 3 to 4 are missing/) } });
  });

  it('names the first entry of two swapped', () => {
    const dir = station();
    tamper(dir, (db) => swapEntries(db, 2, 5));
    expect(verify(dir).break).toMatchObject({ kind: 'reordered', entryId: 2 });
    const adjacent = station();
    tamper(adjacent, (db) => swapEntries(db, 3, 4));
    expect(verify(adjacent).break).toMatchObject({ kind: 'reordered', entryId: 3 });
  });

  it("detects a cut tail against the last signed checkpoint: the entries it covered are missing", () => {
    const dir = station(6);
    tamper(dir, (db) => db.prepare('DELETE FROM audit_log WHERE id >= 5').run());
    expect(verify(dir)).toMatchObject({ intact: false, head: { entryId: 4 }, break: { kind: 'cut', entryId: 5, message: expect.stringMatching(/entries 5 to 6 are missing.*cut short/) } });
  });

  it('detects a log rewritten whole from an entry on (every hash computed again) by its signed checkpoint', () => {
    const dir = station(6);
    tamper(dir, (db) => {
      db.prepare("UPDATE audit_log SET action = 'nothing.happened' WHERE id = 4").run();
      rechain(db);
    });
    expect(verify(dir).break).toMatchObject({ kind: 'rewritten', entryId: 6 });
  });

  it('refuses a checkpoint forged with another key, and one removed between two others', () => {
    const dir = station(3);
    const other = loadOrCreateStationKey(join(root, `other-${counter++}`));
    tamper(dir, (db) => {
      const forged = signCheckpoint({ entryId: 3, hash: 'f'.repeat(64) }, new Date(), other);
      db.prepare('INSERT INTO audit_checkpoints (entry_id, head_hash, at, public_key, signature) VALUES (?, ?, ?, ?, ?)').run(forged.entryId, forged.headHash, forged.at, forged.publicKey, forged.signature);
    });
    expect(verify(dir).break).toMatchObject({ kind: 'bad-checkpoint', entryId: 3 });

    const gap = station(3);
    const { trail, store } = open(gap);
    trail.checkpoint();
    trail.checkpoint();
    store.close();
    tamper(gap, (db) => db.prepare('DELETE FROM audit_checkpoints WHERE id = 2').run());
    expect(verify(gap).break).toMatchObject({ kind: 'bad-checkpoint', message: expect.stringMatching(/checkpoint 2 missing/) });
  });

  it('says a log with checkpoints cannot be checked without the station key', () => {
    const dir = station(2);
    const store = openStationStore(dir);
    opened.push(store);
    expect(new AuditTrail(store, null).verify().break).toMatchObject({ kind: 'bad-checkpoint', message: expect.stringMatching(/no key/) });
  });
});

describe('checkpoints while the station runs', () => {
  it('signs one at start and one every hour, each covering the head of its hour, until stopped', () => {
    vi.useFakeTimers({ now: new Date('2026-03-02T08:00:00Z'), toFake: ['setInterval', 'clearInterval', 'Date'] });
    const dir = join(root, `running-${counter++}`);
    const { store, trail } = open(dir);
    store.audit({ officer: OFFICER, action: 'session.signIn' });
    const timer = trail.startCheckpoints();
    expect(trail.verify()).toMatchObject({ checkpoints: 1, lastCheckpoint: { entryId: 1, at: '2026-03-02T08:00:00.000Z' } });

    store.audit({ officer: OFFICER, action: 'examination.create' });
    vi.advanceTimersByTime(CHECKPOINT_INTERVAL_MS - 1);
    expect(trail.verify().checkpoints).toBe(1);
    vi.advanceTimersByTime(1);
    expect(trail.verify()).toMatchObject({ intact: true, checkpoints: 2, lastCheckpoint: { entryId: 2, at: '2026-03-02T09:00:00.000Z' } });
    vi.advanceTimersByTime(2 * CHECKPOINT_INTERVAL_MS);
    expect(trail.verify()).toMatchObject({ intact: true, checkpoints: 4, lastCheckpoint: { entryId: 2, at: '2026-03-02T11:00:00.000Z' } });

    timer.stop();
    vi.advanceTimersByTime(5 * CHECKPOINT_INTERVAL_MS);
    expect(trail.verify().checkpoints).toBe(4);
    // Each is the station key's signature: a cut of the last entry is now seen.
    store.close();
    tamper(dir, (db) => db.prepare('DELETE FROM audit_log WHERE id = 2').run());
    expect(verify(dir).break).toMatchObject({ kind: 'cut', entryId: 2 });
  });
});
