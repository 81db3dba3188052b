import { describe, expect, it } from 'vitest';
import { MRZ_FORMATS, MRZ_GEOMETRY } from '../../../electron/contract/mrz.contract';
import { mrzCheckDigit } from '../../../electron/specimens/check-digit';
import { generateHolder } from '../../../electron/specimens/holder-data';
import { encodeMrz } from '../../../electron/specimens/mrz-encoder';
import { buildNameField, mrzNamePart, transliterate } from '../../../electron/specimens/name-field';
import { createRng } from '../../../electron/specimens/prng';
import { designsForFormat } from '../../../electron/specimens/specimen-designs';
import { REFERENCE_DATE, toDayNumber } from '../../../electron/specimens/specimen-dates';

/** Check-digit positions per layout: [line, start, end) of the data, then [line, col] of the digit. */
const CHECKS: Record<string, [number, number, number, number, number][]> = {
  TD3: [[1, 0, 9, 1, 9], [1, 13, 19, 1, 19], [1, 21, 27, 1, 27]],
  TD2: [[1, 0, 9, 1, 9], [1, 13, 19, 1, 19], [1, 21, 27, 1, 27]],
  MRVA: [[1, 0, 9, 1, 9], [1, 13, 19, 1, 19], [1, 21, 27, 1, 27]],
  MRVB: [[1, 0, 9, 1, 9], [1, 13, 19, 1, 19], [1, 21, 27, 1, 27]],
  TD1: [[0, 5, 14, 0, 14], [1, 0, 6, 1, 6], [1, 8, 14, 1, 14]],
};

function composite(format: string, lines: string[]): { data: string; digit: string } | null {
  const [l1 = '', l2 = ''] = lines;
  if (format === 'TD3') return { data: l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 43), digit: l2[43] as string };
  if (format === 'TD2') return { data: l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 35), digit: l2[35] as string };
  if (format === 'TD1') return { data: l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29), digit: l2[29] as string };
  return null; // Part 7: visas have no composite check digit.
}

describe('MRZ check digits (ICAO 9303 Part 3 §4.9)', () => {
  it('matches the worked examples', () => {
    expect(mrzCheckDigit('L898902C3')).toBe('6');
    expect(mrzCheckDigit('740812')).toBe('2');
    expect(mrzCheckDigit('120415')).toBe('9');
    expect(mrzCheckDigit('ZE184226B<<<<<')).toBe('1');
    expect(mrzCheckDigit('L898902C3674081221204159ZE184226B<<<<<1')).toBe('0');
  });
  it('rejects characters outside the MRZ set', () => {
    expect(() => mrzCheckDigit('a')).toThrow(/not an MRZ character/);
  });
});

describe('names (Part 3 §4.6, §6)', () => {
  it('transliterates and converts separators to fillers', () => {
    expect(transliterate('MÜLLER')).toBe('MUELLER');
    expect(transliterate('STRAßBURGER')).toBe('STRASSBURGER');
    expect(mrzNamePart("O'CONNOR")).toBe('OCONNOR');
    expect(mrzNamePart('VAN DER BERG')).toBe('VAN<DER<BERG');
    expect(mrzNamePart('JEAN-BAPTISTE')).toBe('JEAN<BAPTISTE');
    expect(mrzNamePart('ØSTERGAARD')).toBe('OESTERGAARD');
  });
  it('pads short names and truncates long ones so the field ends alphabetic', () => {
    expect(buildNameField('ERIKSSON', 'ANNA MARIA', 39)).toEqual({ text: 'ERIKSSON<<ANNA<MARIA'.padEnd(39, '<'), truncated: false });
    const long = buildNameField('WOLFESCHLEGELSTEINHAUSEN', 'MARIE-CHRISTINE ANNELIESE KATHARINA', 30);
    expect(long.truncated).toBe(true);
    expect(long.text).toHaveLength(30);
    expect(long.text.startsWith('WOLFESCHLEGELSTEINHAUSEN<<')).toBe(true);
    expect(long.text).toMatch(/[A-Z]$/);
    // A cut that would end on a filler keeps the next initial instead.
    const edge = buildNameField('ABCDEFGH', 'IJ KLM', 11);
    expect(edge.text).toHaveLength(11);
    expect(edge.text).toMatch(/[A-Z]$/);
  });
});

