import { describe, expect, it } from 'vitest';
import { MrzReadingSchema } from '../../../electron/contract/mrz.contract';
import { LoupeError } from '../../../electron/common/loupe-error';
import { readMrzText } from '../../../electron/mrz';
import { BEFORE_EXPIRY, MRVA, MRVB, replaceAt, TD1, TD2, TD3 } from './mrz-specimens';

const read = (lines: string[], now = BEFORE_EXPIRY) => readMrzText(lines, { source: 'text', now });
const codes = (r: ReturnType<typeof read>) => r.findings.map((f) => f.code);
/** `text` written over `s` from column `i` (the check digits are not recomputed: dates are read all the same). */
const put = (s: string, i: number, text: string) => s.slice(0, i) + text + s.slice(i + text.length);

describe('readMrzText on the ICAO 9303 worked examples', () => {
  it('reads the Part 4 TD3 specimen', () => {
    const r = read(TD3);
    expect(MrzReadingSchema.parse(r)).toEqual(r);
    expect(r).toMatchObject({ format: 'TD3', valid: true, repaired: false, corrections: [] });
    expect(r.fields).toMatchObject({
      documentCode: 'P', issuingState: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'L898902C3',
      nationality: 'UTO', birthDate: '740812', sex: 'F', expiryDate: '120415', personalNumber: 'ZE184226B',
      documentNumberCheckDigit: '6', birthDateCheckDigit: '2', expiryDateCheckDigit: '9', personalNumberCheckDigit: '1', compositeCheckDigit: '0',
    });
    expect(r.details.find((d) => d.field === 'givenNames')).toMatchObject({ line: 0, start: 15, end: 25 });
    expect(r.details.find((d) => d.field === 'personalNumber')).toMatchObject({ line: 1, start: 28, end: 42 });
    expect(codes(r)).toContain('specimen-state'); // UTO is known, flagged as a specimen
  });

  it('reads the Part 5 TD1 specimen', () => {
    const r = read(TD1);
    expect(r).toMatchObject({ format: 'TD1', valid: true });
    expect(r.fields).toMatchObject({ documentNumber: 'D23145890', compositeCheckDigit: '6', surname: 'ERIKSSON', nationality: 'UTO' });
    expect(r.details.find((d) => d.field === 'surname')).toMatchObject({ line: 2, start: 0, end: 8 });
  });

  it('reads the Part 6 TD2 specimen', () => {
    const r = read(TD2);
    expect(r).toMatchObject({ format: 'TD2', valid: true });
    expect(r.fields).toMatchObject({ documentNumber: 'D23145890', birthDate: '740812', compositeCheckDigit: '6' });
  });

  it('reads the Part 7 MRV-A and MRV-B specimens (no composite check digit)', () => {
    const a = read(MRVA);
    expect(a).toMatchObject({ format: 'MRVA', valid: true });
    expect(a.fields).toMatchObject({ documentCode: 'V', documentNumber: 'L8988901C', nationality: 'XXX', birthDate: '400907', optional1: '6ZE184226B' });
    expect(a.fields.compositeCheckDigit).toBeUndefined();
    const b = read(MRVB);
    expect(b).toMatchObject({ format: 'MRVB', valid: true });
    expect(b.fields).toMatchObject({ documentNumber: 'L8988901C', expiryDate: '961210', optional1: '' });
  });

  it('gives the date fields their dates, the century inferred as the checks infer it, and none to a date that does not exist', () => {
    const r = read(TD3, new Date('2026-01-01T00:00:00Z'));
    expect(r.details.find((d) => d.field === 'birthDate')).toMatchObject({ value: '740812', date: '1974-08-12' });
    expect(r.details.find((d) => d.field === 'expiryDate')).toMatchObject({ value: '120415', date: '2012-04-15' });
    expect(r.details.find((d) => d.field === 'documentNumber')?.date).toBeUndefined();
    // A birth date in the past (1956, not 2056); an expiry within 50 years either side (2056).
    const born56 = read([TD3[0]!, put(TD3[1]!, 13, '560305')]);
    expect(born56.details.find((d) => d.field === 'birthDate')?.date).toBe('1956-03-05');
    const future = readMrzText([TD3[0]!, put(TD3[1]!, 21, '560415')], { source: 'text', now: new Date('2026-01-01T00:00:00Z') });
    expect(future.details.find((d) => d.field === 'expiryDate')?.date).toBe('2056-04-15');
    const impossible = read([TD3[0]!, put(TD3[1]!, 13, '741312')]);
    expect(impossible.details.find((d) => d.field === 'birthDate')?.date).toBeUndefined();
  });

  it('warns (without invalidating) when the document has expired', () => {
    const r = read(TD3, new Date('2020-06-01T00:00:00Z'));
    expect(r.valid).toBe(true);
    expect(r.findings.find((f) => f.code === 'expired')).toMatchObject({ severity: 'warn', field: 'expiryDate' });
  });
});

