// Migration 2: non-personal fraud trends (docs/trends.md). Trend records and expert alerts are
// immutable: stored as their validated JSON with indexed columns derived from it; only the
// "superseded_by" link may be set afterwards. Weekly counts per dimension are maintained
// so that the dashboard reads thousands of rows, not millions.
import type { Migration } from '../migration-runner';

export const migration0002: Migration = {
  version: 2,
  name: 'trends',
  sql: `
CREATE TABLE trend_records (
  id                TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 64),
  station           TEXT NOT NULL,
  country           TEXT NOT NULL,
  issuer            TEXT,
  document_type     TEXT NOT NULL,
  series            TEXT,
  document_class_id TEXT,
  fraud_type        TEXT NOT NULL,
  point_of_entry    TEXT NOT NULL,
  line              TEXT NOT NULL,
  week              TEXT NOT NULL,
  supersedes        TEXT,
  superseded_by     TEXT,
  -- 'local' for records made here, else the station id of the bundle's signer.
  origin            TEXT NOT NULL,
  received_at       TEXT NOT NULL,
  content           TEXT NOT NULL
) STRICT;

-- Charts read the count tables; the records are read by week (drill-down, export) and by the
-- record they supersede. Few indexes keep an import fast.
CREATE INDEX trend_records_week ON trend_records (week, fraud_type);
CREATE INDEX trend_records_supersedes ON trend_records (supersedes) WHERE supersedes IS NOT NULL;

CREATE TRIGGER trend_records_immutable BEFORE UPDATE OF id, station, country, issuer, document_type, series,
  document_class_id, fraud_type, point_of_entry, line, week, supersedes, origin, received_at, content ON trend_records
BEGIN
  SELECT RAISE(ABORT, 'trend records are immutable: record a correction that supersedes it');
END;

CREATE TRIGGER trend_records_no_delete BEFORE DELETE ON trend_records
BEGIN
  SELECT RAISE(ABORT, 'trend records are immutable');
END;

-- Weekly counts of records not superseded, one table per dashboard dimension. Rows up to
-- counted_rowid are counted; newer rows are added in one grouped pass before the next read, so an
-- import only writes records (a correction of an already counted record is subtracted at once).
CREATE TABLE trend_counts_state (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  counted_rowid INTEGER NOT NULL
) STRICT;
INSERT INTO trend_counts_state (id, counted_rowid) VALUES (1, 0);

CREATE TABLE trend_weekly_fraud (
  week TEXT NOT NULL, fraud_type TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (week, fraud_type)
) STRICT;

CREATE TABLE trend_weekly_issuer (
  week TEXT NOT NULL, fraud_type TEXT NOT NULL, issuer TEXT NOT NULL, document_type TEXT NOT NULL,
  series TEXT NOT NULL, series_key TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (week, fraud_type, issuer, document_type, series, series_key)
) STRICT;

CREATE TABLE trend_weekly_poe (
  week TEXT NOT NULL, fraud_type TEXT NOT NULL, point_of_entry TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (week, fraud_type, point_of_entry)
) STRICT;

CREATE TABLE trend_weekly_check (
  week TEXT NOT NULL, fraud_type TEXT NOT NULL, check_id TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('caught', 'missed')),
  n INTEGER NOT NULL,
  PRIMARY KEY (week, fraud_type, check_id, role)
) STRICT;

-- Checks per issuer and per point of entry: the "by check" chart under one of those filters.
CREATE TABLE trend_weekly_check_issuer (
  issuer TEXT NOT NULL, week TEXT NOT NULL, fraud_type TEXT NOT NULL, check_id TEXT NOT NULL, role TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (issuer, week, fraud_type, check_id, role)
) STRICT;

CREATE TABLE trend_weekly_check_poe (
  point_of_entry TEXT NOT NULL, week TEXT NOT NULL, fraud_type TEXT NOT NULL, check_id TEXT NOT NULL, role TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (point_of_entry, week, fraud_type, check_id, role)
) STRICT;

-- Issuer × document × point of entry per week: charts filtered across those two dimensions.
CREATE TABLE trend_weekly_cube (
  week TEXT NOT NULL, fraud_type TEXT NOT NULL, issuer TEXT NOT NULL, document_type TEXT NOT NULL, series TEXT NOT NULL,
  point_of_entry TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (week, fraud_type, issuer, document_type, series, point_of_entry)
) STRICT;
CREATE INDEX trend_weekly_cube_issuer ON trend_weekly_cube (issuer, week);
CREATE INDEX trend_weekly_cube_poe ON trend_weekly_cube (point_of_entry, week);

CREATE TABLE expert_alerts (
  id                TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 64),
  station           TEXT NOT NULL,
  document_class_id TEXT NOT NULL,
  fraud_type        TEXT NOT NULL,
  week              TEXT NOT NULL,
  valid_until_week  TEXT,
  supersedes        TEXT,
  superseded_by     TEXT,
  origin            TEXT NOT NULL,
  received_at       TEXT NOT NULL,
  content           TEXT NOT NULL
) STRICT;

CREATE INDEX expert_alerts_class ON expert_alerts (document_class_id, week);

CREATE TRIGGER expert_alerts_immutable BEFORE UPDATE OF id, station, document_class_id, fraud_type, week,
  valid_until_week, supersedes, origin, received_at, content ON expert_alerts
BEGIN
  SELECT RAISE(ABORT, 'expert alerts are immutable: publish one that supersedes it');
END;

CREATE TRIGGER expert_alerts_no_delete BEFORE DELETE ON expert_alerts
BEGIN
  SELECT RAISE(ABORT, 'expert alerts are immutable');
END;

-- Network members whose bundles this station accepts.
CREATE TABLE trend_trust (
  station    TEXT PRIMARY KEY NOT NULL CHECK (length(station) = 16),
  public_key TEXT NOT NULL,
  name       TEXT NOT NULL,
  added_at   TEXT NOT NULL
) STRICT;

-- Bundles imported (only those that were applied; a refused bundle changes nothing).
CREATE TABLE trend_import_log (
  id             INTEGER PRIMARY KEY,
  at             TEXT NOT NULL,
  signer         TEXT NOT NULL,
  bundle_sha256  TEXT NOT NULL,
  scope          TEXT NOT NULL,
  added_records  INTEGER NOT NULL,
  added_alerts   INTEGER NOT NULL,
  skipped        INTEGER NOT NULL
) STRICT;
`,
};
