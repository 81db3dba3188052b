// `loupe hub`: the regional hub server (docs/hub.md), and its administration — the trust list of
// member stations, edited directly in the hub database and audited; its keys are read and its
// entries shown as the station's `loupe trust` does (trust/member-cli.ts).
import { createPrivateKey } from 'node:crypto';
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { LoupeError } from '../common/loupe-error';
import { HUB_DATABASE_FILE, isPostgresUrl, openHubStore } from './open-hub-store';
import { startHubServer } from './hub-server';
import type { AuditEntry, HubStore } from './hub-store';
import { commandLineActor, keyArgument, memberLine, memberLines } from '../trust/member-cli';
import type { TrustMember } from '../trust/trust-member';
import { textOption, type Command, type ParsedArgs } from '../common/command-line/command';
import { dataFolder, readCertificateFile, readInputFile } from '../common/command-line/input-files';

/** A PEM key is a few kilobytes; a file far larger is not one. */
const PEM_FILE_MAX_BYTES = 1024 * 1024;

export type HubResult =
  | { action: 'serve'; url: string; dashboard: string; database: string }
  | { action: 'trust-add' | 'trust-revoke'; station: TrustMember }
  | { action: 'trust-list'; stations: TrustMember[] }
  | { action: 'audit'; entries: AuditEntry[] };

/** The hub's data directory: --data-dir, $LOUPE_HUB_DATA_DIR, else ~/.local/share/loupe-hub. */
export function hubDataDir(args: ParsedArgs): string {
  return textOption(args, 'data-dir') ?? process.env.LOUPE_HUB_DATA_DIR ?? join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'loupe-hub');
}

function databaseOf(args: ParsedArgs): string {
  const given = textOption(args, 'database');
  if (given !== undefined) return given;
  return join(dataFolder(hubDataDir(args), 'hub data folder'), HUB_DATABASE_FILE);
}

/**
 * Opens the hub database. A SQLite file that is missing or empty becomes a new hub database; a
 * folder, or a file that is not a SQLite database (or is damaged), is refused as bad input.
 */
async function openStore(database: string): Promise<HubStore> {
  if (!isPostgresUrl(database)) {
    let isFile = true;
    try {
      isFile = statSync(database).isFile();
    } catch {
      // Missing: created on open.
    }
    if (!isFile) throw new LoupeError('hub', 'InvalidInput', `the hub database '${database}' is not a file`);
  }
  try {
    return await openHubStore(database);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new LoupeError('hub', 'InvalidInput', `the hub database '${database}' is not a hub database or is damaged`, { cause: err });
    throw err;
  }
}

function port(args: ParsedArgs): number {
  const raw = textOption(args, 'port') ?? '8443';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new LoupeError('hub', 'InvalidInput', `--port must be 0-65535, not ${raw}`);
  return n;
}

function readPrivateKey(file: string): Buffer {
  const pem = readInputFile(file, 'TLS key (--tls-key)', PEM_FILE_MAX_BYTES);
  try {
    createPrivateKey(pem);
  } catch {
    throw new LoupeError('hub', 'InvalidInput', `the TLS key '${file}' is not a private key in PEM form`);
  }
  return pem;
}

