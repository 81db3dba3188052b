// Scoring of one OCR'd line against its truth: edit distance with an alignment, so
// substitutions (the look-alike confusions) are counted separately from dropped or
// invented characters.

export interface LineScore {
  exact: boolean;
  errors: number;
  /** `expected→got`; `∅` stands for a missing or an invented character. */
  confusions: string[];
}

export function scoreLine(truth: string, got: string): LineScore {
  const n = truth.length;
  const m = got.length;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= n; i += 1) {
    const row = d[i];
    if (!row) continue;
    for (let j = 1; j <= m; j += 1) {
      const cost = truth[i - 1] === got[j - 1] ? 0 : 1;
      row[j] = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
    }
  }
  const confusions: string[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = at(i, j);
    if (i > 0 && j > 0 && here === at(i - 1, j - 1) + (truth[i - 1] === got[j - 1] ? 0 : 1)) {
      if (truth[i - 1] !== got[j - 1]) confusions.push(`${truth[i - 1]}→${got[j - 1]}`);
      i -= 1;
      j -= 1;
    } else if (i > 0 && here === at(i - 1, j) + 1) {
      confusions.push(`${truth[i - 1]}→∅`);
      i -= 1;
    } else {
      confusions.push(`∅→${got[j - 1]}`);
      j -= 1;
    }
  }
  return { exact: truth === got, errors: at(n, m), confusions };
}

/**
 * Per-position candidate sets from tesseract's alternative readings of a line (word
 * `choices`), keeping only readings of the right length, as an MRZ repair step would.
 */
export function positionCandidates(length: number, readings: readonly string[]): Set<string>[] {
  const sets = Array.from({ length }, () => new Set<string>());
  for (const reading of readings) {
    if (reading.length !== length) continue;
    [...reading].forEach((c, k) => sets[k]?.add(c));
  }
  return sets;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
