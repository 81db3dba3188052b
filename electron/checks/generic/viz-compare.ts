// Comparing printed (VIZ) values with MRZ values. The MRZ holds transliterated names (ICAO 9303
// Part 3 §6: Ü → UE, Ø → OE, ß → SS..., other diacritics dropped), dates as YYMMDD, nationality
// as a code; the VIZ holds the national spelling, dates as DD MMM YYYY and a nationality word.

/** Part 3 §6 transliterations that expand to two letters; everything else loses its diacritic. */
const EXPAND: Record<string, string> = { Ä: 'AE', Ö: 'OE', Ü: 'UE', Æ: 'AE', Ø: 'OE', Å: 'AA', ß: 'SS', Œ: 'OE', Þ: 'TH', Ĳ: 'IJ' };

export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/Ł/g, 'L').replace(/Đ/g, 'D');
}

/** Both spellings a VIZ name can have in the MRZ: expanded transliteration and plain stripping. */
export function mrzSpellings(viz: string): string[] {
  const upper = viz.toUpperCase();
  const expanded = stripAccents([...upper].map((c) => EXPAND[c] ?? c).join(''));
  const plain = stripAccents(upper.replace(/ß/g, 'SS'));
  return [...new Set([expanded, plain].map(letters))];
}

/** Letters and digits only, single spaces: what remains comparable after OCR and the MRZ's fillers. */
export function letters(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]+/g, ' ').trim();
}

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** OCR slack: one edit for values of 6+ characters, none for shorter ones. */
export function tolerance(value: string): number {
  return value.replace(/ /g, '').length >= 6 ? 1 : 0;
}

/** Name comparison: equal within tolerance, or the MRZ holds a truncated form of the VIZ name (Part 3 §4.6). */
export function namesAgree(viz: string, mrz: string): boolean {
  const m = letters(mrz);
  return mrzSpellings(viz).some((v) => {
    if (editDistance(v, m) <= tolerance(m)) return true;
    const compact = v.replace(/ /g, '');
    const mc = m.replace(/ /g, '');
    return mc.length >= 10 && compact.startsWith(mc);
  });
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** Every `DD MMM YYYY` date in the text, as YYMMDD (OCR slack: O↔0, I/L↔1 in the digits). */
export function vizDates(text: string): { yymmdd: string; raw: string }[] {
  const out: { yymmdd: string; raw: string }[] = [];
  const re = /([0-9OIL]{1,2})\s*([A-Z]{3})[A-Z]*\s*[/.-]?\s*([0-9OIL]{4})/g;
  const digits = (s: string): string => s.replace(/O/g, '0').replace(/[IL]/g, '1');
  for (const m of letters(text).matchAll(re)) {
    const month = MONTHS.indexOf(m[2]!);
    if (month < 0) continue;
    const day = Number(digits(m[1]!));
    const year = digits(m[3]!);
    if (day < 1 || day > 31) continue;
    out.push({ yymmdd: `${year.slice(2)}${String(month + 1).padStart(2, '0')}${String(day).padStart(2, '0')}`, raw: m[0] });
  }
  return out;
}

/** Readable date for the report: 990716 → 16 JUL 99. */
export function showMrzDate(yymmdd: string): string {
  const month = MONTHS[Number(yymmdd.slice(2, 4)) - 1] ?? '???';
  return `${yymmdd.slice(4, 6)} ${month} ${yymmdd.slice(0, 2)}`;
}

/** Best fuzzy occurrence of `needle` in `hay` (word-aligned windows), as an edit distance. */
export function bestOccurrence(hay: string, needle: string): { distance: number; found: string } {
  const words = letters(hay).split(' ').filter(Boolean);
  const n = letters(needle).split(' ').length;
  let best = { distance: Infinity, found: '' };
  for (let i = 0; i < words.length; i++) {
    for (let k = Math.max(1, n - 1); k <= n + 1 && i + k <= words.length; k++) {
      const cand = words.slice(i, i + k).join(' ');
      const d = editDistance(cand, letters(needle));
      if (d < best.distance) best = { distance: d, found: cand };
    }
  }
  return best;
}
