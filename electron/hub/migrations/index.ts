// Every hub migration, in order. Add a file `NNNN-name.ts` and append it here; never edit one that
// has shipped (hubs in the field have already applied it).
import type { HubMigration } from './hub-migration';
import { hubMigration0001 } from './0001-initial';
import { hubMigration0002 } from './0002-filtered-views';
import { hubMigration0003 } from './0003-deferred-read-side';

export type { HubMigration } from './hub-migration';

export const HUB_MIGRATIONS: readonly HubMigration[] = [hubMigration0001, hubMigration0002, hubMigration0003];
