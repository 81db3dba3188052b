// Where the station database lives and how every connection to it is opened: the data folder is
// created 0700, and the database file exists 0600 before SQLite opens it, so its -wal and -shm
// companions are 0600 too (see ensurePrivateFile).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ensurePrivateFile, makePrivateDir } from '../common/private-files';

export const DATABASE_FILE = 'station.sqlite';

/** A new connection to `<dataDir>/station.sqlite` (created when missing); the caller sets its pragmas. */
export function openStationDatabase(dataDir: string): Database.Database {
  makePrivateDir(dataDir);
  const file = join(dataDir, DATABASE_FILE);
  ensurePrivateFile(file);
  return new Database(file);
}
