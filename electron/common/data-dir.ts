import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the station keeps its database, images and reports: LOUPE_DATA_DIR, else the XDG data home. */
export function defaultDataDir(): string {
  if (process.env.LOUPE_DATA_DIR) return process.env.LOUPE_DATA_DIR;
  const base = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'loupe');
}
