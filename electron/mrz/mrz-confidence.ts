// Confidences are probabilities, 0..1, wherever they are made. Engines do not always say so:
// tesseract reports 0..100, and an undefined quantity (a correlation over a blank window, a mean
// over nothing) comes out as NaN, which passes every comparison as false and so slips through
// Math.min/Math.max clamps. NaN means "no evidence": 0.
export function unitConfidence(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(1, Math.max(0, value));
}
