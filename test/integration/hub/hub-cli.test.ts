// `loupe hub` through the real CLI process: trust list administration on the hub database (audited),
// and a hub that starts with no setup (SQLite in its data directory) and answers over HTTP.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HubClient } from '../../../electron/hub/hub-client';
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
    const added = loupe(['hub', 'trust', 'add', '--station-key', station.publicKey, '--name', 'Horgoš first line', '--actor', 'admin-1', '--database', database, '--json']);
    expect(added.stderr).toBe('');
    expect(JSON.parse(added.stdout).station).toMatchObject({ station: station.station, name: 'Horgoš first line', status: 'active', addedBy: 'admin-1' });

    const bad = loupe(['hub', 'trust', 'add', '--station-key', 'AAAA', '--name', 'x', '--database', database]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/32-byte Ed25519/);

    const listed = loupe(['hub', 'trust', 'list', '--database', database]);
    expect(listed.stdout).toContain(`${station.station}  active`);
    const revoked = loupe(['hub', 'trust', 'revoke', station.station, '--actor', 'admin-2', '--database', database, '--json']);
    expect(JSON.parse(revoked.stdout).station.status).toBe('revoked');
    expect(loupe(['hub', 'trust', 'revoke', 'ffffffffffffffff', '--database', database]).code).toBe(1);
    const audit = JSON.parse(loupe(['hub', 'audit', '--database', database, '--json']).stdout) as { entries: { action: string; actor: string }[] };
    expect(audit.entries.map((e) => `${e.action}:${e.actor}`)).toEqual(['trust-add:admin-1', 'trust-revoke:admin-2']);
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
});
