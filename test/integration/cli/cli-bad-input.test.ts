// Bad input on the command line, for every command that takes a file or a folder: each kind of bad
// path or content exits 2 with one plain line on stderr, no stack trace, and nothing is stored.
// The table runs in this process through the real entry point (main-entry.ts); a few real processes
// prove that the exit codes reach the shell.
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGES_DIR } from '../../../electron/store/station-store';
import { openStationStore } from '../../../electron/store';
import { BUNDLE_LIMITS } from '../../../electron/exchange/bundle-error';
import { MRZ_TEXT_MAX_LENGTH } from '../../../electron/contract/mrz.contract';
import { MAX_PACKAGE_BYTES, MAX_SIGNATURE_BYTES, userReferenceDir } from '../../../electron/reference';
import { loupeInProcess, type LoupeRun } from '../../helpers/loupe-in-process';
import { pngDeclaring } from '../../helpers/png-header';
import { useTempDir } from '../../helpers/temp-dir';
import { newIdentity, recordBundle } from '../../helpers/trend-fixtures';

const dir = useTempDir('loupe-cli-input-');
const specimens = join(process.cwd(), 'assets', 'specimens');
const goodWhite = join(specimens, 'spc-9303-0001_white.png');
const opensslMissing = !existsSync('/usr/bin/openssl');

// Data folders: A exports a reference package; B receives packages and bundles; the others stay empty.
const data = { a: join(dir, 'data-a'), b: join(dir, 'data-b'), examine: join(dir, 'data-examine'), trust: join(dir, 'data-trust'), settings: join(dir, 'data-settings') };
const genuine = { package: join(dir, 'genuine.loupe-ref'), bundle: join(dir, 'genuine.bundle'), cert: join(dir, 'genuine.crt'), key: join(dir, 'genuine.key'), hubDb: join(dir, 'genuine-hub.sqlite') };
const identity = newIdentity();
const newerHubDb = join(dir, 'newer-hub.sqlite');

const CASES = ['too large', 'empty', 'truncated', 'not that kind of file', 'a folder', 'missing'] as const;
type Case = (typeof CASES)[number];

interface BadFiles {
  paths: Record<Case, string>;
  /** Writes the files once the genuine file they are cut from exists. */
  make(): void;
}

/**
 * One file per case under `name/`: too large (a header declaring huge dimensions, or a sparse file
 * one byte over `maxBytes`), empty, the first half of a genuine file, text, a folder, and a path
 * that does not exist. `companion` also writes a file next to each (a package's .sig).
 */
function badFiles(name: string, ext: string, source: () => Buffer, tooLarge: Buffer | number, companion?: (path: string) => void): BadFiles {
  const folder = join(dir, name);
  const paths: Record<Case, string> = {
    'too large': join(folder, `too-large${ext}`),
    empty: join(folder, `empty${ext}`),
    truncated: join(folder, `truncated${ext}`),
    'not that kind of file': join(folder, `text${ext}`),
    'a folder': join(folder, `folder${ext}`),
    missing: join(folder, `missing${ext}`),
  };
  return {
    paths,
    make() {
      mkdirSync(folder, { recursive: true });
      if (typeof tooLarge === 'number') {
        writeFileSync(paths['too large'], '');
        truncateSync(paths['too large'], tooLarge + 1); // sparse: no disk space used
      } else writeFileSync(paths['too large'], tooLarge);
      writeFileSync(paths.empty, '');
      const whole = source();
      writeFileSync(paths.truncated, whole.subarray(0, Math.floor(whole.length / 2)));
      writeFileSync(paths['not that kind of file'], 'Dear examiner, this is a text file, not what you asked for.\n');
      mkdirSync(paths['a folder']);
      if (companion) for (const c of CASES) if (c !== 'missing') companion(paths[c]);
    },
  };
}

const bad = {
  image: badFiles('images', '.png', () => readFileSync(goodWhite), pngDeclaring(100_000, 100_000)),
  package: badFiles('packages', '.loupe-ref', () => readFileSync(genuine.package), MAX_PACKAGE_BYTES, (p) => copyFileSync(`${genuine.package}.sig`, `${p}.sig`)),
  signature: badFiles('signatures', '.sig', () => readFileSync(`${genuine.package}.sig`), MAX_SIGNATURE_BYTES),
  publicKey: badFiles('public-keys', '.pem', () => readFileSync(join(dir, 'station-a.pub')), 64 * 1024),
  bundle: badFiles('bundles', '.bundle', () => readFileSync(genuine.bundle), BUNDLE_LIMITS.maxFileBytes),
  cert: badFiles('certificates', '.crt', () => readFileSync(genuine.cert), 1024 * 1024),
  tlsKey: badFiles('tls-keys', '.key', () => readFileSync(genuine.key), 1024 * 1024),
  hubDatabase: badFiles('hub-databases', '.sqlite', () => readFileSync(genuine.hubDb), 0),
};

