// Migration 1: the station database's first schema.
// Every table is STRICT so a wrong type is refused at the door instead of being silently coerced
// (SQLite's default type affinity would store '12px' in an INTEGER column).
import type { Migration } from '../migration-runner';

export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE examinations (
  id              TEXT PRIMARY KEY NOT NULL,
  created_at      TEXT NOT NULL,
  station         TEXT NOT NULL,
  officer_name    TEXT NOT NULL,
  officer_badge   TEXT NOT NULL,
  source          TEXT NOT NULL,
  format          TEXT,
  document_code   TEXT,
  issuer          TEXT,
  -- Personal data: searchable and shown only to the officer who ran the examination.
  holder_name     TEXT,
  document_number TEXT,
  suggested       TEXT NOT NULL CHECK (suggested IN ('pass', 'fail', 'warn', 'not-performed')),
  decision        TEXT CHECK (decision IN ('genuine', 'false-counterfeit', 'false-forged', 'false-pseudo',
                                           'fraud-impostor', 'fraud-fraudulently-obtained', 'inconclusive-refer')),
  decided_at      TEXT,
  -- The whole examination as validated JSON (ExaminationSchema); the columns above are derived
  -- from it for search and are rewritten with it in the same transaction.
  body            TEXT NOT NULL CHECK (json_valid(body))
) STRICT;

-- History is listed newest first; retention will delete by age.
CREATE INDEX examinations_created_at ON examinations (created_at DESC);
CREATE INDEX examinations_officer_badge ON examinations (officer_badge, created_at DESC);
CREATE INDEX examinations_decision ON examinations (decision, created_at DESC);

CREATE TABLE examination_images (
  examination_id TEXT NOT NULL REFERENCES examinations (id) ON DELETE CASCADE,
  position       INTEGER NOT NULL CHECK (position >= 0),
  light          TEXT NOT NULL CHECK (light IN ('white', 'ir', 'uv')),
  -- sha256 of the file bytes; the file lives at images/<first two hex>/<hash>.<ext>.
  hash           TEXT NOT NULL CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'),
  width          INTEGER NOT NULL CHECK (width > 0),
  height         INTEGER NOT NULL CHECK (height > 0),
  dpi            REAL,
  mime           TEXT NOT NULL,
  PRIMARY KEY (examination_id, position)
) STRICT;

-- Finding the examinations that use an image (and, later, image files no row references).
CREATE INDEX examination_images_hash ON examination_images (hash);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

CREATE TABLE audit_log (
  id            INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  officer_name  TEXT,
  officer_badge TEXT,
  action        TEXT NOT NULL,
  subject       TEXT,
  details       TEXT CHECK (details IS NULL OR json_valid(details))
) STRICT;

-- Who did what, when, must not be rewritten afterwards: the log is append-only at the database
-- level, so no code path (nor a stray SQL console) can edit or erase it.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
`,
};
