// How the preload script is bundled, and what a sandboxed preload may require: Electron's sandbox
// gives a preload `require` for 'electron' (its renderer modules) and a few Node built-ins only
// (events, timers, url); everything else must be bundled in.
import type { BuildOptions, Metafile } from 'esbuild';

export const PRELOAD_BUILD = {
  entryPoints: ['electron/preload/preload.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
} satisfies BuildOptions;

const SANDBOX_MODULES = new Set(['electron', 'events', 'timers', 'url', 'node:events', 'node:timers', 'node:url']);

/** Modules the bundled preload would require at run time that a sandboxed preload cannot. */
export function sandboxRefusedImports(metafile: Metafile): string[] {
  const refused = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) if (imported.external && !SANDBOX_MODULES.has(imported.path)) refused.add(imported.path);
  }
  return [...refused].sort();
}
