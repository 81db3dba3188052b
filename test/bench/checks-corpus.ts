// The corpus of bench:checks, shared with bench:learned-reference: genuine documents of every design
// at none/light/heavy degradation and forged documents of every forgery kind, generated once into
// .cache/ and reused.
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DegradeLevel, SpecimenTruth } from '../../electron/contract/specimen.contract';
import { FORGERY_KINDS, generateSpecimens } from '../../electron/specimens';

export const LEVELS: DegradeLevel[] = ['none', 'light', 'heavy'];

export interface Doc {
  truth: SpecimenTruth & { forgery?: { kind: string; expectedChecks: string[]; claimedDesign?: string } };
  dir: string;
}

export function corpusDir(genuinePerLevel: number, forgedPerKindLevel: number): string {
  return resolve('.cache', `bench-checks-v2-${genuinePerLevel}-${forgedPerKindLevel}`);
}

async function cell(root: string, name: string, make: (dir: string) => Promise<unknown>): Promise<Doc[]> {
  const dir = join(root, name);
  if (!existsSync(join(dir, '.complete'))) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    process.stderr.write(`generating ${name}\n`);
    await make(dir);
    await writeFile(join(dir, '.complete'), '');
  }
  const docs: Doc[] = [];
  for (const f of (await readdir(dir)).filter((n) => n.endsWith('.truth.json')).sort()) {
    docs.push({ truth: JSON.parse(await readFile(join(dir, f), 'utf8')) as Doc['truth'], dir });
  }
  return docs;
}

export async function checksCorpus(options: { genuine: number; forged: number; regen?: boolean }): Promise<Doc[]> {
  const root = corpusDir(options.genuine, options.forged);
  if (options.regen) await rm(root, { recursive: true, force: true });
  const docs: Doc[] = [];
  let seed = 4000;
  for (const degrade of LEVELS) {
    docs.push(...(await cell(root, `genuine-${degrade}`, (dir) => generateSpecimens({ outDir: dir, count: options.genuine, seed: seed++, degrade }))));
    for (const forgery of FORGERY_KINDS) {
      docs.push(...(await cell(root, `${forgery}-${degrade}`, (dir) => generateSpecimens({ outDir: dir, count: options.forged, seed: seed++, degrade, forgery }))));
    }
  }
  return docs;
}

export function capturePaths(d: Doc): { white: string; ir: string; uv: string } {
  return { white: join(d.dir, d.truth.images.white), ir: join(d.dir, d.truth.images.ir), uv: join(d.dir, d.truth.images.uv) };
}
