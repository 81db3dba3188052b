// Screening of modus-operandi notes before they enter a trend record. Refuses text that holds any
// personal value of the examination (names, document number, date of birth in any common format,
// personal number, MRZ) or anything shaped like an MRZ run or a document number. The result names
// the class of value found, never the value, so it can be shown and logged safely.
import type { PersonalValue, PersonalValueClass } from './personal-values';

export type ScreeningFinding = PersonalValueClass | 'mrz-like' | 'document-number-like' | 'date-like';

export type ScreeningResult = { ok: true; text: string | null } | { ok: false; found: ScreeningFinding[] };

/** Upper case, letters and digits only: "L 898-902.c3" and "L898902C3" compare equal. */
function squash(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/** The spellings of a YYMMDD date of birth a person might type. */
export function dateSpellings(yymmdd: string): string[] {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  if (!m) return [yymmdd];
  const [, yy, mm, dd] = m as unknown as [string, string, string, string];
  const out = new Set<string>([`${yy}${mm}${dd}`]);
  for (const century of ['19', '20']) {
    const yyyy = `${century}${yy}`;
    for (const d of [dd, String(Number(dd))]) {
      for (const mo of [mm, String(Number(mm))]) {
        out.add(`${yyyy}${mo}${d}`); // ISO without separators, 1974-08-12 squashed
        out.add(`${d}${mo}${yyyy}`); // 12.08.1974, 12/08/1974
        out.add(`${mo}${d}${yyyy}`); // 08/12/1974
        out.add(`${d}${mo}${yy}`); // 12.08.74
      }
    }
  }
  return [...out];
}

const MRZ_RUN = /[A-Z0-9<]{8,}/g;
// A token mixing letters and digits, 6–20 long (most document numbers), or a pure 8–20 digit run.
const DOC_NUMBER = /\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,20}\b|\b\d{8,20}\b/;
const DATE = /\b\d{1,2}[./-]\d{1,2}[./-](\d{2}|\d{4})\b|\b\d{4}-\d{2}-\d{2}\b/;

export function screenNotes(notes: string | null | undefined, personal: readonly PersonalValue[]): ScreeningResult {
  const text = notes?.trim() ?? '';
  if (!text) return { ok: true, text: null };
  const found = new Set<ScreeningFinding>();
  const squashed = squash(text);
  const upper = text.toUpperCase();
  // Word-level comparison for names (a 3-letter surname inside another word is not a hit).
  const words = new Set(upper.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^A-Z0-9]+/).filter(Boolean));
  for (const p of personal) {
    const value = squash(p.value);
    if (value.length < 2) continue;
    if (p.kind === 'name') {
      const parts = p.value.toUpperCase().split(/\s+/).filter(Boolean);
      if ((parts.length === 1 && words.has(value)) || (parts.length > 1 && squashed.includes(value))) found.add('name');
    } else if (p.kind === 'birth-date') {
      if (dateSpellings(value).some((s) => squashed.includes(s))) found.add('birth-date');
    } else if (value.length >= 4 && squashed.includes(value)) found.add(p.kind);
  }
  for (const run of upper.match(MRZ_RUN) ?? []) if (run.includes('<')) found.add('mrz-like');
  if (DOC_NUMBER.test(upper)) found.add('document-number-like');
  if (DATE.test(text)) found.add('date-like');
  return found.size === 0 ? { ok: true, text } : { ok: false, found: [...found] };
}
