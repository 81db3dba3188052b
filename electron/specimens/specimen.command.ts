// `loupe specimen`: generate synthetic travel documents (white / IR / UV images + ground truth).
// The generator's own application (entry: specimen-main.ts): the command line starts it as a child
// process, so no application of the station imports the tool.
import { join, resolve } from 'node:path';
import type { Command } from '../common/command-line/command';
import { LoupeError } from '../common/loupe-error';
import type { MrzFormat } from '../contract/mrz.contract';
import type { DegradeLevel } from '../contract/specimen.contract';
import { FORGERY_KINDS } from '../contract/specimen.contract';
import { checkForgery } from './forgery-kinds';
import { checkDegrade, checkFormat, generateSpecimens } from './specimen-generator';

export interface SpecimenSummary {
  outDir: string;
  seed: number;
  count: number;
  specimens: { id: string; format: MrzFormat; design: string; forgery?: string; truth: string; images: { white: string; ir: string; uv: string } }[];
}

function integer(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const text = String(value).trim();
  if (!/^-?\d+$/.test(text)) throw new LoupeError('common', 'InvalidInput', `--${name} must be an integer (got '${text}')`);
  return Number(text);
}

export const specimenCommand: Command<SpecimenSummary> = {
  name: 'specimen',
  summary: 'generate synthetic specimen documents (white/IR/UV images + truth JSON)',
  usage: [
    'usage: loupe specimen --out DIR [--count N] [--seed S] [--format TD1|TD2|TD3|MRVA|MRVB]',
    '                      [--degrade none|light|heavy] [--dpi 300..600] [--forgery KIND|any] [--portraits] [--json]',
    '',
    'Writes <id>_white, <id>_ir, <id>_uv images (.png, or .jpg when degraded) and <id>.truth.json per document.',
    'Same seed, same output. Without --format the layouts alternate.',
    `--forgery makes forged documents (ids spf-…) with truth.forgery naming the checks that must fire:`,
    `  ${FORGERY_KINDS.join(', ')}; 'any' cycles through the kinds each layout supports.`,
    '--portraits puts a face from the sample photos installed with @vladmandic/face-api into the photo and',
    '  ghost zones (undegraded specimens only) and writes an index.json the virtual scanner can serve.',
  ].join('\n'),
  options: {
    out: { type: 'string', short: 'o' },
    count: { type: 'string', short: 'n' },
    seed: { type: 'string', short: 's' },
    format: { type: 'string' },
    degrade: { type: 'string' },
    dpi: { type: 'string' },
    forgery: { type: 'string' },
    portraits: { type: 'boolean' },
  },
  async run(args, io) {
    const { values } = args;
    if (typeof values.out !== 'string' || values.out === '') throw new LoupeError('common', 'InvalidInput', '--out DIR is required');
    const count = integer(values.count, 'count', 1);
    const seed = integer(values.seed, 'seed', 1);
    const dpi = integer(values.dpi, 'dpi', 300);
    const format = typeof values.format === 'string' ? checkFormat(values.format) : undefined;
    const degrade: DegradeLevel | undefined = typeof values.degrade === 'string' ? checkDegrade(values.degrade) : undefined;
    const forgery = typeof values.forgery === 'string' ? checkForgery(values.forgery) : undefined;
    // Checked before anything is written: faces are pasted into the page geometry of undegraded pages.
    if (values.portraits === true && degrade && degrade !== 'none') throw new LoupeError('common', 'InvalidInput', '--portraits needs undegraded specimens (--degrade none)');
    const truths = await generateSpecimens({
      outDir: values.out,
      count,
      seed,
      format,
      degrade,
      dpi,
      forgery,
      onProgress: (done, total, id) => io.progress(`specimen ${done}/${total} ${id}`),
    });
    const outDir = resolve(values.out);
    if (values.portraits === true) {
      io.progress('portraits: finding faces in the installed sample photos');
      const { sharedFaceEngine, shutdownFaceEngine } = await import('../face/face-engine');
      const { addPortraits } = await import('./portrait-specimens');
      try {
        await addPortraits(outDir, truths, sharedFaceEngine());
      } finally {
        await shutdownFaceEngine();
      }
    }
    return {
      outDir,
      seed,
      count: truths.length,
      specimens: truths.map((t) => ({
        id: t.id,
        format: t.format,
        design: t.design,
        ...(t.forgery ? { forgery: t.forgery.kind } : {}),
        truth: join(outDir, `${t.id}.truth.json`),
        images: { white: join(outDir, t.images.white), ir: join(outDir, t.images.ir), uv: join(outDir, t.images.uv) },
      })),
    };
  },
  human(result) {
    const byFormat = new Map<string, number>();
    for (const s of result.specimens) byFormat.set(s.format, (byFormat.get(s.format) ?? 0) + 1);
    const mix = [...byFormat].map(([f, n]) => `${f}×${n}`).join(', ');
    const forged = result.specimens.filter((s) => s.forgery).length;
    const kinds = forged ? `, ${forged} forged` : '';
    return `wrote ${result.count} specimen${result.count === 1 ? '' : 's'} (${mix}${kinds}) to ${result.outDir}`;
  },
};
