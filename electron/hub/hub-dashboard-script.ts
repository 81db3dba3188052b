// The dashboard page's script: electron/hub/dashboard/dashboard.ts and the few modules it imports,
// bundled by esbuild into one classic script (no import/export left) for the browser. The hub runs
// from the source tree, so the bundle is made in memory when the page first asks for it.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Message } from 'esbuild';

export const DASHBOARD_ENTRY = fileURLToPath(new URL('./dashboard/dashboard.ts', import.meta.url));
/** The source tree's root: the bundle names its modules relative to it, whatever the hub's working directory. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Browsers the page is written for (the dashboard is opened in a current Chromium). */
const TARGET = ['chrome120'];

/** The dashboard script could not be built; the message names esbuild's errors and where they are. */
export class DashboardBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DashboardBuildError';
  }
}

/** esbuild's first errors, each with its file (esbuild names it relative to ROOT), line and column. */
function describe(errors: readonly Message[]): string {
  return errors
    .slice(0, 5)
    .map((e) => (e.location ? `${resolve(ROOT, e.location.file)}:${e.location.line}:${e.location.column}: ${e.text}` : e.text))
    .join('; ');
}

export async function bundleDashboardScript(entry: string = DASHBOARD_ENTRY): Promise<Buffer> {
  try {
    // Loaded when needed: the packaged hub serves a prebuilt script and ships without esbuild.
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: ROOT,
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: TARGET,
      charset: 'utf8',
      legalComments: 'none',
      // Failures are reported through the rejection below, not printed by esbuild.
      logLevel: 'silent',
    });
    const [file] = result.outputFiles;
    if (!file || result.outputFiles.length !== 1) throw new DashboardBuildError(`esbuild gave ${result.outputFiles.length} output files instead of one`);
    return Buffer.from(file.contents);
  } catch (error) {
    if (error instanceof DashboardBuildError) throw error;
    const errors = (error as { errors?: Message[] }).errors;
    throw new DashboardBuildError(`the dashboard script ${entry} could not be bundled: ${errors?.length ? describe(errors) : error instanceof Error ? error.message : String(error)}`);
  }
}
