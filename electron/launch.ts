// `npm start`: the desktop app when the Electron binary is present; otherwise the same UI served on
// 127.0.0.1 (one contract, one service wiring), with a clear message saying why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './common/electron-binary';
import { ensureRendererBuilt } from './common/renderer-build';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const marker = join(root, '.cache', 'electron-download-attempted');

/** Tries the Electron download once per checkout (it needs the internet); never blocks start-up for long. */
function tryDownloadOnce(): void {
  if (existsSync(marker) || process.env.LOUPE_NO_ELECTRON) return;
  mkdirSync(join(root, '.cache'), { recursive: true });
  writeFileSync(marker, new Date().toISOString());
  process.stderr.write('Fetching the Electron binary (once)…\n');
  spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], { stdio: 'ignore', timeout: 90_000, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' } });
}

async function main(): Promise<void> {
  await ensureRendererBuilt();
  let electron = process.env.LOUPE_NO_ELECTRON ? null : electronBinary();
  if (!electron) {
    tryDownloadOnce();
    electron = process.env.LOUPE_NO_ELECTRON ? null : electronBinary();
  }
  if (electron) {
    const built = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build-electron.ts')], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
    const child = spawn(electron, [join(root, 'dist', 'electron', 'main.mjs')], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  process.stderr.write(
    'The Electron binary is not installed on this machine (it cannot be downloaded here), so Loupe\n' +
      'serves the same workstation on 127.0.0.1 instead. Open the URL below in a browser on this machine.\n\n',
  );
  // The loopback host, its own application, in a child process (stdio shared, signals passed on).
  const host = spawn(process.execPath, [...process.execArgv, join(root, 'electron', 'host', 'host-main.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => host.kill(signal));
  host.on('exit', (code) => process.exit(code ?? 0));
}

void main();
