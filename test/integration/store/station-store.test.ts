import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LoupeError } from '../../../electron/common/loupe-error';
import type { Decision } from '../../../electron/contract/examination.contract';
import { openStationStore, type StationStore } from '../../../electron/store/index';
import { migrate } from '../../../electron/store/migration-runner';
import { MIGRATIONS } from '../../../electron/store/migrations';
import { useTempDir } from '../../helpers/temp-dir';
import { OFFICER_A, OFFICER_B, makeExamination } from './fixtures/examination-fixture';

const root = useTempDir('loupe-store-');
let counter = 0;
const opened: StationStore[] = [];
function freshStore(): { dir: string; store: StationStore } {
  const dir = join(root, `db-${counter++}`);
  const store = openStationStore(dir);
  opened.push(store);
  return { dir, store };
}
afterEach(() => opened.splice(0).forEach((s) => s.close()));

const pngBytes = (seed: string): Buffer => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from(seed)]);

describe('opening and migrations', () => {
  it('creates the data folder, database file and image folder with WAL and foreign keys', () => {
    const { dir } = freshStore();
    expect(existsSync(join(dir, 'station.sqlite'))).toBe(true);
    expect(existsSync(join(dir, 'images'))).toBe(true);
    const raw = new Database(join(dir, 'station.sqlite'));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = raw.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string; sql: string }[];
    expect(tables.map((t) => t.name)).toEqual([
      'audit_checkpoints', 'audit_log', 'csca_certificate_sources', 'csca_certificates', 'csca_crls', 'csca_imports', 'csca_store_state', 'examination_images', 'examination_portrait_images', 'examinations', 'expert_alerts', 'schema_migrations', 'settings', 'trend_counts_pending', 'trend_counts_state',
      'trend_import_log', 'trend_origin_proofs', 'trend_records', 'trend_weekly_check', 'trend_weekly_check_issuer', 'trend_weekly_check_poe', 'trend_weekly_cube', 'trend_weekly_fraud', 'trend_weekly_issuer', 'trend_weekly_poe', 'trust_members',
    ]);
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT$/);
    raw.close();
  });

  it('is idempotent: opening twice applies each migration once and keeps the data', () => {
    const { dir, store } = freshStore();
    store.setSetting('station.name', 'Gate 4');
    store.close();
    const again = openStationStore(dir);
    opened.push(again);
    expect(again.getSetting('station.name')).toBe('Gate 4');
    again.close();
    const raw = new Database(join(dir, 'station.sqlite'));
    expect(raw.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([
      { version: 1, name: 'initial' },
      { version: 2, name: 'trends' },
      { version: 3, name: 'trend-pending-counts' },
      { version: 4, name: 'alert-supersede-same-station' },
      { version: 5, name: 'trend-origin-proofs' },
      { version: 6, name: 'examination-portrait-images' },
      { version: 7, name: 'trust-members' },
      { version: 8, name: 'csca-trust-store' },
      { version: 9, name: 'audit-chain' },
    ]);
    raw.close();
  });

  it('re-marks superseded expert alerts under the same-station rule when upgrading from version 3', () => {
    const dir = join(root, `db-${counter++}`);
    mkdirSync(dir, { recursive: true });
    const old = new Database(join(dir, 'station.sqlite'));
    migrate(old, MIGRATIONS.slice(0, 3));
    const id = (name: string) => createHash('sha256').update(name).digest('hex');
    const insert = old.prepare(
      "INSERT INTO expert_alerts (id, station, document_class_id, fraud_type, week, valid_until_week, supersedes, superseded_by, origin, received_at, content) VALUES (?, ?, 'uto-passport-2019', 'counterfeit', '2026-W40', NULL, ?, ?, 'local', '2026-10-01T00:00:00Z', '{}')",
    );
    // X's alert hidden by Y's (the old rule); X's second alert rightly replaced by X; X's third
    // marked by Y's alert although X replaced it too.
    insert.run(id('x1'), 'X', null, id('y1'));
    insert.run(id('y1'), 'Y', id('x1'), null);
    insert.run(id('x2'), 'X', null, id('x3'));
    insert.run(id('x3'), 'X', id('x2'), null);
    insert.run(id('x4'), 'X', null, id('y4'));
    insert.run(id('y4'), 'Y', id('x4'), null);
    insert.run(id('x5'), 'X', id('x4'), null);
    old.close();

    opened.push(openStationStore(dir));
    const raw = new Database(join(dir, 'station.sqlite'));
    const marks = Object.fromEntries((raw.prepare('SELECT id, superseded_by FROM expert_alerts').all() as { id: string; superseded_by: string | null }[]).map((r) => [r.id, r.superseded_by]));
    raw.close();
    expect(marks).toEqual({ [id('x1')]: null, [id('y1')]: null, [id('x2')]: id('x3'), [id('x3')]: null, [id('x4')]: id('x5'), [id('y4')]: null, [id('x5')]: null });
  });

  it('refuses a database written by a newer schema', () => {
    const { dir, store } = freshStore();
    store.close();
    const raw = new Database(join(dir, 'station.sqlite'));
    raw.prepare("INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01')").run();
    raw.close();
    expect(() => openStationStore(dir)).toThrow(/schema version 99/);
  });
});

