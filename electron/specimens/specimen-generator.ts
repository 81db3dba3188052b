// Writes a set of synthetic specimens to disk: per document <id>_white|ir|uv.(png|jpg) and
// <id>.truth.json (validated against SpecimenTruthSchema before it is written).
import { accessSync, constants, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { MRZ_FORMATS, type MrzFormat } from '../contract/mrz.contract';
import { DegradeLevelSchema, SpecimenTruthSchema, type DegradeLevel, type SpecimenTruth } from '../contract/specimen.contract';
import { LoupeError } from '../common/loupe-error';
import { checkForgery, type ForgeryOption } from './forgery-kinds';
import { renderSpecimen, validateDpi, DEFAULT_DPI, type RenderedSpecimen } from './specimen-renderer';

export interface GenerateOptions {
  outDir: string;
  count: number;
  seed: number;
  format?: MrzFormat;
  degrade?: DegradeLevel;
  dpi?: number;
  /** Forged documents of this kind ('any': every kind in turn) instead of genuine ones. */
  forgery?: ForgeryOption;
  onProgress?: (done: number, total: number, id: string) => void;
}

export function checkFormat(value: string): MrzFormat {
  const format = MRZ_FORMATS.find((f) => f === value.toUpperCase());
  if (!format) throw new LoupeError('common', 'InvalidInput', `unknown format '${value}' (expected ${MRZ_FORMATS.join(', ')})`);
  return format;
}

export function checkDegrade(value: string): DegradeLevel {
  const parsed = DegradeLevelSchema.safeParse(value);
  if (!parsed.success) throw new LoupeError('common', 'InvalidInput', `unknown degradation '${value}' (expected none, light or heavy)`);
  return parsed.data;
}

function checkOptions(opts: GenerateOptions): void {
  if (!Number.isInteger(opts.count) || opts.count <= 0) throw new LoupeError('common', 'InvalidInput', `--count must be a positive integer (got ${opts.count})`);
  if (!Number.isInteger(opts.seed) || opts.seed < 0 || opts.seed > 0xffffffff) throw new LoupeError('common', 'InvalidInput', `--seed must be an integer in 0..4294967295 (got ${opts.seed})`);
  if (opts.format) checkFormat(opts.format);
  if (opts.degrade) checkDegrade(opts.degrade);
  validateDpi(opts.dpi ?? DEFAULT_DPI);
  if (opts.forgery) checkForgery(opts.forgery);
}

/**
 * Creates the folder if needed and proves it is writable, with a one-line reason when it is not.
 * The folders are created one level at a time: Node's recursive mkdir can spin forever on
 * pseudo file systems such as /proc.
 */
export function prepareOutDir(dir: string): string {
  const path = resolve(dir);
  const missing: string[] = [];
  let existing = path;
  while (!existsSync(existing)) {
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  try {
    if (!statSync(existing).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    accessSync(existing, constants.W_OK);
    for (const folder of missing) mkdirSync(folder);
    accessSync(path, constants.W_OK);
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : String(err);
    const reason = code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied' : code === 'ENOENT' ? 'it cannot be created there' : code;
    throw new LoupeError('common', 'InvalidInput', `cannot write to output directory ${path}: ${reason}`);
  }
  return path;
}

export function writeSpecimen(dir: string, rendered: RenderedSpecimen): void {
  const truth = SpecimenTruthSchema.parse(rendered.truth);
  for (const image of Object.values(rendered.images)) writeFileSync(join(dir, image.fileName), image.data);
  writeFileSync(join(dir, `${truth.id}.truth.json`), `${JSON.stringify(truth, null, 2)}\n`);
}

export async function generateSpecimens(opts: GenerateOptions): Promise<SpecimenTruth[]> {
  checkOptions(opts);
  const dir = prepareOutDir(opts.outDir);
  const truths: SpecimenTruth[] = [];
  for (let index = 0; index < opts.count; index++) {
    const rendered = await renderSpecimen(opts.seed, index, { format: opts.format, degrade: opts.degrade, dpi: opts.dpi, forgery: opts.forgery });
    writeSpecimen(dir, rendered);
    truths.push(rendered.truth);
    opts.onProgress?.(index + 1, opts.count, rendered.truth.id);
  }
  return truths;
}
