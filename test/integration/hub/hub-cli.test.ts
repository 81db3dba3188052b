// `loupe hub` through the real CLI process: trust list administration on the hub database (audited),
// and a hub that starts with no setup (SQLite in its data directory) and answers over HTTP; and the
// packaged hub (`npm run build:hub`) run by plain Node, without tsx or the source tree's TypeScript.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { HubClient } from '../../../electron/trends/hub-client';
import { publicKeyFromRaw } from '../../../electron/trust/public-key';
import { useTempDir } from '../../helpers/temp-dir';
import { newIdentity, recordBundle } from '../../helpers/trend-fixtures';

const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const dir = useTempDir('loupe-hub-cli-');

function loupe(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, LOUPE_HUB_DATA_DIR: dir } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('loupe hub (command line)', () => {
  it('adds, lists and revokes member stations, with an audit log', () => {
    const station = newIdentity();
    const database = join(dir, 'admin.sqlite');
    // NAME KEY, as `loupe trust add` at a station takes them.
    const added = loupe(['hub', 'trust', 'add', 'Horgoš first line', station.publicKey, '--actor', 'admin-1', '--database', database, '--json']);
    expect(added.stderr).toBe('');
    expect(JSON.parse(added.stdout).station).toMatchObject({ station: station.station, name: 'Horgoš first line', for: 'trends', status: 'active', addedBy: 'admin-1' });

    const bad = loupe(['hub', 'trust', 'add', 'x', 'AAAA', '--database', database]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/32-byte Ed25519/);
    // The options of earlier versions still work (administrators' scripts), with a PEM key file too.
    const other = newIdentity();
    const pem = join(dir, 'other.pem');
    writeFileSync(pem, publicKeyFromRaw(other.publicKey).export({ format: 'pem', type: 'spki' }));
    expect(loupe(['hub', 'trust', 'add', '--station-key', pem, '--name', 'Kelebija', '--actor', 'admin-1', '--database', database]).stdout).toMatch(new RegExp(`^trusted ${other.station}  trends    active   Kelebija  \\(added by admin-1 `));

    const listed = loupe(['hub', 'trust', 'list', '--database', database]);
    expect(listed.stdout).toContain(`${station.station}  trends    active   Horgoš first line  (added by admin-1 `);
    const revoked = loupe(['hub', 'trust', 'revoke', station.station, '--actor', 'admin-2', '--database', database, '--json']);
    expect(JSON.parse(revoked.stdout).station.status).toBe('revoked');
    expect(loupe(['hub', 'trust', 'revoke', 'ffffffffffffffff', '--database', database]).code).toBe(1);
    const audit = JSON.parse(loupe(['hub', 'audit', '--database', database, '--json']).stdout) as { entries: { action: string; actor: string }[] };
    expect(audit.entries.map((e) => `${e.action}:${e.actor}`)).toEqual(['trust-add:admin-1', 'trust-add:admin-1', 'trust-revoke:admin-2']);
  });

  it('starts with no setup and serves signed pushes', async () => {
    const station = newIdentity();
    expect(loupe(['hub', 'trust', 'add', '--station-key', station.publicKey, '--name', 'Batrovci']).code).toBe(0);
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'hub', '--port', '0', '--json'], { cwd: repoRoot, env: { ...process.env, LOUPE_HUB_DATA_DIR: dir } });
    try {
      let out = '';
      const started = await new Promise<{ url: string; dashboard: string }>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.trimEnd().endsWith('}')) resolve(JSON.parse(out) as { url: string; dashboard: string });
        });
        child.once('exit', (code) => reject(new Error(`hub exited with ${code}`)));
      });
      expect(started.dashboard).toMatch(/\/\?token=[A-Za-z0-9_-]{32}$/);
      expect(existsSync(join(dir, 'hub.sqlite'))).toBe(true);
      expect(await new HubClient(started.url, station).push(recordBundle(station, 0, 2))).toMatchObject({ status: 'stored', seq: 1 });
    } finally {
      child.kill('SIGTERM');
    }
  });

  describe('packaged (npm run build:hub)', () => {
    // Inside the checkout, so the native better-sqlite3 resolves from its node_modules as it would beside a deployment's.
    const out = join(repoRoot, '.cache', `hub-package-test-${process.pid}`);
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    it('runs with plain Node: trust list, signed pushes decoded in its worker, the read side, the prebuilt dashboard', async () => {
      mkdirSync(dirname(out), { recursive: true });
      const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-hub.ts', '--outdir', out], { cwd: repoRoot, encoding: 'utf8' });
      expect(built.stderr).toBe('');
      expect(built.status).toBe(0);
      const data = join(dir, 'packaged');
      const hub = (args: string[]) => spawnSync(process.execPath, [join(out, 'loupe-hub.mjs'), ...args, '--data-dir', data], { cwd: dir, encoding: 'utf8' });
      const station = newIdentity();
      const added = hub(['trust', 'add', '--station-key', station.publicKey, '--name', 'Batrovci', '--json']);
      expect(added.stderr).toBe('');
      expect(JSON.parse(added.stdout).station.station).toBe(station.station);
      expect(hub(['trust', 'add', '--station-key', 'AAAA', '--name', 'x']).stderr).toMatch(/^loupe-hub: .*32-byte Ed25519/);

      const child = spawn(process.execPath, [join(out, 'loupe-hub.mjs'), '--port', '0', '--data-dir', data, '--json'], { cwd: dir });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      try {
        let stdout = '';
        const started = await new Promise<{ url: string; dashboard: string }>((resolve, reject) => {
          child.stdout.on('data', (c: Buffer) => {
            stdout += c.toString();
            if (stdout.trimEnd().endsWith('}')) resolve(JSON.parse(stdout) as { url: string; dashboard: string });
          });
          child.once('exit', (code) => reject(new Error(`packaged hub exited with ${code}`)));
        });
        // 2,000 records: over the size from which a bundle is decoded in the worker thread.
        const client = new HubClient(started.url, station);
        expect(await client.push(recordBundle(station, 0, 2000))).toMatchObject({ status: 'stored', seq: 1, records: { added: 2000 } });
        const health = async () => JSON.parse((await fetch(`${started.url}/v1/health`).then((r) => r.text())) as string) as { dashboardTables: { current: boolean } };
        await vi.waitFor(async () => expect((await health()).dashboardTables.current).toBe(true), { timeout: 15_000, interval: 50 });
        const summary = JSON.parse((await client.send('GET', '/v1/trends/summary')).toString('utf8')) as { total: number };
        expect(summary.total).toBe(2000);
        const script = await fetch(`${started.url}/dashboard.js`);
        expect(script.status).toBe(200);
        expect(Buffer.from(await script.arrayBuffer()).equals(readFileSync(join(out, 'dashboard', 'dashboard.js')))).toBe(true);
        expect((await fetch(`${started.url}/vendor/echarts.min.js`)).status).toBe(200);
        // Nothing fell back or failed: a worker that cannot load says so on stderr ("bundle decoding stays on the main thread").
        expect(stderr).toBe('');
      } finally {
        child.kill('SIGTERM');
      }
    });
  });
});
