// A small neural classifier of MRZ cells (one hidden layer), trained on many monospaced and OCR-B-like
// faces with printing and capture degradations (scripts/ocr-training/train-glyph-classifier.ts). It
// generalises across fonts where a correlation with a few templates cannot: its log-probabilities are
// added to the template scores before the cell is fused.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GreyImage } from '../imaging/grey-image';
import { cellWindow, classifierInput } from './mrz-cell-window';
import type { TemplateScore } from './mrz-template-match';

export interface GlyphClassifier {
  alphabet: string;
  inputs: number;
  hidden: number;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

interface StoredClassifier {
  alphabet: string;
  inputs: number;
  hidden: number;
  w1: string;
  b1: string;
  w2: string;
  b2: string;
}

const here = dirname(fileURLToPath(import.meta.url));
export const CLASSIFIER_PATH = resolve(here, '..', '..', 'assets', 'ocr', 'mrz-glyph-classifier.json');

const fromBase64 = (s: string): Float32Array => {
  const buf = Buffer.from(s, 'base64');
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
};
export const toBase64 = (a: Float32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

export function serialiseClassifier(m: GlyphClassifier): string {
  const stored: StoredClassifier = { alphabet: m.alphabet, inputs: m.inputs, hidden: m.hidden, w1: toBase64(m.w1), b1: toBase64(m.b1), w2: toBase64(m.w2), b2: toBase64(m.b2) };
  return JSON.stringify(stored);
}

let cached: GlyphClassifier | null | undefined;

/** The shipped classifier, or null when the asset is absent (the templates then read alone). */
export function glyphClassifier(path = CLASSIFIER_PATH): GlyphClassifier | null {
  if (cached !== undefined && path === CLASSIFIER_PATH) return cached;
  let model: GlyphClassifier | null = null;
  if (existsSync(path)) {
    const s = JSON.parse(readFileSync(path, 'utf8')) as StoredClassifier;
    model = { alphabet: s.alphabet, inputs: s.inputs, hidden: s.hidden, w1: fromBase64(s.w1), b1: fromBase64(s.b1), w2: fromBase64(s.w2), b2: fromBase64(s.b2) };
  }
  if (path === CLASSIFIER_PATH) cached = model;
  return model;
}

/** Log-probabilities of every character for one input vector. */
export function classify(m: GlyphClassifier, x: Float32Array): Float32Array {
  const h = new Float32Array(m.hidden);
  for (let j = 0; j < m.hidden; j++) {
    let s = m.b1[j]!;
    const row = j * m.inputs;
    for (let i = 0; i < m.inputs; i++) s += m.w1[row + i]! * x[i]!;
    h[j] = s > 0 ? s : 0;
  }
  const k = m.alphabet.length;
  const out = new Float32Array(k);
  let max = -Infinity;
  for (let c = 0; c < k; c++) {
    let s = m.b2[c]!;
    const row = c * m.hidden;
    for (let j = 0; j < m.hidden; j++) s += m.w2[row + j]! * h[j]!;
    out[c] = s;
    if (s > max) max = s;
  }
  let z = 0;
  for (let c = 0; c < k; c++) z += Math.exp(out[c]! - max);
  const lz = max + Math.log(z);
  for (let c = 0; c < k; c++) out[c]! -= lz;
  return out;
}

/**
 * Weight of the classifier's log-probability in template-score units: 0.02 per nat, so a classifier
 * preference of e^2.5 (≈ 12:1) weighs like a template score gap of 0.05 (same temperature as the fusion).
 */
export const CLASSIFIER_WEIGHT = 0.02;

/** The classifier's log-probabilities for every cell (null for an empty cell). */
export function classifyCells(img: GreyImage, centres: { u: number; v: number }[][], model: GlyphClassifier): (Float32Array | null)[][] {
  return centres.map((row) =>
    row.map((c) => {
      const win = cellWindow(img, c.u, c.v);
      return win ? classify(model, classifierInput(win)) : null;
    }),
  );
}

/** Adds the classifier's opinion (from classifyCells) to each cell's template scores (re-sorted). */
export function addClassifierScores(scores: TemplateScore[][][], model: GlyphClassifier | null, opinions: (Float32Array | null)[][] | null, weight = CLASSIFIER_WEIGHT): TemplateScore[][][] {
  if (!model || !opinions || weight === 0) return scores;
  return scores.map((row, line) =>
    row.map((cell, col) => {
      const logp = opinions[line]?.[col];
      if (!logp) return cell;
      return cell
        .map((s) => {
          const k = model.alphabet.indexOf(s.char);
          return k < 0 ? s : { ...s, score: s.score + weight * Math.max(-8, logp[k]!) };
        })
        .sort((a, b) => b.score - a.score);
    }),
  );
}