async function withStore<T>(args: ParsedArgs, fn: (store: HubStore) => Promise<T>): Promise<T> {
  const store = await openStore(databaseOf(args));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function serve(args: ParsedArgs): Promise<HubResult> {
  const cert = textOption(args, 'tls-cert');
  const key = textOption(args, 'tls-key');
  if ((cert === undefined) !== (key === undefined)) throw new LoupeError('hub', 'InvalidInput', 'give both --tls-cert and --tls-key, or neither');
  const maxMb = textOption(args, 'max-bundle-mb');
  // Every argument is checked before the database is opened.
  const tls = cert && key ? { cert: readCertificateFile(cert, 'TLS certificate (--tls-cert)'), key: readPrivateKey(key) } : undefined;
  const listen = { port: port(args), host: textOption(args, 'host') ?? '127.0.0.1' };
  const database = databaseOf(args);
  const store = await openStore(database);
  let server: Awaited<ReturnType<typeof startHubServer>>;
  try {
    server = await startHubServer({ store, ...listen, ...(tls ? { tls } : {}), ...(maxMb ? { maxBundleBytes: Number(maxMb) * 1024 * 1024 } : {}) });
  } catch (err) {
    await store.close();
    throw err;
  }
  const stop = () => {
    void server.close().then(() => store.close()).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { action: 'serve', url: server.url, dashboard: `${server.url}/?token=${server.token}`, database: isPostgresUrl(database) ? database.replace(/\/\/[^@/]*@/, '//***@') : database };
}

function runTrust(args: ParsedArgs): Promise<HubResult> {
  const [, sub, first, second] = args.positionals;
  switch (sub) {
    case 'add': {
      // NAME KEY as at a station (`loupe trust add`); --name and --station-key as before.
      const name = first ?? textOption(args, 'name');
      const key = second ?? textOption(args, 'station-key');
      if (!key || !name) throw new LoupeError('common', 'InvalidInput', 'usage: loupe hub trust add NAME KEY');
      const publicKey = keyArgument(key);
      return withStore(args, async (store) => ({ action: 'trust-add', station: await store.addTrust(publicKey, name, commandLineActor(args)) }));
    }
    case 'list':
    case undefined:
      return withStore(args, async (store) => ({ action: 'trust-list', stations: await store.trustList() }));
    case 'revoke':
      if (!first) throw new LoupeError('common', 'InvalidInput', 'usage: loupe hub trust revoke STATION');
      return withStore(args, async (store) => ({ action: 'trust-revoke', station: await store.revokeTrust(first, commandLineActor(args)) }));
    default:
      throw new LoupeError('hub', 'InvalidInput', `unknown trust action '${sub}' (add, list, revoke)`);
  }
}

export const hubCommand: Command<HubResult> = {
  name: 'hub',
  summary: 'the regional trend hub: serve, trust list administration, audit log',
  usage: [
    'usage: loupe hub [serve] [--port N] [--host ADDR] [--database FILE|postgres://...] [--data-dir DIR]',
    '                 [--tls-cert FILE --tls-key FILE] [--max-bundle-mb N]',
    '       loupe hub trust add NAME KEY [--actor NAME]     (KEY: raw base64 or PEM, or a file holding it)',
    '       loupe hub trust list',
    '       loupe hub trust revoke STATION [--actor NAME]',
    '       loupe hub audit',
    '',
    'The database defaults to DIR/hub.sqlite; DIR is --data-dir, $LOUPE_HUB_DATA_DIR or ~/.local/share/loupe-hub.',
    'Port 8443 and 127.0.0.1 by default. See docs/hub.md.',
  ].join('\n'),
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    database: { type: 'string' },
    'data-dir': { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'max-bundle-mb': { type: 'string' },
    'station-key': { type: 'string' },
    name: { type: 'string' },
    actor: { type: 'string' },
  },
  async run(args) {
    const [action] = args.positionals;
    switch (action) {
      case undefined:
      case 'serve':
        return serve(args);
      case 'trust':
        return runTrust(args);
      case 'audit':
        return withStore(args, async (store) => ({ action: 'audit', entries: await store.auditLog() }));
      default:
        throw new LoupeError('hub', 'InvalidInput', `unknown hub action '${action}' (serve, trust, audit)`);
    }
  },
  human(result) {
    switch (result.action) {
      case 'serve':
        return `Loupe hub is running at ${result.url} (database ${result.database})\n\nDashboard (keep this link private):\n\n  ${result.dashboard}\n\nCtrl+C stops.`;
      case 'trust-add':
        return `trusted ${memberLine(result.station)}`;
      case 'trust-revoke':
        return `revoked ${memberLine(result.station)}`;
      case 'trust-list':
        return memberLines(result.stations, 'the trust list is empty');
      case 'audit':
        return result.entries.map((e) => `${e.at}  ${e.actor}  ${e.action}  ${JSON.stringify(e.detail)}`).join('\n') || 'no administrator actions yet';
    }
  },
};
