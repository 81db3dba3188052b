// Characters that OCR of OCR-B confuses, with a cost (lower = more likely). Measured on this
// project's OCR: O/0, D/0, Z/2, E/5, C/0 under noise; '<' runs read as K or L by LSTM models.
// Digit↔digit confusions are not listed: they are accepted only when the OCR itself proposes
// them as alternatives, so that a plainly wrong digit is never "repaired" on our own initiative.

const PAIRS: ReadonlyArray<readonly [string, string, number]> = [
  ['0', 'O', 1], ['0', 'D', 1], ['0', 'Q', 1], ['1', 'I', 1], ['1', 'L', 1], ['2', 'Z', 1],
  ['5', 'S', 1], ['8', 'B', 1], ['6', 'G', 1],
  ['0', 'U', 1.5], ['0', 'C', 1.5], ['4', 'A', 1.5], ['7', 'T', 1.5], ['5', 'E', 1.5],
  ['O', 'D', 1], ['O', 'Q', 1], ['D', 'Q', 1.5], ['E', 'F', 1.5], ['K', 'X', 1.5], ['C', 'G', 1.5],
  ['M', 'N', 1.5], ['U', 'V', 1.5], ['V', 'Y', 1.5], ['P', 'R', 1.5], ['I', 'L', 1.5],
  ['<', 'K', 1.5], ['<', 'L', 1.5],
];

const TABLE = new Map<string, Map<string, number>>();
for (const [a, b, cost] of PAIRS) {
  for (const [x, y] of [[a, b], [b, a]] as const) {
    const row = TABLE.get(x) ?? new Map<string, number>();
    row.set(y, cost);
    TABLE.set(x, row);
  }
}

/** Look-alikes of `char` with their costs. */
export function confusablesOf(char: string): ReadonlyMap<string, number> {
  return TABLE.get(char) ?? new Map();
}

/** Cost of reading `read` when the document says `actual`, or null when they are not look-alikes. */
export function confusionCost(read: string, actual: string): number | null {
  return TABLE.get(read)?.get(actual) ?? null;
}

/** The most likely digit for a letter in a numeric position (null when no digit looks like it). */
export function likelyDigit(char: string): string | null {
  return bestOf(char, (c) => c >= '0' && c <= '9');
}

/** The most likely letter for a digit in an alphabetic position. */
export function likelyLetter(char: string): string | null {
  return bestOf(char, (c) => c >= 'A' && c <= 'Z');
}

function bestOf(char: string, accept: (c: string) => boolean): string | null {
  let best: string | null = null;
  let bestCost = Infinity;
  // Insertion order of PAIRS breaks ties (0 → O before D before Q).
  for (const [c, cost] of confusablesOf(char)) {
    if (accept(c) && cost < bestCost) {
      best = c;
      bestCost = cost;
    }
  }
  return best;
}

export const isDigit = (c: string): boolean => c >= '0' && c <= '9';
export const isLetter = (c: string): boolean => c >= 'A' && c <= 'Z';
export const isMrzChar = (c: string): boolean => isDigit(c) || isLetter(c) || c === '<';
