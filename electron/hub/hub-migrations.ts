// The hub schema, one numbered migration per entry, written once per dialect (SQLite STRICT tables /
// PostgreSQL types) with the same tables, columns and keys, so every query in hub-queries.ts and
// every test runs unchanged against both. Never edit a migration that has shipped; append.
//
// Nullable document fields (issuer, series) are stored as '' in the weekly tables so they can be
// part of a primary key; hub-queries.ts maps '' back to null.
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
CREATE INDEX hub_records_fraud ON hub_records (fraud_type, week);
CREATE INDEX hub_records_issuer ON hub_records (issuer, week);
CREATE INDEX hub_records_poe ON hub_records (point_of_entry, week);

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

-- Pre-aggregated weekly counts, maintained by ingest in the same transaction as the records.
CREATE TABLE hub_weekly (
  week            ${t.text} NOT NULL,
  fraud_type      ${t.text} NOT NULL,
  issuer          ${t.text} NOT NULL,
  document_type   ${t.text} NOT NULL,
  series          ${t.text} NOT NULL,
  point_of_entry  ${t.text} NOT NULL,
  n               ${t.int} NOT NULL,
  PRIMARY KEY (week, fraud_type, issuer, document_type, series, point_of_entry)
)${t.strict}${t.noRowid};

-- One row per (record, check that caught it), aggregated the same way.
CREATE TABLE hub_weekly_checks (
  week            ${t.text} NOT NULL,
  fraud_type      ${t.text} NOT NULL,
  issuer          ${t.text} NOT NULL,
  point_of_entry  ${t.text} NOT NULL,
  check_id        ${t.text} NOT NULL,
  n               ${t.int} NOT NULL,
  PRIMARY KEY (week, fraud_type, issuer, point_of_entry, check_id)
)${t.strict}${t.noRowid};
`;

export const HUB_MIGRATIONS: readonly HubMigration[] = [
  {
    version: 1,
    name: 'initial',
    sqlite: common({ text: 'TEXT', int: 'INTEGER', blob: 'BLOB', strict: ' STRICT', noRowid: ', WITHOUT ROWID', serial: 'INTEGER PRIMARY KEY AUTOINCREMENT' }),
    postgres: common({ text: 'TEXT', int: 'BIGINT', blob: 'BYTEA', strict: '', noRowid: '', serial: 'BIGSERIAL PRIMARY KEY' }),
  },
];
