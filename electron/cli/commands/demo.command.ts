// `loupe demo`: reads the MRZ of every bundled specimen — the first thing a newcomer sees.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LoupeError } from '../../common/loupe-error';
import type { MrzReading } from '../../contract/mrz.contract';
import { readMrzFromImage } from '../../mrz/mrz-image-reader';
import { shutdownOcr } from '../../mrz/mrz-ocr-engine';
import type { Command } from '../../common/command-line/command';

const specimensDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'assets', 'specimens');

interface DemoRow {
  id: string;
  format: string | null;
  expected: string[];
  read: string[];
  exact: boolean;
  valid: boolean;
  corrections: number;
  ms: number;
}

interface IndexEntry {
  id: string;
  truth: string;
}

export const demoCommand: Command<DemoRow[]> = {
  name: 'demo',
  summary: 'read the MRZ of every bundled specimen (assets/specimens)',
  usage: 'usage: loupe demo [--json]\n\nReads the bundled synthetic specimens and compares each MRZ with its ground truth.',
  options: {},
  async run(_args, io) {
    let index: IndexEntry[];
    try {
      index = (JSON.parse(await readFile(join(specimensDir, 'index.json'), 'utf8')) as { specimens: IndexEntry[] }).specimens;
    } catch (err) {
      throw new LoupeError('imaging', 'ImageNotFound', `bundled specimens missing (${specimensDir}): ${String(err)}`);
    }
    const rows: DemoRow[] = [];
    try {
      for (const entry of index) {
        io.progress(`reading ${entry.id}`);
        const truth = JSON.parse(await readFile(join(specimensDir, entry.truth), 'utf8')) as { mrz: { lines: string[] }; images: { white: string; ir: string } };
        const reading: MrzReading = await readMrzFromImage(join(specimensDir, truth.images.white), { irPath: join(specimensDir, truth.images.ir) });
        rows.push({
          id: entry.id,
          format: reading.format,
          expected: truth.mrz.lines,
          read: reading.lines,
          exact: reading.lines.join('\n') === truth.mrz.lines.join('\n'),
          valid: reading.valid,
          corrections: reading.corrections.length,
          ms: reading.timingsMs.total ?? 0,
        });
      }
    } finally {
      await shutdownOcr();
    }
    return rows;
  },
  human(rows) {
    const out = ['Loupe — MRZ of the bundled specimens (infrared page, white as fallback)', ''];
    for (const r of rows) {
      out.push(`${r.exact ? '✓' : '✗'} ${r.id}  ${r.format ?? '?'}  ${r.valid ? 'valid' : 'INVALID'}  ${r.corrections} correction(s)  ${Math.round(r.ms)} ms`);
      for (const line of r.read) out.push(`    ${line}`);
    }
    const exact = rows.filter((r) => r.exact).length;
    out.push('', `${exact}/${rows.length} read exactly. Try: npm run -s loupe -- mrz <image> [--ir <ir-image>]`);
    return out.join('\n');
  },
};
