// The hub schema, one numbered migration per entry, written once per dialect (SQLite STRICT tables /
// PostgreSQL types) with the same tables, columns and keys, so every query in hub-queries.ts and
// every test runs unchanged against both. Never edit a migration that has shipped; append.
//
// Nullable document fields (issuer, series) are '' in the pre-aggregated tables so they can be part
// of a primary key; hub-queries.ts maps '' back to null.
import { crossUpdateStatements } from './hub-aggregates';
export interface HubMigration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

const common = (t: { text: string; int: string; blob: string; strict: string; noRowid: string; serial: string }) => `
CREATE TABLE hub_trust (
  station     ${t.text} PRIMARY KEY NOT NULL,
  public_key  ${t.text} NOT NULL UNIQUE,
  name        ${t.text} NOT NULL,
  status      ${t.text} NOT NULL CHECK (status IN ('active', 'revoked')),
  added_by    ${t.text} NOT NULL,
  added_at    ${t.text} NOT NULL,
  revoked_at  ${t.text}
)${t.strict};

CREATE TABLE hub_audit (
  id      ${t.serial},
  at      ${t.text} NOT NULL,
  actor   ${t.text} NOT NULL,
  action  ${t.text} NOT NULL,
  detail  ${t.text} NOT NULL
)${t.strict};

-- seq is the pull cursor: strictly increasing in commit order (ingest holds the write lock).
CREATE TABLE hub_bundles (
  sha256       ${t.text} PRIMARY KEY NOT NULL,
  seq          ${t.int} NOT NULL UNIQUE,
  signer       ${t.text} NOT NULL,
  pushed_by    ${t.text} NOT NULL,
  received_at  ${t.text} NOT NULL,
  records      ${t.int} NOT NULL,
  alerts       ${t.int} NOT NULL,
  size         ${t.int} NOT NULL,
  bytes        ${t.blob} NOT NULL
)${t.strict};

CREATE TABLE hub_records (
  id              ${t.text} PRIMARY KEY NOT NULL,
  station         ${t.text} NOT NULL,
  country         ${t.text} NOT NULL,
  issuer          ${t.text},
  document_type   ${t.text} NOT NULL,
  series          ${t.text},
  fraud_type      ${t.text} NOT NULL,
  week            ${t.text} NOT NULL,
  point_of_entry  ${t.text} NOT NULL,
  first_seq       ${t.int} NOT NULL,
  content         ${t.text} NOT NULL
)${t.strict};
CREATE INDEX hub_records_week ON hub_records (week, id);
-- Filtered dashboard views read the records: one index leads with each filter column (and the next
-- filter), and each carries every column a view groups by, so those queries never visit the rows.
CREATE INDEX hub_records_issuer ON hub_records (issuer, fraud_type, point_of_entry, week, document_type, series);
CREATE INDEX hub_records_fraud ON hub_records (fraud_type, point_of_entry, week, issuer, document_type, series);
CREATE INDEX hub_records_poe ON hub_records (point_of_entry, issuer, week, fraud_type, document_type, series);

CREATE TABLE hub_alerts (
  id                  ${t.text} PRIMARY KEY NOT NULL,
  station             ${t.text} NOT NULL,
  country             ${t.text} NOT NULL,
  document_class_id   ${t.text} NOT NULL,
  issuer              ${t.text},
  fraud_type          ${t.text} NOT NULL,
  week                ${t.text} NOT NULL,
  valid_until_week    ${t.text},
  first_seq           ${t.int} NOT NULL,
  content             ${t.text} NOT NULL
)${t.strict};
CREATE INDEX hub_alerts_week ON hub_alerts (week);

-- Pre-aggregated counts, maintained by ingest in the same transaction as the records.
-- Weekly counts per dimension key (fraudType, document, pointOfEntry, check, combination = document ×
-- fraud type), and all-time totals per key for the "top keys" of an unbounded view.
CREATE TABLE hub_cube (
  dimension  ${t.text} NOT NULL,
  key        ${t.text} NOT NULL,
  week       ${t.text} NOT NULL,
  n          ${t.int} NOT NULL,
  PRIMARY KEY (dimension, key, week)
)${t.strict}${t.noRowid};
-- Covering (n included): the emerging-trend detector reads a few recent weeks of one dimension.
CREATE INDEX hub_cube_week ON hub_cube (dimension, week, key, n);

CREATE TABLE hub_cube_total (
  dimension  ${t.text} NOT NULL,
  key        ${t.text} NOT NULL,
  n          ${t.int} NOT NULL,
  PRIMARY KEY (dimension, key)
)${t.strict}${t.noRowid};

-- One row per (week, fraud type, issuer, point of entry, detecting check): the check dimension under
-- filters ('' for an unknown issuer).
CREATE TABLE hub_weekly_checks (
  week            ${t.text} NOT NULL,
  fraud_type      ${t.text} NOT NULL,
  issuer          ${t.text} NOT NULL,
  point_of_entry  ${t.text} NOT NULL,
  check_id        ${t.text} NOT NULL,
  n               ${t.int} NOT NULL,
  PRIMARY KEY (week, fraud_type, issuer, point_of_entry, check_id)
)${t.strict}${t.noRowid};
-- Covering, like the record indexes: one leads with each filter column.
CREATE INDEX hub_weekly_checks_issuer ON hub_weekly_checks (issuer, fraud_type, point_of_entry, week, check_id, n);
CREATE INDEX hub_weekly_checks_fraud ON hub_weekly_checks (fraud_type, point_of_entry, week, issuer, check_id, n);
CREATE INDEX hub_weekly_checks_poe ON hub_weekly_checks (point_of_entry, issuer, week, fraud_type, check_id, n);
`;

