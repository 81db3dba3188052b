// Migration 8: the CSCA trust store of the trust domain (electron/trust/csca-trust-store.ts,
// docs/trust.md). The country signing CA certificates an eMRTD's document signer must chain to
// (ICAO 9303-11 §5.1, 9303-12 §5), imported offline from master lists, certificate files and CRLs:
// - csca_imports: one row per file imported — its kind, name (never its folder), SHA-256, the master
//   list signer when it was one, who imported it and when;
// - csca_certificates: each certificate once, by the SHA-256 of its DER, with the columns the lists
//   and the health view read (state, subject, serial, validity) beside the DER itself;
// - csca_certificate_sources: every import that brought a certificate (a CSCA is in many lists);
// - csca_crls: the newest CRL held per issuer (by its normalised name), with its update times;
// - csca_store_state: a generation number raised by every change, so a process holding the index
//   for passive authentication knows, with one read, when to build it again.
import type { Migration } from '../migration-runner';

export const migration0008: Migration = {
  version: 8,
  name: 'csca-trust-store',
  sql: `
CREATE TABLE csca_imports (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('master-list', 'certificate', 'crl')),
  file_name   TEXT NOT NULL,
  file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
  signer      TEXT,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL
) STRICT;

CREATE TABLE csca_certificates (
  sha256      TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
  der         BLOB NOT NULL,
  state       TEXT,
  country     TEXT,
  subject     TEXT NOT NULL,
  issuer      TEXT NOT NULL,
  serial      TEXT NOT NULL,
  not_before  TEXT NOT NULL,
  not_after   TEXT NOT NULL,
  link        INTEGER NOT NULL CHECK (link IN (0, 1))
) STRICT;
CREATE INDEX csca_certificates_state ON csca_certificates (state, not_after);

CREATE TABLE csca_certificate_sources (
  sha256    TEXT NOT NULL REFERENCES csca_certificates (sha256),
  import_id INTEGER NOT NULL REFERENCES csca_imports (id),
  PRIMARY KEY (sha256, import_id)
) STRICT;

CREATE TABLE csca_crls (
  issuer_key  TEXT PRIMARY KEY NOT NULL,
  issuer      TEXT NOT NULL,
  state       TEXT,
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  der         BLOB NOT NULL,
  this_update TEXT NOT NULL,
  next_update TEXT,
  revoked     INTEGER NOT NULL,
  import_id   INTEGER NOT NULL REFERENCES csca_imports (id)
) STRICT;

CREATE TABLE csca_store_state (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  generation INTEGER NOT NULL
) STRICT;
INSERT INTO csca_store_state (id, generation) VALUES (1, 0);
`,
};
