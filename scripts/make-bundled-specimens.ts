// Regenerates the small specimen set shipped in assets/specimens/ (fixed seed, so the output is
// reproducible on the same fonts and sharp version): npx tsx scripts/make-bundled-specimens.ts
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MrzFormat } from '../electron/contract/mrz.contract';
import type { DegradeLevel } from '../electron/contract/specimen.contract';
import { renderSpecimen, writeSpecimen } from '../electron/specimens';
import { prepareOutDir } from '../electron/specimens/specimen-generator';

const SEED = 9303;
/** Every layout once; the two largest pages undegraded, the others as captured (JPEG) to stay small. */
const PLAN: { format: MrzFormat; degrade: DegradeLevel }[] = [
  { format: 'TD3', degrade: 'none' },
  { format: 'TD1', degrade: 'none' },
  { format: 'TD2', degrade: 'heavy' },
  { format: 'MRVA', degrade: 'heavy' },
  { format: 'MRVB', degrade: 'light' },
  { format: 'TD3', degrade: 'heavy' },
];

const outDir = prepareOutDir(fileURLToPath(new URL('../assets/specimens/', import.meta.url)));
for (const file of readdirSync(outDir)) if (/^spc-/.test(file) || file === 'index.json') rmSync(join(outDir, file));

const entries = [];
for (const [index, { format, degrade }] of PLAN.entries()) {
  const rendered = await renderSpecimen(SEED, index, { format, degrade });
  writeSpecimen(outDir, rendered);
  const { truth } = rendered;
  entries.push({ id: truth.id, format: truth.format, design: truth.design, degrade: truth.degradation.level, truth: `${truth.id}.truth.json`, images: truth.images });
  process.stderr.write(`${truth.id} ${truth.format} ${truth.design} ${degrade}\n`);
}
const index = { schema: 'loupe.specimen-index/1', seed: SEED, generator: 'scripts/make-bundled-specimens.ts', specimens: entries };
writeFileSync(join(outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
