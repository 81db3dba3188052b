// The station database: examinations (personal data), their capture images on disk, settings
// and the append-only audit log. One SQLite file per station, opened by one process at a time
// in normal use (WAL also lets a report or CLI process read while the app writes).
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { z } from 'zod';
import { LoupeError } from '../common/loupe-error';
import { tightenDataFolder } from '../common/private-files';
import {
  DecisionSchema,
  ExaminationSchema,
  ExaminationSummarySchema,
  OfficerSchema,
  type Decision,
  type Examination,
  type ExaminationSummary,
  type Officer,
} from '../contract/examination.contract';
import { AUDIT_GENESIS_HASH, AUDIT_ROW_COLUMNS, auditEntryHash, type AuditRow } from './audit-chain';
import { toColumns } from './examination-columns';
import { buildListQuery, type ExaminationListQuery, type SummaryRow } from './examination-list-query';
import { ImageFiles } from './image-files';
import { migrate } from './migration-runner';
import { sweepOrphanCaptures } from './orphan-captures';
import { openStationDatabase } from './station-database';
import { MIGRATIONS } from './migrations/index';
import type { AuditEntry, AuditInput } from './store-types';

export { DATABASE_FILE } from './station-database';
export const IMAGES_DIR = 'images';
/** Where the device bridge stages the files of a capture until its examination stores them. */
export const CAPTURES_DIR = 'captures';

/**
 * Opens (creating and migrating as needed) the station database under `dataDir`. This is where a
 * program starts with the station's data, so the start-up housekeeping happens here: the data
 * folder is made private to this user, and capture images no examination refers to are removed.
 */
