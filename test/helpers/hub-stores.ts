// The hub store suites run against both databases: an embedded SQLite file and a private
// PostgreSQL cluster (test/helpers/postgres-server.ts), one fresh database per store.
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { HubStore } from '../../electron/hub/hub-store';
import { openHubStore } from '../../electron/hub/open-hub-store';
import { postgresMissing, startPostgres, type PostgresServer } from './postgres-server';
import { useTempDir } from './temp-dir';

export type StoreKind = 'sqlite' | 'postgres';
export const STORE_KINDS: StoreKind[] = postgresMissing ? ['sqlite'] : ['sqlite', 'postgres'];

/** Returns a factory of fresh hub stores of `kind`, all closed (and the cluster stopped) after the file. */
export function useHubStores(kind: StoreKind): () => Promise<HubStore> {
  const dir = useTempDir('loupe-hub-');
  let server: PostgresServer | undefined;
  const opened: HubStore[] = [];
  let n = 0;
  beforeAll(async () => {
    if (kind === 'postgres') server = await startPostgres();
  });
  afterAll(async () => {
    for (const s of opened) await s.close().catch(() => undefined);
    server?.stop();
  });
  return async () => {
    n++;
    const store = await openHubStore(kind === 'sqlite' ? join(dir, `hub-${n}.sqlite`) : await server!.createDatabase(`hub_${n}`));
    opened.push(store);
    return store;
  };
}