// A file where a folder is expected, and outputs that cannot be written.
const aFile = join(dir, 'a-file.txt');
const outputs = { folder: join(dir, 'out-folder'), inMissingFolder: join(dir, 'no-such-folder', 'out.file'), underAFile: join(aFile, 'out.file') };

interface Row {
  command: string;
  argument: string;
  argv: (path: string) => string[];
  paths: Partial<Record<string, string>>;
}

const imageRows: Row[] = [
  { command: 'mrz', argument: 'IMAGE', argv: (p) => ['mrz', p], paths: bad.image.paths },
  { command: 'mrz', argument: '--ir', argv: (p) => ['mrz', goodWhite, '--ir', p], paths: bad.image.paths },
  ...(['white', 'ir', 'uv'] as const).map((light) => ({
    command: 'examine',
    argument: `--${light}`,
    argv: (p: string) => ['examine', ...(light === 'white' ? [] : ['--white', goodWhite]), `--${light}`, p, '--data', data.examine],
    paths: bad.image.paths,
  })),
];

const { empty: _empty, missing: _missing, 'too large': _tooLarge, ...notADatabase } = bad.hubDatabase.paths;
const fileRows: Row[] = [
  { command: 'reference', argument: 'import FILE', argv: (p) => ['reference', 'import', p, '--data', data.b], paths: bad.package.paths },
  { command: 'reference', argument: 'import --sig', argv: (p) => ['reference', 'import', genuine.package, '--sig', p, '--data', data.b], paths: bad.signature.paths },
  { command: 'trust', argument: 'add NAME FILE', argv: (p) => ['trust', 'add', 'Station A', p, '--for', 'reference', '--data', data.trust], paths: bad.publicKey.paths },
  { command: 'trends', argument: 'import FILE', argv: (p) => ['trends', 'import', p, '--data', data.b], paths: bad.bundle.paths },
  { command: 'trends', argument: 'settings --hub-ca', argv: (p) => ['trends', 'settings', '--hub-ca', p, '--data', data.settings], paths: bad.cert.paths },
  // The CA is read before any connection is tried: nothing listens on port 9.
  { command: 'trends', argument: 'sync --ca', argv: (p) => ['trends', 'sync', '--hub', 'https://127.0.0.1:9', '--ca', p, '--data', data.settings], paths: bad.cert.paths },
  { command: 'hub', argument: '--tls-cert', argv: (p) => ['hub', 'serve', '--port', '0', '--tls-cert', p, '--tls-key', genuine.key, '--data-dir', join(dir, 'hub-data')], paths: bad.cert.paths },
  { command: 'hub', argument: '--tls-key', argv: (p) => ['hub', 'serve', '--port', '0', '--tls-cert', genuine.cert, '--tls-key', p, '--data-dir', join(dir, 'hub-data')], paths: bad.tlsKey.paths },
  // A missing or empty SQLite file is a new hub database (a database has no size limit); the other
  // cases are not databases.
  { command: 'hub', argument: '--database', argv: (p) => ['hub', 'trust', 'list', '--database', p], paths: notADatabase },
];