export function openStationStore(dataDir: string): StationStore {
  tightenDataFolder(dataDir);
  const db = openStationDatabase(dataDir);
  try {
    db.pragma('journal_mode = WAL');
    // FULL rather than NORMAL: in WAL mode NORMAL already survives a killed process, but may lose
    // the last commits on power loss or an OS crash. An examination the officer saw as saved is
    // part of a case file, so each commit fsyncs the WAL; at the pace of human examinations the
    // cost (one fsync per commit) is invisible.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // A second process (CLI report, backup) may briefly hold the write lock: wait, don't fail.
    db.pragma('busy_timeout = 5000');
    // The trend store works on this connection too (trends/trend-store.ts). A bundle import inserts
    // records under random (hash) keys into a primary-key index (≈ 75 MB with a million records)
    // and the count refresh groups them: both are bound by page-cache misses with SQLite's 2 MB
    // default. 128 MB of cache (a ceiling, filled only as pages are read) and in-memory temporary
    // B-trees make a 100,000-record bundle several times faster.
    db.pragma('cache_size = -131072');
    db.pragma('temp_store = MEMORY');
    migrate(db, MIGRATIONS, { dataDir });
    const images = new ImageFiles(join(dataDir, IMAGES_DIR));
    images.sweepTemporaryFiles();
    sweepOrphanCaptures(db, images, join(dataDir, CAPTURES_DIR));
    return new StationStore(db, images);
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The image files the face comparison refers to: portrait sources (live, chip) and aligned crops. */
function portraitImageHashes(exam: Examination): Set<string> {
  const hashes = new Set<string>();
  for (const p of exam.face?.portraits ?? []) {
    hashes.add(p.sourceHash);
    if (p.alignedHash !== null) hashes.add(p.alignedHash);
  }
  // The chip's portrait (DG2), stored when the chip was read, before any face comparison uses it.
  for (const f of exam.chip?.reading?.faces ?? []) hashes.add(f.imageHash);
  return hashes;
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string, kind: 'InvalidInput' | 'Internal'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new LoupeError('store', kind, `${what} is malformed: ${issues.join('; ')}`);
}

export class StationStore {
  constructor(
    private readonly db: Database.Database,
    private readonly images: ImageFiles,
  ) {}

  /**
   * The station database's one connection, for the stores of the domains whose tables live in it
   * (trends, trust): a database file is opened by one store, with one set of pragmas. They never
   * close it; close() here does.
   */
  get connection(): Database.Database {
    return this.db;
  }

  // ── Images ────────────────────────────────────────────────────────────────────────────────

  /** Stores image bytes by content hash (atomic write, deduplicated). */
  putImage(bytes: Buffer, mime: string): { hash: string; path: string } {
    return this.images.put(bytes, mime);
  }

  /** The file of a stored image, or null for a malformed hash or an unknown image. */
  imagePath(hash: string): string | null {
    return this.images.path(hash);
  }

  // ── Examinations ──────────────────────────────────────────────────────────────────────────

  /** Inserts or replaces an examination and its image rows in one transaction. */
  saveExamination(exam: Examination): void {
    const valid = parseOrThrow(ExaminationSchema, exam, 'examination', 'InvalidInput');
    for (const image of valid.images) {
      // Store the file first (putImage): a saved examination never points at a missing capture.
      if (this.imagePath(image.hash) === null) {
        throw new LoupeError('store', 'ImageNotStored', `examination ${valid.id}: image ${image.hash} is not stored`);
      }
    }
    for (const hash of portraitImageHashes(valid)) {
      if (this.imagePath(hash) === null) throw new LoupeError('store', 'ImageNotStored', `examination ${valid.id}: portrait image ${hash} is not stored`);
    }
    const columns = toColumns(valid);
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO examinations (id, created_at, station, officer_name, officer_badge, source, format, document_code,
               issuer, holder_name, document_number, suggested, decision, decided_at, body)
             VALUES (:id, :created_at, :station, :officer_name, :officer_badge, :source, :format, :document_code,
               :issuer, :holder_name, :document_number, :suggested, :decision, :decided_at, :body)
             ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, station = excluded.station,
               officer_name = excluded.officer_name, officer_badge = excluded.officer_badge, source = excluded.source,
               format = excluded.format, document_code = excluded.document_code, issuer = excluded.issuer,
               holder_name = excluded.holder_name, document_number = excluded.document_number,
               suggested = excluded.suggested, decision = excluded.decision, decided_at = excluded.decided_at,
               body = excluded.body`,
          )
          .run(columns);
        this.db.prepare('DELETE FROM examination_images WHERE examination_id = ?').run(valid.id);
        const insertImage = this.db.prepare(
          `INSERT INTO examination_images (examination_id, position, light, hash, width, height, dpi, mime)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        valid.images.forEach((image, position) => {
          insertImage.run(valid.id, position, image.light, image.hash, image.width, image.height, image.dpi ?? null, image.mime);
        });
        this.db.prepare('DELETE FROM examination_portrait_images WHERE examination_id = ?').run(valid.id);
        const insertPortrait = this.db.prepare('INSERT OR IGNORE INTO examination_portrait_images (examination_id, hash) VALUES (?, ?)');
        for (const hash of portraitImageHashes(valid)) insertPortrait.run(valid.id, hash);
      })
      .immediate();
  }

  getExamination(id: string): Examination | null {
    const body = this.db.prepare('SELECT body FROM examinations WHERE id = ?').pluck().get(id) as string | undefined;
    if (body === undefined) return null;
    return this.parseStored(id, body);
  }

  /**
   * Reads an examination, changes it and saves the result in one transaction, so the change meets
   * the record as it is (nothing written in between is lost); throws NotFound for an unknown id.
   */
  updateExamination(id: string, change: (current: Examination) => Examination): Examination {
    return this.db
      .transaction(() => {
        const current = this.getExamination(id);
        if (!current) throw new LoupeError('examination', 'ExaminationNotFound', `no examination ${id}`);
        const updated = change(current);
        if (updated.id !== id) throw new LoupeError('store', 'InvalidInput', `a change of examination ${id} cannot give it another id`);
        this.saveExamination(updated);
        return updated;
      })
      .immediate();
  }

  /** Records the examiner's decision (JSON and columns together); throws NotFound for an unknown id. */
  decide(id: string, decision: Decision): Examination {
    const valid = parseOrThrow(DecisionSchema, decision, 'decision', 'InvalidInput');
    return this.db
      .transaction(() => {
        const body = this.db.prepare('SELECT body FROM examinations WHERE id = ?').pluck().get(id) as string | undefined;
        if (body === undefined) throw new LoupeError('examination', 'ExaminationNotFound', `no examination ${id}`);
        const updated = parseOrThrow(ExaminationSchema, { ...this.parseStored(id, body), decision: valid }, 'examination', 'InvalidInput');
        this.db
          .prepare('UPDATE examinations SET decision = ?, decided_at = ?, body = ? WHERE id = ?')
          .run(valid.verdict, valid.decidedAt, JSON.stringify(updated), id);
        return updated;
      })
      .immediate();
  }

  /** Newest first. Holder names are returned, and searchable, only for the viewer's own examinations. */
  listExaminations(query: ExaminationListQuery, viewer: Officer | null): ExaminationSummary[] {
    const { sql, params } = buildListQuery(query, viewer);
    const rows = this.db.prepare(sql).all(params) as SummaryRow[];
    return rows.map((row) =>
      parseOrThrow(
        ExaminationSummarySchema,
        {
          id: row.id,
          createdAt: row.created_at,
          officer: { name: row.officer_name, badge: row.officer_badge },
          document: { format: row.format, documentCode: row.document_code, issuer: row.issuer },
          holder: row.holder,
          decision: row.decision,
          suggested: row.suggested,
        },
        `examination ${row.id} summary`,
        'Internal',
      ),
    );
  }

  // Retention (a later issue) goes here as one transaction: delete examinations older than the
  // configured number of days unless under legal hold (a new migration adds that column);
  // examination_images and examination_portrait_images rows follow by ON DELETE CASCADE; after the
  // commit, image files that no row references any more are removed from disk (orphan-captures.ts).

  // ── Settings ──────────────────────────────────────────────────────────────────────────────

  getSetting<T>(key: string): T | undefined {
    const value = this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
    return value === undefined ? undefined : (JSON.parse(value) as T);
  }

  setSetting(key: string, value: unknown): void {
    const json = JSON.stringify(value);
    if (json === undefined) throw new LoupeError('store', 'InvalidInput', `setting ${key}: value is not representable as JSON`);
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, json);
  }

  // ── Audit log ─────────────────────────────────────────────────────────────────────────────

  /**
   * Appends an entry to the audit log, chained to the entry before it (audit-chain.ts). The last
   * entry is read and the new one written in one IMMEDIATE transaction, so two processes writing to
   * the log at once (the app and a command) never link two entries to the same predecessor.
   */
  audit(entry: AuditInput): void {
    const officer = entry.officer === null ? null : parseOrThrow(OfficerSchema, entry.officer, 'audit officer', 'InvalidInput');
    if (!entry.action.trim()) throw new LoupeError('store', 'InvalidInput', 'audit action is empty');
    this.db
      .transaction(() => {
        const last = this.db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string | null } | undefined;
        const row = {
          id: (last?.id ?? 0) + 1,
          at: new Date().toISOString(),
          officer_name: officer?.name ?? null,
          officer_badge: officer?.badge ?? null,
          action: entry.action,
          subject: entry.subject ?? null,
          details: entry.details === undefined ? null : JSON.stringify(entry.details),
        };
        const prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
        this.db
          .prepare('INSERT INTO audit_log (id, at, officer_name, officer_badge, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(row.id, row.at, row.officer_name, row.officer_badge, row.action, row.subject, row.details, prevHash, auditEntryHash(row, prevHash));
      })
      .immediate();
  }

  /** Every audit log row exactly as stored, in id order (what the audit trail's verification reads). */
  auditRows(): AuditRow[] {
    return this.db.prepare(`SELECT ${AUDIT_ROW_COLUMNS} FROM audit_log ORDER BY id`).all() as AuditRow[];
  }

  /** The last entry's id and stored hash; id 0 and the genesis hash for an empty log. */
  auditHead(): { entryId: number; hash: string } {
    const last = this.db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string | null } | undefined;
    return last ? { entryId: last.id, hash: last.hash ?? AUDIT_GENESIS_HASH } : { entryId: 0, hash: AUDIT_GENESIS_HASH };
  }

  /** Newest first. */
  auditLog(limit = 100): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT id, at, officer_name, officer_badge, action, subject, details FROM audit_log ORDER BY id DESC LIMIT ?')
      .all(Math.max(1, Math.trunc(limit))) as Omit<AuditRow, 'prev_hash' | 'hash'>[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      officer: r.officer_name !== null && r.officer_badge !== null ? { name: r.officer_name, badge: r.officer_badge } : null,
      action: r.action,
      subject: r.subject,
      details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
    }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private parseStored(id: string, body: string): Examination {
    // Validated on the way out too: a row written by an older build, or edited by hand, must not
    // reach the screen or a report in a shape the rest of the code does not expect.
    return parseOrThrow(ExaminationSchema, JSON.parse(body), `stored examination ${id}`, 'Internal');
  }
}
