// Every migration, in order. Add a file `NNNN-name.ts` and append it here; never edit one that
// has shipped (stations in the field have already applied it).
import type { Migration } from '../migration-runner';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-trends';
import { migration0003 } from './0003-trend-pending-counts';
import { migration0004 } from './0004-alert-supersede-same-station';
import { migration0005 } from './0005-trend-origin-proofs';
import { migration0006 } from './0006-examination-portrait-images';
import { migration0007 } from './0007-trust-members';
import { migration0008 } from './0008-csca-trust-store';
import { migration0009 } from './0009-audit-chain';

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009];
