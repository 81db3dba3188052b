// The OCR engine for MRZ crops: one long-lived tesseract.js worker (its own worker thread),
// fully offline — traineddata from a local folder, nothing cached into the working directory.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { LoupeError } from '../common/loupe-error';
import { unitConfidence } from './mrz-confidence';

export const MRZ_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

export interface OcrModel {
  lang: string;
  langPath: string;
  gzip: boolean;
}

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');

/**
 * The project-trained OCR-B model when present (assets/ocr), else the stock English legacy model.
 * Legacy engine (OEM 0): it reads `<` filler runs reliably where the LSTM model does not (docs/mrz-engine.md).
 */
export function defaultOcrModel(): OcrModel {
  const own = join(repoRoot, 'assets', 'ocr');
  if (process.env.LOUPE_MRZ_MODEL !== 'eng' && existsSync(join(own, 'mrz.traineddata'))) {
    return { lang: 'mrz', langPath: own, gzip: false };
  }
  const require = createRequire(import.meta.url);
  const engDir = dirname(require.resolve('@tesseract.js-data/eng/package.json'));
  return { lang: 'eng', langPath: join(engDir, '4.0.0'), gzip: true };
}

export interface OcrSymbol {
  text: string;
  confidence: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  choices: { text: string; confidence: number }[];
}

interface JsonSymbol {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
  choices?: { text: string; confidence: number }[];
}

let workerPromise: Promise<Worker> | null = null;

async function startWorker(model: OcrModel): Promise<Worker> {
  try {
    const worker = await createWorker(model.lang, OEM.TESSERACT_ONLY, {
      langPath: model.langPath,
      gzip: model.gzip,
      cacheMethod: 'none',
      legacyCore: true,
      legacyLang: true,
    }, {
      // Dictionaries only hurt here: MRZ text is not words. Init-only parameters.
      load_system_dawg: '0',
      load_freq_dawg: '0',
    });
    await worker.setParameters({
      tessedit_char_whitelist: MRZ_ALPHABET,
      tessedit_pageseg_mode: PSM.SINGLE_BLOCK,
      // Without this the legacy classifier adapts between calls and results drift.
      classify_enable_learning: '0',
      classify_enable_adaptive_matcher: '0',
      user_defined_dpi: '300',
    });
    return worker;
  } catch (err) {
    throw new LoupeError('mrz', 'OcrFailed', `cannot start the OCR engine (${model.lang} in ${model.langPath}): ${String(err)}`);
  }
}

export function getOcrWorker(): Promise<Worker> {
  if (!workerPromise) {
    workerPromise = startWorker(defaultOcrModel());
    workerPromise.catch(() => {
      workerPromise = null;
    });
  }
  return workerPromise;
}

/** Stops the OCR worker thread (lets a CLI process exit). */
export async function shutdownOcr(): Promise<void> {
  const p = workerPromise;
  workerPromise = null;
  if (p) await (await p).terminate();
}

/** Recognises an MRZ crop (PNG bytes) and returns every symbol with its box and alternatives. */
export async function recognizeSymbols(png: Buffer): Promise<{ symbols: OcrSymbol[]; meanConfidence: number }> {
  const worker = await getOcrWorker();
  const { data } = await worker.recognize(png, {}, { blocks: true, text: false });
  const symbols: OcrSymbol[] = [];
  for (const block of data.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        for (const word of line.words) {
          for (const s of word.symbols as unknown as JsonSymbol[]) {
            symbols.push({
              text: s.text,
              // tesseract reports 0..100.
              confidence: unitConfidence(s.confidence / 100),
              ...s.bbox,
              choices: (s.choices ?? []).map((c) => ({ text: c.text, confidence: unitConfidence(c.confidence / 100) })),
            });
          }
        }
      }
    }
  }
  return { symbols, meanConfidence: unitConfidence((data.confidence ?? 0) / 100) };
}
