// The specimen generator is a tool: the station's code (every folder of electron/ but specimens/, and
// native/) does not import it. One exception: the composition root sets up the virtual scanner's
// opt-in portrait specimens (LOUPE_PORTRAIT_SPECIMENS). The command line starts `loupe specimen` as
// an application of its own (cli/application-command.ts) instead of importing it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const specimensDir = join(root, 'electron', 'specimens');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** Static imports, re-exports and dynamic imports with a literal specifier. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)) found.push(m[1]!);
  return found;
}

function importsOfTheTool(files: readonly string[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      if (target === specimensDir || target.startsWith(`${specimensDir}/`)) out.push(`${relative(root, file)} → ${relative(root, target)}`);
    }
  }
  return out.sort();
}

describe('the specimen generator is a tool', () => {
  it('finds imports in every form it looks for', () => {
    expect(specifiers("import { a } from '../specimens';\nexport { b } from './x';\nconst c = await import('../specimens/y');\nimport '../z';")).toEqual(['../specimens', './x', '../specimens/y', '../z']);
  });

  it('is imported by no code of the station but the virtual scanner set-up', () => {
    const product = [...sourceFiles(join(root, 'electron')).filter((f) => !f.startsWith(`${specimensDir}/`)), ...sourceFiles(join(root, 'native'))];
    expect(product.length).toBeGreaterThan(100);
    expect(importsOfTheTool(product)).toEqual(['electron/services/create-services.ts → electron/specimens/portrait-specimens']);
  });
});
