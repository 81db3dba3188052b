// The preload bundle as scripts/build-electron.ts makes it: it must load in a sandboxed window, so it
// requires nothing but Electron (the contract, zod and the origin check are bundled in).
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { PRELOAD_BUILD, sandboxRefusedImports } from '../../../scripts/preload-bundle';

describe('preload bundle', () => {
  it('requires only what a sandboxed preload can load', async () => {
    const result = await build({ ...PRELOAD_BUILD, write: false, metafile: true, outfile: 'preload.cjs', logLevel: 'silent' });
    expect(sandboxRefusedImports(result.metafile)).toEqual([]);
    const text = result.outputFiles[0]!.text;
    expect(text).toContain('require("electron")');
    expect(text).toContain('function isAppOrigin');
  });

  it('names a module the sandbox refuses', async () => {
    const result = await build({ stdin: { contents: "import { join } from 'node:path'; import 'electron'; console.log(join('a'));", resolveDir: process.cwd() }, bundle: true, platform: 'node', format: 'cjs', external: ['electron'], write: false, metafile: true, outfile: 'x.cjs', logLevel: 'silent' });
    expect(sandboxRefusedImports(result.metafile)).toEqual(['node:path']);
  });
});