describe('check digits of every format', () => {
  const cases: [string, string[], number, number, string][] = [
    ['TD3 document number', TD3, 1, 9, 'documentNumberCheckDigit'],
    ['TD3 date of birth', TD3, 1, 19, 'birthDateCheckDigit'],
    ['TD3 date of expiry', TD3, 1, 27, 'expiryDateCheckDigit'],
    ['TD3 personal number', TD3, 1, 42, 'personalNumberCheckDigit'],
    ['TD3 composite', TD3, 1, 43, 'compositeCheckDigit'],
    ['TD1 document number', TD1, 0, 14, 'documentNumberCheckDigit'],
    ['TD1 date of birth', TD1, 1, 6, 'birthDateCheckDigit'],
    ['TD1 date of expiry', TD1, 1, 14, 'expiryDateCheckDigit'],
    ['TD1 composite', TD1, 1, 29, 'compositeCheckDigit'],
    ['TD2 document number', TD2, 1, 9, 'documentNumberCheckDigit'],
    ['TD2 composite', TD2, 1, 35, 'compositeCheckDigit'],
    ['MRV-A date of expiry', MRVA, 1, 27, 'expiryDateCheckDigit'],
    ['MRV-B document number', MRVB, 1, 9, 'documentNumberCheckDigit'],
  ];
  it.each(cases)('%s: a wrong digit is a finding at its exact column', (_name, lines, line, column, field) => {
    const wrong = String((Number(lines[line]![column]) + 3) % 10);
    const bad = lines.map((l, i) => (i === line ? replaceAt(l, column, wrong) : l));
    const r = read(bad);
    expect(r.valid).toBe(false);
    expect(r.findings).toContainEqual(expect.objectContaining({ code: 'check-digit', field, line, start: column, end: column + 1 }));
    expect(r.corrections).toEqual([]); // typed text is never repaired by default
  });

  it('TD1 composite covers the optional data; MRV optional data is unprotected', () => {
    const td1 = read([replaceAt(TD1[0]!, 20, 'X'), TD1[1]!, TD1[2]!]);
    expect(td1.findings.filter((f) => f.code === 'check-digit').map((f) => f.field)).toEqual(['compositeCheckDigit']);
    const mrva = read([MRVA[0]!, replaceAt(MRVA[1]!, 40, 'X')]);
    expect(mrva.valid).toBe(true);
  });

  it('accepts < as the check digit of an unused TD3 personal number', () => {
    const line2 = 'L898902C36UTO7408122F1204159<<<<<<<<<<<<<<<';
    // composite over L898902C36 7408122 1204159 + 15 fillers
    const r = read([TD3[0]!, line2.slice(0, 43) + String(compositeOf(line2))]);
    expect(r.findings.filter((f) => f.code === 'check-digit')).toEqual([]);
  });
});

function compositeOf(line2: string): number {
  const data = line2.slice(0, 10) + line2.slice(13, 20) + line2.slice(21, 43);
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const ch = data[i]!;
    const v = ch === '<' ? 0 : ch >= 'A' ? ch.charCodeAt(0) - 55 : Number(ch);
    sum += v * [7, 3, 1][i % 3]!;
  }
  return sum % 10;
}

describe('field validation', () => {
  it('reports unknown states, bad sex, impossible dates and date order', () => {
    expect(codes(read([replaceAt(TD3[0]!, 2, 'Q'), TD3[1]!]))).toContain('unknown-state');
    expect(codes(read([TD3[0]!, replaceAt(TD3[1]!, 20, 'Q')]))).toContain('sex');
    expect(read([TD3[0]!, replaceAt(TD3[1]!, 20, 'X')]).findings.some((f) => f.code === 'sex')).toBe(false);
    // Month 13 and 30 February (check digits then fail too, which is expected).
    expect(codes(read([TD3[0]!, TD3[1]!.replace('740812', '741312')]))).toContain('impossible-date');
    expect(codes(read([TD3[0]!, TD3[1]!.replace('740812', '740230')]))).toContain('impossible-date');
    // Expiry (2012) before birth (2013 → inferred 2013 when now is 2020).
    const order = read([TD3[0]!, TD3[1]!.replace('740812', '130812')], new Date('2020-01-01T00:00:00Z'));
    expect(codes(order)).toContain('date-order');
  });

  it('reports junk after the end of a name and illegal characters', () => {
    const junk = read([TD3[0]!.replace('MARIA<<<<<', 'MARIA<<<XQ'), TD3[1]!]);
    expect(junk.findings.find((f) => f.code === 'filler-misuse')).toMatchObject({ severity: 'fail', line: 0, start: 28, end: 30 });
    const illegal = read([TD3[0]!, replaceAt(TD3[1]!, 30, '#')]);
    expect(illegal.findings.find((f) => f.code === 'illegal-character')).toMatchObject({ line: 1, start: 30, end: 31 });
    expect(illegal.valid).toBe(false);
  });

  it('normalises case, spaces and angle quotes, recording each change', () => {
    const r = read([` ${TD3[0]!.toLowerCase().replace('<<anna', '‹‹ anna')} `, TD3[1]!]);
    expect(r.valid).toBe(true);
    expect(r.lines).toEqual(TD3);
    expect(r.corrections.some((c) => c.reason === 'space removed' && c.read === ' ')).toBe(true);
    expect(r.corrections.filter((c) => c.read === '‹')).toHaveLength(2);
    expect(r.repaired).toBe(true);
  });
});

describe('malformed input', () => {
  it.each([
    ['empty', []],
    ['blank lines', ['', '   ']],
    ['one line', [TD3[0]!]],
    ['four lines', [...TD1, TD1[0]!]],
    ['wrong length', [TD3[0]!, TD3[1]!.slice(0, 40)]],
    ['mixed lengths', [TD3[0]!, TD2[1]!]],
  ])('%s → unknown-layout finding, no crash', (_name, lines) => {
    const r = read(lines as string[]);
    expect(r).toMatchObject({ format: null, valid: false });
    expect(r.findings[0]).toMatchObject({ code: 'unknown-layout', severity: 'fail' });
    expect(r.findings[0]!.message).toMatch(/expected TD1 3×30/);
  });

  it('throws only on input of the wrong type', () => {
    expect(() => readMrzText('P<UTO' as unknown as string[], { source: 'text' })).toThrow(LoupeError);
    expect(() => readMrzText([1, 2] as unknown as string[], { source: 'text' })).toThrow(LoupeError);
  });
});
