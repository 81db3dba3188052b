// Confidences stay probabilities (0..1, never NaN) from where they are made to the reading, and a
// blank or uniform window is no evidence for any glyph. Real templates (rendered OCR-B), real fusion,
// real text engine.
import { describe, expect, it } from 'vitest';
import { MrzReadingSchema } from '../../../electron/contract/mrz.contract';
import { readMrzText } from '../../../electron/mrz';
import { fuseCell } from '../../../electron/mrz/mrz-cell-fusion';
import { unitConfidence } from '../../../electron/mrz/mrz-confidence';
import { glyphTemplates } from '../../../electron/mrz/mrz-glyph-templates';
import { scoreCell } from '../../../electron/mrz/mrz-template-match';
import { TD3 } from './mrz-specimens';

const unit = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1;

describe('MRZ confidences', () => {
  it('are clamped to 0..1 with NaN as 0', () => {
    expect([NaN, -0.5, 0, 0.25, 1, 7, Infinity, -Infinity].map(unitConfidence)).toEqual([0, 0, 0, 0.25, 1, 1, 1, 0]);
  });

  it('a uniform window scores 0 for every glyph, whatever its grey', async () => {
    const templates = await glyphTemplates();
    for (const grey of [0, 40, 128, 200, 254, 255]) {
      const img = { data: new Uint8Array(120 * 120).fill(grey), width: 120, height: 120 };
      const scores = scoreCell(img, 60, 60, templates);
      // Before: a near-zero norm turned the window's mean into scores in the thousands ('I' first).
      expect(scores.every((s) => s.score >= -1 && s.score <= 1), `grey ${grey}`).toBe(true);
      expect(Math.max(...scores.map((s) => s.score)), `grey ${grey}`).toBe(0);
    }
  });

  it('a cell fused from an OCR confidence of NaN keeps a probability', async () => {
    const templates = await glyphTemplates();
    const img = { data: new Uint8Array(120 * 120).fill(230), width: 120, height: 120 };
    const fused = fuseCell({ char: 'A', conf: NaN, alternatives: [] }, scoreCell(img, 60, 60, templates));
    expect(unit(fused.conf)).toBe(true);
    expect(fused.alternatives.every((a) => unit(a.conf))).toBe(true);
  });

  it('a reading given NaN or out-of-range confidences is still a valid reading', () => {
    const nan = readMrzText(TD3, { source: 'ocr', confidence: NaN });
    expect(nan.confidence).toBe(0);
    expect(MrzReadingSchema.safeParse(nan).success).toBe(true);
    const candidates = TD3.map((line, l) => [...line].map((char, c) => ({ char, conf: [NaN, 150, -3, 0.5][(l + c) % 4]! })));
    const mixed = readMrzText(TD3, { source: 'ocr', candidates });
    expect(unit(mixed.confidence)).toBe(true);
    expect(MrzReadingSchema.safeParse(mixed).success).toBe(true);
  });
});
