// Hub migration 1: the first schema — the trust list of member stations, the administrators' audit
// log, the bundles (seq is the pull cursor), records and alerts, and the pre-aggregated counts.
// Nullable document fields (issuer, series) are '' in the pre-aggregated tables so they can be part
// of a primary key; hub-queries.ts maps '' back to null.
import type { HubMigration } from './hub-migration';

const initialSchema = (t: { text: string; int: string; blob: string; strict: string; noRowid: string; serial: string }) => `
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

export const hubMigration0001: HubMigration = {
  version: 1,
  name: 'initial',
  sqlite: initialSchema({ text: 'TEXT', int: 'INTEGER', blob: 'BLOB', strict: ' STRICT', noRowid: ', WITHOUT ROWID', serial: 'INTEGER PRIMARY KEY AUTOINCREMENT' }),
  postgres: initialSchema({ text: 'TEXT', int: 'BIGINT', blob: 'BYTEA', strict: '', noRowid: '', serial: 'BIGSERIAL PRIMARY KEY' }),
};
