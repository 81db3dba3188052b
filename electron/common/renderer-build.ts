// Builds the renderer (Vite) when dist/renderer is missing or older than its sources.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LoupeError } from './loupe-error';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Whether dist/renderer was built after the last change to its sources (renderer/, electron/contract/). */
export function rendererBuildIsCurrent(): boolean {
  const index = join(root, 'dist', 'renderer', 'index.html');
  const sources = [join(root, 'renderer'), join(root, 'electron', 'contract')];
  return existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newest));
}

export async function ensureRendererBuilt(force = false): Promise<void> {
  if (!force && rendererBuildIsCurrent()) return;
  await new Promise<void>((ok, fail) => {
    const child = spawn(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? ok() : fail(new LoupeError('common', 'Internal', `the user interface did not build: ${err.split('\n')[0]}`))));
  });
}
