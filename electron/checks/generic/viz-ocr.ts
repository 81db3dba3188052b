// OCR for the printed (VIZ) fields: its own long-lived tesseract.js worker, separate from the MRZ
// engine (another model and other parameters). Stock English LSTM model (4.0.0_best_int), fully
// offline: traineddata from node_modules, nothing cached into the working directory.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { LoupeError } from '../../common/loupe-error';

/** One recognised word: text, word confidence and per-character confidences (0..1). */
export interface VizWord {
  text: string;
  confidence: number;
  symbols: { text: string; confidence: number }[];
}

export interface VizLine {
  text: string;
  confidence: number;
  words: VizWord[];
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Characters the VIZ fields use: Latin capitals with diacritics, digits, and date/name punctuation. */
const VIZ_WHITELIST = 'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŠŽČŘĎŤŇĚŮŁŃŚŹŻĄĘŐŰßabcdefghijklmnopqrstuvwxyz0123456789 -/.,\'';

let workerPromise: Promise<Worker> | null = null;

async function startWorker(): Promise<Worker> {
  const require = createRequire(import.meta.url);
  const langPath = join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
  try {
    const worker = await createWorker('eng', OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none' });
    await worker.setParameters({ tessedit_char_whitelist: VIZ_WHITELIST, tessedit_pageseg_mode: PSM.SINGLE_BLOCK, user_defined_dpi: '300', preserve_interword_spaces: '1' });
    return worker;
  } catch (err) {
    throw new LoupeError('checks', 'OcrFailed', `cannot start the VIZ OCR engine (eng in ${langPath}): ${String(err)}`);
  }
}

function worker(): Promise<Worker> {
  if (!workerPromise) {
    workerPromise = startWorker();
    workerPromise.catch(() => {
      workerPromise = null;
    });
  }
  return workerPromise;
}

/** Stops the VIZ OCR worker thread (lets a CLI process or a test exit). */
export async function shutdownVizOcr(): Promise<void> {
  const p = workerPromise;
  workerPromise = null;
  if (p) await (await p).terminate();
}

/** Recognises a PNG and returns its text lines with boxes (pixels of that PNG). */
export async function recognizeVizLines(png: Buffer, mode: 'block' | 'sparse' = 'block'): Promise<VizLine[]> {
  const w = await worker();
  await w.setParameters({ tessedit_pageseg_mode: mode === 'block' ? PSM.SINGLE_BLOCK : PSM.SPARSE_TEXT });
  const { data } = await w.recognize(png, {}, { blocks: true, text: false });
  const lines: VizLine[] = [];
  for (const block of data.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const words = line.words.map((w) => ({ text: w.text, confidence: w.confidence / 100, symbols: w.symbols.map((c) => ({ text: c.text, confidence: c.confidence / 100 })) }));
        lines.push({ text: line.text.trim(), confidence: line.confidence / 100, words, ...line.bbox });
      }
    }
  }
  return lines.filter((l) => l.text.length > 0);
}

/** Characters of document numbers (ICAO 9303 Part 3 §4.2.2: A–Z and 0–9). */
export const CODE_WHITELIST = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** Characters of VIZ dates (Part 3 §4.4: DD MMM YYYY, English month abbreviations). */
export const DATE_WHITELIST = '0123456789 ABCDEFGJLMNOPRSTUVY';
/** Small crops are enlarged before a code read: the model reads glyphs of ~30 px height best. */
const CODE_UPSCALE = 2;

/**
 * A second, independent reading of a code or date field: the crop alone, enlarged, restricted to
 * the field's characters. Returns its words; the worker's normal whitelist is restored afterwards.
 */
export async function recognizeVizCode(png: Buffer, whitelist: string = CODE_WHITELIST): Promise<VizWord[]> {
  const w = await worker();
  const meta = await sharp(png).metadata();
  const big = await sharp(png)
    .resize({ width: (meta.width ?? 1) * CODE_UPSCALE, kernel: 'cubic' })
    .png({ compressionLevel: 0 })
    .toBuffer();
  await w.setParameters({ tessedit_char_whitelist: whitelist, tessedit_pageseg_mode: PSM.SINGLE_BLOCK });
  try {
    const { data } = await w.recognize(big, {}, { blocks: true, text: false });
    return (data.blocks ?? []).flatMap((b) =>
      b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words.map((x) => ({ text: x.text, confidence: x.confidence / 100, symbols: x.symbols.map((c) => ({ text: c.text, confidence: c.confidence / 100 })) })))),
    );
  } finally {
    await w.setParameters({ tessedit_char_whitelist: VIZ_WHITELIST });
  }
}
