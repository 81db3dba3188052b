// `--database` → a hub store: a postgres:// URL opens PostgreSQL, anything else is a SQLite file.
import type { HubStore } from './hub-store';
import { openPostgresHubStore } from './postgres-hub-store';
import { openSqliteHubStore } from './sqlite-hub-store';

export const HUB_DATABASE_FILE = 'hub.sqlite';

export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//.test(database);
}

export async function openHubStore(database: string): Promise<HubStore> {
  return isPostgresUrl(database) ? openPostgresHubStore(database) : openSqliteHubStore(database);
}