// Version 2: filtered dashboard views. Views filtered by one value read weekly crosses (hub_cross,
// maintained set-based per bundle by hub-aggregates.ts) instead of every matching record; views with
// several filters read the records (issuer and fraud-type indexes) and the check counts (re-keyed)
// with explicit value lists (hub-query-plan.ts). That makes the point-of-entry record index, the
// three check indexes and hub_cube's document × fraud type dimension unnecessary: dropping them pays
// for the crosses at ingest. hub_records_seq finds a bundle's records for the set-based update. The
// crosses are filled from the records already stored. Also: an index to tell superseded expert alerts.
// PostgreSQL: counters are updated in place on every bundle; free room in each page (fillfactor)
// lets an update stay on its page without a new index entry (a HOT update).
const filteredViews = (t: { int: string; strict: string; noRowid: string; counters: string; coveringKey: string; renamePrimaryKey: string; supersedes: string }) => `
CREATE INDEX hub_records_seq ON hub_records (first_seq);
-- The document × fraud type counts of the emerging-trend detector are hub_cross (fraud type → document).
DELETE FROM hub_cube WHERE dimension = 'combination';
DELETE FROM hub_cube_total WHERE dimension = 'combination';
DROP INDEX hub_records_poe;

-- hub_weekly_checks keyed for filtered reads (fraud type, point of entry, issuer first), without its
-- three secondary indexes: the same columns, so ingest's upsert (ON CONFLICT on these five) is unchanged.
-- On PostgreSQL the key carries n, so a filtered read never visits the table (SQLite's WITHOUT ROWID
-- key holds the whole row anyway); measured, this costs ingest nothing visible.
CREATE TABLE hub_weekly_checks_new (
  week            TEXT NOT NULL,
  fraud_type      TEXT NOT NULL,
  issuer          TEXT NOT NULL,
  point_of_entry  TEXT NOT NULL,
  check_id        TEXT NOT NULL,
  n               ${t.int} NOT NULL,
  PRIMARY KEY (fraud_type, point_of_entry, issuer, week, check_id)${t.coveringKey}
)${t.strict}${t.noRowid}${t.counters};
INSERT INTO hub_weekly_checks_new (week, fraud_type, issuer, point_of_entry, check_id, n)
  SELECT week, fraud_type, issuer, point_of_entry, check_id, n FROM hub_weekly_checks;
DROP TABLE hub_weekly_checks;
ALTER TABLE hub_weekly_checks_new RENAME TO hub_weekly_checks;${t.renamePrimaryKey}

-- Weekly counts of one dimension's keys among the records with one filter value, e.g.
-- (fraudType, counterfeit, document, 2026-W40, UTO · Passport · 2019) → n. Week before key: a week
-- range, and the weekly series of a few keys (week IN … AND key IN …), are index ranges.
CREATE TABLE hub_cross (
  filter_dimension  TEXT NOT NULL,
  filter_key        TEXT NOT NULL,
  dimension         TEXT NOT NULL,
  week              TEXT NOT NULL,
  key               TEXT NOT NULL,
  n                 ${t.int} NOT NULL,
  PRIMARY KEY (filter_dimension, filter_key, dimension, week, key)
)${t.strict}${t.noRowid}${t.counters};
CREATE TABLE hub_cross_total (
  filter_dimension  TEXT NOT NULL,
  filter_key        TEXT NOT NULL,
  dimension         TEXT NOT NULL,
  key               TEXT NOT NULL,
  n                 ${t.int} NOT NULL,
  PRIMARY KEY (filter_dimension, filter_key, dimension, key)
)${t.strict}${t.noRowid}${t.counters};

-- Current expert alerts leave out those a later alert supersedes (hub-alert-queries.ts, same expression).
CREATE INDEX hub_alerts_supersedes ON hub_alerts (${t.supersedes});
`;

