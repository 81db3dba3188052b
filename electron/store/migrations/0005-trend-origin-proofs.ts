// Migration 5: proofs of origin of the trend items received from other stations
// (electron/exchange/origin-proof.ts). A forwarded item must travel with its origin's signature
// over its id, so the station keeps each proof it received and, per item, the proof that covers it.
// Items made here need none (the station signs its own when it exports), and items received before
// this migration have none: they are not forwarded.
import type { Migration } from '../migration-runner';

export const migration0005: Migration = {
  version: 5,
  name: 'trend-origin-proofs',
  sql: `
CREATE TABLE trend_origin_proofs (
  id        INTEGER PRIMARY KEY,
  station   TEXT NOT NULL CHECK (length(station) = 16),
  -- The ids the origin signed: 32-byte values, ascending, concatenated.
  ids       BLOB NOT NULL CHECK (length(ids) > 0 AND length(ids) % 32 = 0),
  -- Ed25519 is deterministic: one proof, one signature.
  signature BLOB NOT NULL UNIQUE CHECK (length(signature) = 64)
) STRICT;

ALTER TABLE trend_records ADD COLUMN proof INTEGER REFERENCES trend_origin_proofs (id);
ALTER TABLE expert_alerts ADD COLUMN proof INTEGER REFERENCES trend_origin_proofs (id);
`,
};
