// Turns the scores of one MRZ cell (templates plus the classifier's opinion) into a choice with
// probabilities. An optional vote of another recogniser breaks near-ties (the image path no longer
// passes one). Runners-up from 1 % become alternatives, which the check-digit repair may use — and
// only those — and which the uncertainty rules weigh.
import type { CellReading } from './mrz-ocr-grid';
import type { TemplateScore } from './mrz-template-match';
import { unitConfidence } from './mrz-confidence';

/** Softmax temperature over correlation scores: 0.02 ≈ a 0.05 score gap makes a 12:1 preference. */
const TEMPERATURE = 0.02;
/** Added to the score of the character the OCR engine read. */
const OCR_VOTE = 0.015;
/** Alternatives below this probability are not offered to the repair. */
const MIN_ALTERNATIVE = 0.01;

export function fuseCell(ocr: CellReading | null, scores: TemplateScore[]): CellReading {
  const voted = scores.map((s) => ({ char: s.char, score: s.score + (ocr && s.char === ocr.char ? OCR_VOTE * (0.5 + unitConfidence(ocr.conf) / 2) : 0) }));
  voted.sort((a, b) => b.score - a.score);
  const top = voted[0]!;
  const weights = voted.map((v) => Math.exp((v.score - top.score) / TEMPERATURE));
  const total = weights.reduce((s, w) => s + w, 0);
  const alternatives = voted
    .map((v, i) => ({ char: v.char, conf: weights[i]! / total }))
    .slice(1)
    .filter((a) => a.conf >= MIN_ALTERNATIVE);
  if (ocr && ocr.char !== top.char && !alternatives.some((a) => a.char === ocr.char)) {
    alternatives.push({ char: ocr.char, conf: MIN_ALTERNATIVE });
  }
  return { char: top.char, conf: weights[0]! / total, alternatives };
}