describe('encodeMrz', () => {
  for (const format of MRZ_FORMATS) {
    it(`${format}: 300 seeded documents have well-formed lines and valid check digits`, () => {
      const design = designsForFormat(format)[0];
      if (!design) throw new Error('no design');
      const rng = createRng(1234);
      for (let i = 0; i < 300; i++) {
        const data = generateHolder(rng, format, design.documentCodes);
        const { lines, fields } = encodeMrz(format, data);
        const { lines: n, chars } = MRZ_GEOMETRY[format];
        expect(lines).toHaveLength(n);
        for (const line of lines) expect(line).toMatch(new RegExp(`^[A-Z0-9<]{${chars}}$`));
        for (const [line, start, end, dl, dc] of CHECKS[format] ?? []) {
          expect((lines[dl] as string)[dc], `${format} ${lines.join('/')} [${line}:${start}-${end}]`).toBe(mrzCheckDigit((lines[line] as string).slice(start, end)));
        }
        const comp = composite(format, lines);
        if (comp) expect(comp.digit).toBe(mrzCheckDigit(comp.data));
        if (format === 'TD3') {
          const optional = (lines[1] as string).slice(28, 42);
          const digit = (lines[1] as string)[42];
          expect(digit).toBe(/^<+$/.test(optional) ? '<' : mrzCheckDigit(optional));
        }
        expect(fields.birthDate).toMatch(/^\d{6}$/);
        expect(['M', 'F', '<']).toContain(fields.sex);
        expect(fields.issuingState).not.toBe('XXX');
        expect(lines.join('')).toContain(fields.documentNumber as string);
      }
    });
  }

  it('keeps dates consistent: birth ≥ 1930, issue after birth, validity 5/10 years or a visa period', () => {
    const rng = createRng(99);
    let expired = 0;
    for (let i = 0; i < 500; i++) {
      const format = MRZ_FORMATS[i % MRZ_FORMATS.length] as (typeof MRZ_FORMATS)[number];
      const data = generateHolder(rng, format, ['P<']);
      const birth = toDayNumber(data.birth);
      const issue = toDayNumber(data.issue);
      const expiry = toDayNumber(data.expiry);
      expect(data.birth.y).toBeGreaterThanOrEqual(1930);
      expect(issue).toBeGreaterThan(birth);
      expect(issue).toBeLessThanOrEqual(toDayNumber(REFERENCE_DATE));
      expect(expiry).toBeGreaterThan(issue);
      const years = (expiry - issue) / 365.25;
      if (format === 'MRVA' || format === 'MRVB') expect(years).toBeLessThanOrEqual(1.01);
      else expect([5, 10]).toContain(Math.round(years));
      if (expiry < toDayNumber(REFERENCE_DATE) && format !== 'MRVA' && format !== 'MRVB') expired++;
    }
    // 300 passports and cards, about 12 % of them drawn expired.
    expect(expired).toBeGreaterThan(15);
    expect(expired).toBeLessThan(75);
  });

  it('writes Germany as D<< (Part 3 §5)', () => {
    const data = generateHolder(createRng(1), 'TD3', ['P<']);
    const german = { ...data, issuer: { ...data.issuer, code: 'D' }, nationality: { ...data.nationality, code: 'D' } };
    const { lines } = encodeMrz('TD3', german);
    expect((lines[0] as string).slice(2, 5)).toBe('D<<');
    expect((lines[1] as string).slice(10, 13)).toBe('D<<');
  });
});
