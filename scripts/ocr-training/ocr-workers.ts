// tesseract.js workers for MRZ lines, fully offline: a local langPath (no CDN) and
// cacheMethod 'none' (otherwise tesseract.js writes <lang>.traineddata into the cwd).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { createWorker, OEM, PSM } from 'tesseract.js';
import type { Worker } from 'tesseract.js';
import { MRZ_ALPHABET } from './mrz-text-generator';

export type ModelName = 'eng' | 'mrz';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where each model's traineddata lives, and whether it is gzipped. */
export function modelLocation(model: ModelName): { langPath: string; gzip: boolean } {
  switch (model) {
    case 'eng': {
      // @tesseract.js-data/eng 4.0.0/ holds the model with the legacy components.
      const pkg = createRequire(import.meta.url).resolve('@tesseract.js-data/eng/package.json');
      return { langPath: join(dirname(pkg), '4.0.0'), gzip: true };
    }
    case 'mrz':
      // Stored uncompressed (300 KB) so its sha256 matches assets/ocr/mrz.traineddata.json.
      return { langPath: join(repoRoot, 'assets', 'ocr'), gzip: false };
    default: {
      const unknown: never = model;
      throw new RangeError(`unknown model ${String(unknown)}`);
    }
  }
}

/** Legacy engine, one text line, MRZ alphabet, no adaptive learning between calls. */
export async function createMrzLineWorker(model: ModelName): Promise<Worker> {
  const { langPath, gzip } = modelLocation(model);
  const worker = await createWorker(model, OEM.TESSERACT_ONLY, { langPath, gzip, cacheMethod: 'none' });
  await worker.setParameters({
    tessedit_char_whitelist: MRZ_ALPHABET,
    tessedit_pageseg_mode: PSM.SINGLE_LINE,
    // The adaptive classifier otherwise learns from earlier pages and results drift.
    classify_enable_learning: '0',
  });
  return worker;
}

export interface LineReading {
  text: string;
  confidence: number;
  /** Whole-line alternatives from the legacy engine (word `choices`), best first. */
  alternatives: { text: string; confidence: number }[];
}

export async function readLine(worker: Worker, image: Buffer): Promise<LineReading> {
  const { data } = await worker.recognize(image, {}, { text: true, blocks: true });
  const words = (data.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words)));
  // PSM 7 on an MRZ line (no spaces) yields one word; join defensively if it splits.
  const text = words.map((w) => w.text).join('') || data.text.replace(/\s+/g, '');
  const alternatives = words.length === 1 ? (words[0]?.choices ?? []) : [];
  return { text, confidence: data.confidence, alternatives };
}
