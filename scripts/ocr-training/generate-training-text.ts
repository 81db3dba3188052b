// Writes MRZ-like training text for text2image: `tsx generate-training-text.ts <out> <lines> <seed>`.
// Deterministic for a given seed, so the trained model is reproducible.
import { writeFileSync } from 'node:fs';
import { createRandom, trainingLines } from './mrz-text-generator';

const [outPath, countArg = '400', seedArg = '1'] = process.argv.slice(2);
if (!outPath) {
  process.stderr.write('usage: generate-training-text.ts <out.txt> [lines] [seed]\n');
  process.exit(2);
}
const lines = trainingLines(createRandom(Number(seedArg)), Number(countArg));
writeFileSync(outPath, `${lines.join('\n')}\n`);
