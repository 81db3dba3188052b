import type { HubMigration } from './hub-migration';

// Hub migration 3: the read side follows the imports. A bundle's transaction stores only the bundle and
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

export const hubMigration0003: HubMigration = {
  version: 3,
  name: 'deferred-read-side',
  sqlite: deferredReadSide({ int: 'INTEGER', strict: ' STRICT', noRowid: ', WITHOUT ROWID', seqDefault: '' }),
  postgres: deferredReadSide({
    int: 'BIGINT',
    strict: '',
    noRowid: '',
    seqDefault: "\nALTER TABLE hub_records ALTER COLUMN first_seq SET DEFAULT current_setting('loupe.bundle_seq')::bigint;",
  }),
};
