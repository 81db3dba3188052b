// OCR-confusion-aware comparison of short codes (document numbers). The stock VIZ OCR confuses
// glyphs of similar shape; a difference between two such glyphs is no evidence of an alteration.
// Classes measured on genuine captures (bench corpus, genuine-light, even indices): misreads seen
// were T→1, T→7, 1→I, L→1, 0→O, 9→O, 5→S, 8→B, 6→G, 6→E, 4→A, Z→2, W→V. An alteration
// (electron/specimens/forgery-data.ts) replaces one or two characters with arbitrary serial
// characters, which fall outside these classes in most cases (1→7 does not: then only the other
// changed character, if any, counts).

const CLASSES = ['0ODQ9', '1ILTJ7', '5S', '8B', '6GE', '2Z', '4A', 'VW'];

const CLASS_OF = new Map<string, number>();
CLASSES.forEach((c, i) => [...c].forEach((ch) => CLASS_OF.set(ch, (CLASS_OF.get(ch) ?? 0) | (1 << i))));

/** True when two characters are equal or look alike to the OCR. */
export function confusable(a: string, b: string): boolean {
  if (a === b) return true;
  return ((CLASS_OF.get(a) ?? 0) & (CLASS_OF.get(b) ?? 0)) !== 0;
}

export interface CodeDifference {
  /** Edit distance where look-alike substitutions cost nothing. */
  distance: number;
  /** Substitutions between characters that do not look alike. */
  hardSubstitutions: number;
  /** Insertions plus deletions. */
  indels: number;
}

/** Aligns `read` (VIZ OCR, upper-cased) to `expected` (MRZ) with look-alike substitutions free. */
export function codeDifference(read: string, expected: string): CodeDifference {
  const a = read.toUpperCase();
  const b = expected.toUpperCase();
  type Cell = { d: number; hard: number; indel: number };
  let prev: Cell[] = Array.from({ length: b.length + 1 }, (_, j) => ({ d: j, hard: 0, indel: j }));
  for (let i = 1; i <= a.length; i++) {
    const row: Cell[] = [{ d: i, hard: 0, indel: i }];
    for (let j = 1; j <= b.length; j++) {
      const same = confusable(a[i - 1]!, b[j - 1]!);
      const diag = prev[j - 1]!;
      const options: Cell[] = [
        { d: diag.d + (same ? 0 : 1), hard: diag.hard + (same ? 0 : 1), indel: diag.indel },
        { d: prev[j]!.d + 1, hard: prev[j]!.hard, indel: prev[j]!.indel + 1 },
        { d: row[j - 1]!.d + 1, hard: row[j - 1]!.hard, indel: row[j - 1]!.indel + 1 },
      ];
      row.push(options.reduce((best, o) => (o.d < best.d || (o.d === best.d && o.hard < best.hard) ? o : best)));
    }
    prev = row;
  }
  const end = prev[b.length]!;
  return { distance: end.d, hardSubstitutions: end.hard, indels: end.indel };
}