// Version 3: the read side follows the imports. A bundle's transaction stores only the bundle and
// its records (primary key and first_seq: what deduplication and the read side's catch-up need);
// refreshAggregates (hub-aggregates.ts) then brings every read-side table up to the last bundle in
// one transaction of its own, and the dashboard's queries wait for it, so no view ever shows part of
// a bundle. The records' read indexes move to hub_facts, written by that same pass: the dimension
// columns keyed (week, id) for the drill-down's walk, and the two covering indexes of views with
// several filters. PostgreSQL loads records with COPY, which cannot name a value shared by every
// row: first_seq defaults to the bundle's seq set for the transaction (unset: the insert fails).
const deferredReadSide = (t: { int: string; strict: string; noRowid: string; seqDefault: string }) => `
CREATE TABLE hub_facts (
  week            TEXT NOT NULL,
  id              TEXT NOT NULL,
  issuer          TEXT,
  document_type   TEXT NOT NULL,
  series          TEXT,
  fraud_type      TEXT NOT NULL,
  point_of_entry  TEXT NOT NULL,
  PRIMARY KEY (week, id)
)${t.strict}${t.noRowid};
INSERT INTO hub_facts (week, id, issuer, document_type, series, fraud_type, point_of_entry)
  SELECT week, id, issuer, document_type, series, fraud_type, point_of_entry FROM hub_records ORDER BY week, id;
CREATE INDEX hub_facts_issuer ON hub_facts (issuer, fraud_type, point_of_entry, week, document_type, series);
CREATE INDEX hub_facts_fraud ON hub_facts (fraud_type, point_of_entry, week, issuer, document_type, series);
DROP INDEX hub_records_week;
DROP INDEX hub_records_issuer;
DROP INDEX hub_records_fraud;${t.seqDefault}

-- The last bundle the read side includes (one row; every table so far was maintained by ingest).
CREATE TABLE hub_aggregated (
  singleton  ${t.int} PRIMARY KEY NOT NULL CHECK (singleton = 1),
  seq        ${t.int} NOT NULL
)${t.strict};
INSERT INTO hub_aggregated (singleton, seq) SELECT 1, COALESCE(MAX(seq), 0) FROM hub_bundles;
`;

export const HUB_MIGRATIONS: readonly HubMigration[] = [
  {
    version: 1,
    name: 'initial',
    sqlite: common({ text: 'TEXT', int: 'INTEGER', blob: 'BLOB', strict: ' STRICT', noRowid: ', WITHOUT ROWID', serial: 'INTEGER PRIMARY KEY AUTOINCREMENT' }),
    postgres: common({ text: 'TEXT', int: 'BIGINT', blob: 'BYTEA', strict: '', noRowid: '', serial: 'BIGSERIAL PRIMARY KEY' }),
  },
  {
    version: 2,
    name: 'filtered-views',
    sqlite: `${filteredViews({ int: 'INTEGER', strict: ' STRICT', noRowid: ', WITHOUT ROWID', counters: '', coveringKey: '', renamePrimaryKey: '', supersedes: "json_extract(content, '$.supersedes')" })}${crossUpdateStatements('sqlite', 'true').join(';\n')};\n`,
    postgres: `${filteredViews({
      int: 'BIGINT',
      strict: '',
      noRowid: '',
      counters: ' WITH (fillfactor = 70)',
      coveringKey: ' INCLUDE (n)',
      renamePrimaryKey: '\nALTER INDEX hub_weekly_checks_new_pkey RENAME TO hub_weekly_checks_pkey;',
      supersedes: "(content::jsonb ->> 'supersedes')",
    })}${crossUpdateStatements('postgres', 'true').join(';\n')};\n`,
  },
  {
    version: 3,
    name: 'deferred-read-side',
    sqlite: deferredReadSide({ int: 'INTEGER', strict: ' STRICT', noRowid: ', WITHOUT ROWID', seqDefault: '' }),
    postgres: deferredReadSide({
      int: 'BIGINT',
      strict: '',
      noRowid: '',
      seqDefault: "\nALTER TABLE hub_records ALTER COLUMN first_seq SET DEFAULT current_setting('loupe.bundle_seq')::bigint;",
    }),
  },
];
