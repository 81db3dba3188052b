// One migration of the hub schema, written once per dialect (SQLite STRICT tables / PostgreSQL
// types) with the same tables, columns and keys, so every query in hub-queries.ts and every test
// runs unchanged against both.
export interface HubMigration {
  /** 1, 2, 3... — the file number; applied in increasing order, each exactly once. */
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}