const folderRows: Row[] = [
  { command: 'examine', argument: '--data', argv: (p) => ['examine', '--white', goodWhite, '--data', p], paths: { 'a file': aFile } },
  { command: 'report', argument: '--data', argv: (p) => ['report', 'some-id', '--out', join(dir, 'r.pdf'), '--data', p], paths: { 'a file': aFile } },
  { command: 'reference', argument: '--data', argv: (p) => ['reference', 'list', '--data', p], paths: { 'a file': aFile } },
  { command: 'trends', argument: '--data', argv: (p) => ['trends', 'alerts', '--data', p], paths: { 'a file': aFile } },
  { command: 'trust', argument: '--data', argv: (p) => ['trust', 'list', '--data', p], paths: { 'a file': aFile } },
  { command: 'serve', argument: '--data', argv: (p) => ['serve', '--port', '0', '--data', p], paths: { 'a file': aFile } },
  { command: 'hub', argument: '--data-dir', argv: (p) => ['hub', 'trust', 'list', '--data-dir', p], paths: { 'a file': aFile } },
  { command: 'report', argument: '--out', argv: (p) => ['report', 'some-id', '--out', p, '--data', data.examine], paths: outputs },
  { command: 'reference', argument: 'export --out', argv: (p) => ['reference', 'export', '--ids', 'delta-td2', '--out', p, '--data', data.a], paths: outputs },
  { command: 'trends', argument: 'export --out', argv: (p) => ['trends', 'export', '--out', p, '--data', data.a], paths: outputs },
  { command: 'specimen', argument: '--out', argv: (p) => ['specimen', '--out', p], paths: { 'a file': aFile, 'under a file': outputs.underAFile } },
];

const table = [...imageRows, ...fileRows.filter((r) => !(opensslMissing && /tls|ca/.test(r.argument))), ...folderRows].flatMap((row) =>
  Object.entries(row.paths).map(([name, path]) => ({ name: `${row.command} ${row.argument}: ${name}`, command: row.command, argv: row.argv(path!) })),
);

