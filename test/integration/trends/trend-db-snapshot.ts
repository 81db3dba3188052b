// Every row of the trend tables as text: to prove an operation changed nothing, or to byte-search.
import type { Database } from 'better-sqlite3';

export const TREND_TABLES = ['trend_records', 'trend_counts_pending', 'trend_weekly_fraud', 'trend_weekly_issuer', 'trend_weekly_poe', 'trend_weekly_check', 'trend_weekly_check_issuer', 'trend_weekly_check_poe', 'trend_weekly_cube', 'expert_alerts', 'trust_members', 'trend_import_log', 'trend_counts_state'];

export function snapshotTrendTables(db: Database): string {
  return TREND_TABLES.map((t) => `${t}\n${(db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all() as unknown[]).map((r) => JSON.stringify(r)).join('\n')}`).join('\n\n');
}

export function rowCounts(db: Database): Record<string, number> {
  return Object.fromEntries(TREND_TABLES.map((t) => [t, (db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number)]));
}
