// Migration 3: imported trend records waiting to be added to the weekly counts. An import stores,
// in its own transaction, one compact row with the facts the counts need (fields and checks as
// codes, as the decoding worker produced them) and which records not to count; the next read of
// the counts adds them (docs/trends.md, "Counts of an import"). Nothing is counted twice or lost:
// the row and the records commit together.
import type { Migration } from '../migration-runner';

export const migration0003: Migration = {
  version: 3,
  name: 'trend-pending-counts',
  sql: `
CREATE TABLE trend_counts_pending (
  id          INTEGER PRIMARY KEY,
  -- JSON: how to read facts ({"fields": [...]}: the record fields coded per record, in order).
  format      TEXT NOT NULL,
  -- JSON array: the strings the codes refer to.
  dictionary  TEXT NOT NULL,
  -- Little-endian int32, per block of records: count, field codes, check offsets, checks, and the
  -- indexes of the records not to count.
  facts       BLOB NOT NULL
) STRICT;
`,
};
