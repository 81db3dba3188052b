// Names in the MRZ, ICAO 9303 Part 3 §4.6 and §6 (transliteration).
// Surname and given names are separated by '<<', name parts by '<'; apostrophes are dropped,
// hyphens and spaces become fillers. A name too long for the field is truncated from the end,
// and the last character of a truncated field is alphabetic (Part 3 §4.6.4).

/** Part 3 §6 recommended transliterations that are not just "drop the accent". */
const SPECIAL: Record<string, string> = {
  Ä: 'AE', Ö: 'OE', Ü: 'UE', ß: 'SS', Å: 'AA', Æ: 'AE', Ø: 'OE', Œ: 'OE', Þ: 'TH', Đ: 'D', Ł: 'L', İ: 'I', Ħ: 'H',
};

export function transliterate(text: string): string {
  let out = '';
  for (const ch of text.toUpperCase()) {
    const special = SPECIAL[ch];
    if (special) out += special;
    else out += ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }
  return out;
}

/** One name component ("VAN DER BERG") in MRZ characters: "VAN<DER<BERG". */
export function mrzNamePart(text: string): string {
  return transliterate(text)
    .replace(/['’.,]/g, '')
    .replace(/[\s-]+/g, '<')
    .replace(/[^A-Z<]/g, '')
    .replace(/^<+|<+$/g, '');
}

export interface NameField {
  text: string;
  truncated: boolean;
}

export function buildNameField(surname: string, givenNames: string, width: number): NameField {
  const primary = mrzNamePart(surname);
  const secondary = mrzNamePart(givenNames);
  const full = secondary ? `${primary}<<${secondary}` : primary;
  if (full.length <= width) return { text: full.padEnd(width, '<'), truncated: false };
  let text = full.slice(0, width);
  // The cut fell just after a name part: shorten the part before it by one character and keep the
  // initial of the next part, so the field stays full and ends alphabetic.
  while (text.endsWith('<')) {
    const stem = text.replace(/<+$/, '');
    const fillers = text.length - stem.length;
    const next = full.slice(stem.length).replace(/^<+/, '')[0] ?? '';
    text = `${stem.slice(0, width - fillers - 1)}${'<'.repeat(fillers)}${next}`.slice(0, width);
  }
  return { text, truncated: true };
}

/** The field read back the way a reader reports it: fillers removed, parts joined by spaces. */
export function readNameField(field: string): { surname: string; givenNames: string } {
  const [primary = '', ...rest] = field.replace(/<+$/, '').split('<<');
  const secondary = rest.join('<<');
  const clean = (s: string): string => s.split('<').filter(Boolean).join(' ');
  return { surname: clean(primary), givenNames: clean(secondary) };
}
