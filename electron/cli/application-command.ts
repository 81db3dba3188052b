// `loupe hub …`, `loupe serve …` and `loupe specimen …` start other applications: the regional hub,
// the loopback host and the specimen generator (a tool) have entry points of their own
// (hub/hub-main.ts, host/host-main.ts, specimens/specimen-main.ts), and the command line runs them as
// child processes rather than importing them (docs/ARCHITECTURE.md: nothing imports an application,
// and the product never imports the tools). Standard streams are shared, signals passed on, and the
// child's exit code returned.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ApplicationCommand {
  name: string;
  summary: string;
  /** The application's entry, relative to this file (a .ts source run by the same loader as the CLI). */
  entry: string;
}

/** Runs the application with `argv`; resolves with its exit code. */
export function runApplication(app: ApplicationCommand, argv: readonly string[]): Promise<number> {
  const entry = fileURLToPath(new URL(app.entry, import.meta.url));
  if (!existsSync(entry)) return Promise.reject(new Error(`the ${app.name} application is not installed (${app.entry})`));
  return new Promise((resolve, reject) => {
    // The same Node and the same loader flags (tsx) as this process.
    const child = spawn(process.execPath, [...process.execArgv, entry, ...argv], {
      stdio: 'inherit',
      env: { ...process.env, LOUPE_PROGRAM: `loupe ${app.name}` },
    });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code ?? (signal ? 128 + 2 : 1));
    });
  });
}