/** Exit code 2, one plain line on stderr naming the command, nothing on stdout. */
function expectBadInput(run: LoupeRun, command: string): void {
  expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 2 });
  const lines = run.stderr.split('\n').filter(Boolean);
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^loupe ${command}: \\S`));
  expect(lines[0]).not.toMatch(/internal error|\bat \S+ \(|EISDIR|ENOENT|ENOTDIR|libpng|vipspng/);
  expect(run.stdout).toBe('');
}

beforeAll(async () => {
  for (const d of Object.values(data)) mkdirSync(d, { recursive: true });
  writeFileSync(aFile, 'a file, not a folder\n');
  mkdirSync(outputs.folder);
  // A signed reference package of station A, trusted by station B.
  const exported = await loupeInProcess('reference', 'export', '--ids', 'delta-td2', '--out', genuine.package, '--data', data.a);
  expect(exported.code, exported.stderr).toBe(0);
  const key = await loupeInProcess('reference', 'key', '--data', data.a, '--json');
  writeFileSync(join(dir, 'station-a.pub'), (JSON.parse(key.stdout) as { publicKeyPem: string }).publicKeyPem);
  expect((await loupeInProcess('trust', 'add', 'Station A', join(dir, 'station-a.pub'), '--for', 'reference', '--data', data.b)).code).toBe(0);
  // A signed trend bundle of three records from a station that B trusts.
  writeFileSync(genuine.bundle, recordBundle(identity, 0, 3));
  expect((await loupeInProcess('trust', 'add', 'Station T', identity.publicKey, '--for', 'trends', '--data', data.b)).code).toBe(0);
  // A hub database, and a TLS certificate with its key.
  expect((await loupeInProcess('hub', 'trust', 'list', '--database', genuine.hubDb)).code).toBe(0);
  if (!opensslMissing) {
    execFileSync('/usr/bin/openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', genuine.key, '-out', genuine.cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  } else {
    writeFileSync(genuine.cert, 'no certificate: openssl is missing');
    writeFileSync(genuine.key, 'no key: openssl is missing');
  }
  for (const files of Object.values(bad)) files.make();
  // A hub database from a newer build: a failure of the station, not of the input.
  copyFileSync(genuine.hubDb, newerHubDb);
  const db = new Database(newerHubDb);
  db.prepare("INSERT INTO hub_schema_migrations (version, name, applied_at) VALUES (999, 'future', '2030-01-01')").run();
  db.close();
});

describe('bad input on the command line', () => {
  it.each(table)('$name exits 2 with one clear line', async ({ command, argv }) => {
    expectBadInput(await loupeInProcess(...argv), command);
  });

  it('stored nothing: no examination, no image, no class, no signer, no trend record, no setting', async () => {
    const store = openStationStore(data.examine);
    try {
      expect(store.listExaminations({}, null)).toEqual([]);
    } finally {
      store.close();
    }
    const images = join(data.examine, IMAGES_DIR);
    const stored = existsSync(images) ? readdirSync(images, { recursive: true }).filter((f) => /\.(png|jpg|tif|webp|bmp|pnm)$/.test(String(f))) : [];
    expect(stored).toEqual([]);
    // Station B's own library holds nothing: no class and no staging folder was left.
    expect(existsSync(userReferenceDir(data.b)) ? readdirSync(userReferenceDir(data.b)) : []).toEqual([]);
    expect(JSON.parse((await loupeInProcess('trust', 'list', '--data', data.trust, '--json')).stdout)).toMatchObject({ members: [] });
    // The genuine bundle still adds all three records: none came in from the bad files.
    const imported = await loupeInProcess('trends', 'import', genuine.bundle, '--data', data.b, '--json');
    expect(JSON.parse(imported.stdout)).toMatchObject({ addedRecords: 3, skipped: 0 });
    const { settings } = JSON.parse((await loupeInProcess('trends', 'settings', '--data', data.settings, '--json')).stdout) as { settings: { hubCaPem?: string | null } };
    expect(settings.hubCaPem ?? null).toBeNull();
    // A file given as the hub database was not turned into one.
    expect(readFileSync(bad.hubDatabase.paths['not that kind of file'], 'utf8')).toMatch(/^Dear examiner/);
  });

  it('--text is held to the workstation limit (the mrz:readText request)', async () => {
    expect((await loupeInProcess('mrz', '--text', 'A'.repeat(MRZ_TEXT_MAX_LENGTH), '--json')).code).toBe(0);
    // Measured as the workstation receives it: the typed \n is one line break.
    expect((await loupeInProcess('mrz', '--text', `${'A'.repeat(MRZ_TEXT_MAX_LENGTH - 1)}\\n`, '--json')).code).toBe(0);
    const over = await loupeInProcess('mrz', '--text', 'A'.repeat(MRZ_TEXT_MAX_LENGTH + 1));
    expectBadInput(over, 'mrz');
    expect(over.stderr).toMatch(/--text is too long: 1001 characters, at most 1000/);
  });

  it('an internal error stays exit code 1, on one line', async () => {
    const run = await loupeInProcess('hub', 'trust', 'list', '--database', newerHubDb);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^loupe hub: internal error: hub database is at schema version 999/)]);
  });
});

describe('human-readable output', () => {
  it('shows the control characters of a typed MRZ as escapes, never sends them to the terminal', async () => {
    const typed = 'P<UTO\x1b[31mERIKSSON\x07<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\\nL898902C36UTO7408122F1204159ZE184226B<<<<<10';
    const run = await loupeInProcess('mrz', '--text', typed);
    expect(run.code, run.stderr).toBe(0);
    // (The reading upper-cases the typed text: [31m shows as [31M.)
    expect(run.stdout).toContain('P<UTO\\x1b[31MERIKSSON\\x07<<ANNA');
    // No C0, DEL or C1 character but the line breaks.
    expect(run.stdout.replaceAll('\n', '')).not.toMatch(/\p{Cc}/u);
    // --json is for programs: the reading keeps the text as read, JSON escapes it.
    const json = await loupeInProcess('mrz', '--text', typed, '--json');
    expect((JSON.parse(json.stdout) as { lines: string[] }).lines[0]).toContain('\x1b[31M');
  });

  it('escapes control characters of a file name in the error line', async () => {
    // ESC ] 0 ; … BEL retitles a terminal window; U+202E reverses what follows; 0x9b is the C1 CSI.
    const run = await loupeInProcess('mrz', join(dir, 'page\x1b]0;owned\x07\u202e\x9b\x7f\r.png'));
    expectBadInput(run, 'mrz');
    expect(run.stderr).toContain('page\\x1b]0;owned\\x07\\u202e\\x9b\\x7f\\x0d.png');
  });
});

describe('exit codes of the loupe process', () => {
  const loupe = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args]).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('reach the shell: 2 for bad input, 1 for an internal error', async () => {
    const [truncated, folder, text, internal] = await Promise.all([
      loupe('mrz', bad.image.paths.truncated),
      loupe('examine', '--white', bad.image.paths['a folder'], '--data', data.examine),
      loupe('trends', 'import', bad.bundle.paths['not that kind of file'], '--data', data.b),
      loupe('hub', 'trust', 'list', '--database', newerHubDb),
    ]);
    expectBadInput(truncated, 'mrz');
    expect(truncated.stderr).toMatch(/damaged or incomplete/);
    expectBadInput(folder, 'examine');
    expect(folder.stderr).toMatch(/is a folder, not a file/);
    expectBadInput(text, 'trends');
    expect(internal.code).toBe(1);
    expect(internal.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  }, 60_000);
});