describe('STRICT tables and the append-only audit log', () => {
  it('rejects a value of the wrong type instead of coercing it', () => {
    const { dir, store } = freshStore();
    const { hash } = store.putImage(pngBytes('strict'), 'image/png');
    store.saveExamination(makeExamination({ id: 'e1', images: [{ light: 'white', hash, width: 10, height: 10, mime: 'image/png' }] }));
    store.close();
    const raw = new Database(join(dir, 'station.sqlite'));
    raw.pragma('foreign_keys = ON');
    expect(() => raw.prepare("UPDATE examination_images SET width = 'wide' WHERE examination_id = 'e1'").run()).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => raw.prepare("UPDATE examination_images SET dpi = 'high' WHERE examination_id = 'e1'").run()).toThrow(/cannot store TEXT value in REAL column/);
    expect(() => raw.prepare("INSERT INTO settings (key, value) VALUES (x'00', '1')").run()).toThrow(/cannot store BLOB value in TEXT column/);
    expect(raw.prepare("SELECT width FROM examination_images WHERE examination_id = 'e1'").pluck().get()).toBe(10);
    raw.close();
  });

  it('records audit entries newest first and refuses UPDATE and DELETE', () => {
    const { dir, store } = freshStore();
    store.audit({ officer: OFFICER_A, action: 'session.signIn' });
    store.audit({ officer: null, action: 'device.connected', subject: 'virtual', details: { port: 'none' } });
    const log = store.auditLog();
    expect(log.map((e) => e.action)).toEqual(['device.connected', 'session.signIn']);
    expect(log[0]).toMatchObject({ officer: null, subject: 'virtual', details: { port: 'none' } });
    expect(log[1]).toMatchObject({ officer: OFFICER_A, subject: null, details: null });
    expect(store.auditLog(1)).toHaveLength(1);
    store.close();

    const raw = new Database(join(dir, 'station.sqlite'));
    expect(() => raw.prepare("UPDATE audit_log SET action = 'nothing happened'").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(raw.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(2);
    raw.close();
  });
});

describe('images', () => {
  it('stores images by content hash once, in a two-character shard folder', () => {
    const { dir, store } = freshStore();
    const bytes = pngBytes('same capture');
    const first = store.putImage(bytes, 'image/png');
    const second = store.putImage(Buffer.from(bytes), 'image/png');
    expect(first).toEqual(second);
    expect(first.hash).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(relative(dir, first.path)).toBe(join('images', first.hash.slice(0, 2), `${first.hash}.png`));
    expect(readFileSync(first.path).equals(bytes)).toBe(true);
    expect(readdirSync(join(dir, 'images', first.hash.slice(0, 2)))).toEqual([`${first.hash}.png`]);
    expect(store.imagePath(first.hash)).toBe(first.path);
    expect(() => store.putImage(bytes, 'text/html')).toThrow(LoupeError);
  });

  it('on opening, removes temp files of dead writers but not of live ones', () => {
    const { dir, store } = freshStore();
    store.close();
    const shard = join(dir, 'images', 'ab');
    mkdirSync(shard, { recursive: true });
    // 999999999 is above Linux's pid_max: certainly not a running process.
    writeFileSync(join(shard, '.tmp-999999999-0a1b2c'), 'half a scan');
    writeFileSync(join(shard, `.tmp-${process.pid}-0a1b2c`), 'being written');
    opened.push(openStationStore(dir));
    expect(readdirSync(shard)).toEqual([`.tmp-${process.pid}-0a1b2c`]);
  });

  it('never builds a path from a malformed hash', () => {
    const { store } = freshStore();
    expect(store.imagePath('../../etc/passwd')).toBeNull();
    expect(store.imagePath('../' + 'a'.repeat(61))).toBeNull();
    expect(store.imagePath('A'.repeat(64))).toBeNull();
    expect(store.imagePath('a'.repeat(64))).toBeNull(); // well-formed but not stored
  });
});

describe('examinations', () => {
  it('saves and returns the same document, replacing image rows on a second save', () => {
    const { dir, store } = freshStore();
    const white = store.putImage(pngBytes('white'), 'image/png');
    const ir = store.putImage(pngBytes('ir'), 'image/png');
    const exam = makeExamination({ id: 'e1', images: [{ light: 'white', hash: white.hash, width: 1200, height: 850, dpi: 300, mime: 'image/png' }] });
    store.saveExamination(exam);
    expect(store.getExamination('e1')).toEqual(exam);
    const withIr = { ...exam, images: [...exam.images, { light: 'ir' as const, hash: ir.hash, width: 1200, height: 850, mime: 'image/png' }] };
    store.saveExamination(withIr);
    expect(store.getExamination('e1')).toEqual(withIr);
    expect(store.getExamination('missing')).toBeNull();
    store.close();
    const raw = new Database(join(dir, 'station.sqlite'));
    expect(raw.prepare('SELECT light, hash FROM examination_images ORDER BY position').all()).toEqual([
      { light: 'white', hash: white.hash },
      { light: 'ir', hash: ir.hash },
    ]);
    raw.close();
  });

  it('rejects a malformed examination and one whose image is not stored', () => {
    const { store } = freshStore();
    const bad = { ...makeExamination({ id: 'bad' }), officer: { name: '', badge: 'B-1' } };
    expect(() => store.saveExamination(bad)).toThrow(/officer\.name/);
    const noVerdict = { ...makeExamination({ id: 'bad2' }), verdict: 'genuine' } as unknown as Parameters<StationStore['saveExamination']>[0];
    expect(() => store.saveExamination(noVerdict)).toThrow(LoupeError);
    const missingImage = makeExamination({ id: 'bad3', images: [{ light: 'white', hash: 'b'.repeat(64), width: 1, height: 1, mime: 'image/png' }] });
    expect(() => store.saveExamination(missingImage)).toThrow(/not stored/);
    expect(store.listExaminations({}, OFFICER_A)).toEqual([]);
  });

  it('validates on the way out: a row edited into a bad shape is refused, not returned', () => {
    const { dir, store } = freshStore();
    store.saveExamination(makeExamination({ id: 'e1' }));
    const raw = new Database(join(dir, 'station.sqlite'));
    raw.prepare("UPDATE examinations SET body = json_set(body, '$.checks', 'none') WHERE id = 'e1'").run();
    raw.close();
    expect(() => store.getExamination('e1')).toThrow(/stored examination e1 is malformed/);
  });

  it('records a decision in the document and the columns', () => {
    const { store } = freshStore();
    store.saveExamination(makeExamination({ id: 'e1', officer: OFFICER_A }));
    const decision: Decision = { verdict: 'false-forged', reasons: ['photo substituted'], notes: 'laminate lifted at corner', officer: OFFICER_B, decidedAt: '2024-05-01T10:00:00.000Z' };
    const updated = store.decide('e1', decision);
    expect(updated.decision).toEqual(decision);
    expect(store.getExamination('e1')?.decision).toEqual(decision);
    expect(store.listExaminations({ decision: 'false-forged' }, null).map((s) => [s.id, s.decision])).toEqual([['e1', 'false-forged']]);
    expect(store.listExaminations({ decision: 'genuine' }, null)).toEqual([]);
    expect(() => store.decide('nope', decision)).toThrow(/no examination nope/);
    expect(() => store.decide('e1', { ...decision, verdict: 'probably-fine' as Decision['verdict'] })).toThrow(LoupeError);
    expect(store.getExamination('e1')?.decision?.verdict).toBe('false-forged');
  });
});

describe('settings', () => {
  it('round-trips JSON values and overwrites', () => {
    const { store } = freshStore();
    expect(store.getSetting('devices.serial')).toBeUndefined();
    store.setSetting('devices.serial', { path: '/dev/ttyS0', baud: 9600, enabled: true });
    expect(store.getSetting('devices.serial')).toEqual({ path: '/dev/ttyS0', baud: 9600, enabled: true });
    store.setSetting('devices.serial', null);
    expect(store.getSetting('devices.serial')).toBeNull();
    expect(() => store.setSetting('x', undefined)).toThrow(LoupeError);
  });
});
