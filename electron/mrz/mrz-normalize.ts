// Input normalisation before layout detection: upper case, no spaces, angle-quote look-alikes
// turned into the filler '<'. Every change is recorded: nothing is altered silently.
import type { MrzCorrection } from '../contract/mrz.contract';
import { MRZ_GEOMETRY, MRZ_NATIONAL_WIDTHS } from '../contract/mrz.contract';

export interface NormalizedInput {
  lines: string[];
  corrections: MrzCorrection[];
  /** For each output line: the input line it came from, and the input column of each output column. */
  origin: { line: number; columns: number[] }[];
}

const WIDTHS = new Set([...Object.values(MRZ_GEOMETRY).map((g) => g.chars), ...Object.values(MRZ_NATIONAL_WIDTHS).flat()]);
/** Single-angle glyphs are always meant as the filler. */
const ALWAYS_FILLER = new Set(['‹', '〈', '＜', '⟨']);

/** Splits on line breaks, drops blank lines, normalises characters. `rawLines` must be strings. */
export function normalizeMrzLines(rawLines: readonly string[]): NormalizedInput {
  const out: NormalizedInput = { lines: [], corrections: [], origin: [] };
  const split = rawLines.flatMap((l) => l.split(/\r\n|\r|\n/));
  split.forEach((raw, rawIndex) => {
    // Surrounding whitespace is layout, not content: trimmed without a correction.
    const trimmed = raw.trim();
    if (trimmed === '') return;
    const lead = raw.length - raw.trimStart().length;
    const lineIndex = out.lines.length;
    const doubleGuillemet = guillemetMeansTwo(trimmed);
    let text = '';
    const columns: number[] = [];
    const fix = (read: string, corrected: string, reason: string): void => {
      out.corrections.push({ line: lineIndex, column: text.length, read, corrected, reason });
    };
    for (let i = 0; i < trimmed.length; i++) {
      const ch = trimmed[i] as string;
      const push = (s: string): void => {
        for (const c of s) {
          text += c;
          columns.push(i + lead);
        }
      };
      if (/\s/.test(ch)) {
        fix(ch, '', 'space removed');
      } else if (ch === '«') {
        const corrected = doubleGuillemet ? '<<' : '<';
        fix(ch, corrected, `'«' read as ${doubleGuillemet ? 'two fillers (line length then fits)' : 'a filler'}`);
        push(corrected);
      } else if (ALWAYS_FILLER.has(ch)) {
        fix(ch, '<', 'angle bracket look-alike read as the filler');
        push('<');
      } else if (ch === '(' && (trimmed[i - 1] === '<' || trimmed[i + 1] === '<')) {
        // '(' could be a 'C' or a '<'; next to a filler only '<' makes sense.
        fix(ch, '<', "'(' inside a filler run read as the filler");
        push('<');
      } else if (ch !== ch.toUpperCase() && ch.toUpperCase().length === 1) {
        fix(ch, ch.toUpperCase(), 'lower case');
        push(ch.toUpperCase());
      } else {
        push(ch);
      }
    }
    out.lines.push(text);
    out.origin.push({ line: rawIndex, columns });
  });
  return out;
}

/** '«' stands for two fillers when counting it twice (and only then) gives a valid MRZ width. */
function guillemetMeansTwo(line: string): boolean {
  const count = [...line].filter((c) => c === '«').length;
  if (count === 0) return false;
  const base = line.replace(/\s/g, '').length;
  return !WIDTHS.has(base) && WIDTHS.has(base + count);
}
