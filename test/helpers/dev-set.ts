// The development set of passport pages made by others (`DESIGN/NN.jpg` + `NN.txt` truth), kept
// beside the repository (`../shared/mrz-real-dev/`) or named by LOUPE_MRZ_REAL_SET, as the
// benchmark reads it. It is not in the repository: where it is absent, the tests that read it are
// skipped and say so once.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEV_SET = process.env.LOUPE_MRZ_REAL_SET ?? fileURLToPath(new URL('../../../shared/mrz-real-dev/', import.meta.url));
export const devSetMissing = !existsSync(DEV_SET);
if (devSetMissing) console.warn(`Tests on pages made by others skipped: the development set is not at ${DEV_SET} (set LOUPE_MRZ_REAL_SET to its folder).`);
