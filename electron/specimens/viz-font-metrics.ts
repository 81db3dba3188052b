// Advance widths (em) of DejaVu Sans Condensed Bold, the VIZ value font, measured once by
// rasterising runs of each character with librsvg. Used to size values to their cells and to give
// truth regions that really cover the printed ink.

const ADVANCE_EM: Record<string, number> = {
  '0': 0.626, '1': 0.626, '2': 0.626, '3': 0.626, '4': 0.626, '5': 0.626, '6': 0.626, '7': 0.626, '8': 0.626, '9': 0.626,
  A: 0.696, B: 0.685, C: 0.66, D: 0.747, E: 0.614, F: 0.614, G: 0.738, H: 0.753, I: 0.334, J: 0.334, K: 0.697, L: 0.573,
  M: 0.895, N: 0.753, O: 0.764, P: 0.659, Q: 0.764, R: 0.693, S: 0.607, T: 0.634, U: 0.73, V: 0.696, W: 0.992, X: 0.694,
  Y: 0.651, Z: 0.652, ' ': 0.313, '-': 0.373, "'": 0.275, '.': 0.341, ',': 0.341, '/': 0.328, Œ: 1.05, Æ: 0.976,
};

/** Unlisted characters are accented forms: measure their base letter. */
function advance(ch: string): number {
  return ADVANCE_EM[ch] ?? ADVANCE_EM[ch.normalize('NFD')[0] ?? ''] ?? 0.76;
}

export function valueTextWidthEm(text: string): number {
  let width = 0;
  for (const ch of text.toUpperCase()) width += advance(ch);
  return width;
}
