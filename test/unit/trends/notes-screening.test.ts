import { describe, expect, it } from 'vitest';
import { dateSpellings, screenNotes } from '../../../electron/trends/notes-screening';
import type { PersonalValue } from '../../../electron/trends/personal-values';

const personal: PersonalValue[] = [
  { kind: 'name', value: 'ERIKSSON' },
  { kind: 'name', value: 'ANNA MARIA' },
  { kind: 'name', value: 'ANNA' },
  { kind: 'document-number', value: 'L898902C3' },
  { kind: 'birth-date', value: '740812' },
  { kind: 'personal-number', value: 'ZE184226B' },
  { kind: 'mrz', value: 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<' },
];

describe('screening of modus-operandi notes', () => {
  it('lets plain descriptions of the method through', () => {
    expect(screenNotes('Laminate lifted at the photo corner; UV emblem missing on the data page.', personal)).toEqual({
      ok: true,
      text: 'Laminate lifted at the photo corner; UV emblem missing on the data page.',
    });
    expect(screenNotes('   ', personal)).toEqual({ ok: true, text: null });
  });

  it.each([
    ['holder surname, any case and accents', 'bearer eriksson travelled with a friend', 'name'],
    ['given names', 'Anna Maria presented it', 'name'],
    ['document number with separators', 'number L 898-902-C3 was altered', 'document-number'],
    ['birth date as DD.MM.YYYY', 'born 12.08.1974', 'birth-date'],
    ['birth date as ISO', 'dob 1974-08-12', 'birth-date'],
    ['birth date as YYMMDD', 'field shows 740812', 'birth-date'],
    ['personal number', 'personal no ZE184226B', 'personal-number'],
    ['an MRZ run', 'line read P<UTOERIKSSON<<ANNA', 'mrz-like'],
    ['a generic document number', 'another book AB1234567 seen last week', 'document-number-like'],
  ])('refuses %s and names the class, not the value', (_what, text, kind) => {
    const r = screenNotes(text, personal);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.found).toContain(kind);
      expect(JSON.stringify(r)).not.toMatch(/ERIKSSON|L898902C3|740812|ZE184226B/i);
    }
  });

  it('does not refuse a name that is only part of another word', () => {
    expect(screenNotes('Lamination of the annotated page', [{ kind: 'name', value: 'ANNA' }]).ok).toBe(true);
  });

  it('spells a YYMMDD date the ways people write it', () => {
    expect(dateSpellings('740812')).toEqual(expect.arrayContaining(['19740812', '12081974', '120874', '1281974']));
  });
});
