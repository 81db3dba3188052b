import { crossUpdateStatements } from '../hub-aggregates';
import type { HubMigration } from './hub-migration';

// Hub migration 2: filtered dashboard views. Views filtered by one value read weekly crosses (hub_cross,
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

export const hubMigration0002: HubMigration = {
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
};
