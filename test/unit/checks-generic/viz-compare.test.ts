import { describe, expect, it } from 'vitest';
import { bestOccurrence, editDistance, mrzSpellings, namesAgree, vizDates } from '../../../electron/checks/generic/viz-compare';
import { codeDifference, confusable } from '../../../electron/checks/generic/viz-confusion';
import { compareDocumentNumber, compareZoneField } from '../../../electron/checks/generic/viz-field-compare';

describe('VIZ ↔ MRZ value comparison', () => {
  it('transliterates national spellings as the MRZ does (Part 3 §6)', () => {
    expect(mrzSpellings('TOMÁŠ')).toContain('TOMAS');
    expect(mrzSpellings('MÜLLER')).toEqual(expect.arrayContaining(['MUELLER', 'MULLER']));
    expect(namesAgree('TOMÁŠ', 'TOMAS')).toBe(true);
    expect(namesAgree('MÜLLER', 'MUELLER')).toBe(true);
  });
  it('tolerates one OCR edit on long names only', () => {
    expect(namesAgree('SHEVCHENK0', 'SHEVCHENKO')).toBe(true);
    expect(namesAgree('NAGI', 'NAGY')).toBe(false);
    expect(editDistance('KITTEN', 'SITTING')).toBe(3);
  });
  it('parses DD MMM YYYY dates to YYMMDD, with digit look-alikes', () => {
    expect(vizDates('Date of birth 05 MAR 1956')).toEqual([{ yymmdd: '560305', raw: '05 MAR 1956' }]);
    expect(vizDates('O3 FEB 197I')[0]!.yymmdd).toBe('710203');
    expect(vizDates('no date here')).toEqual([]);
  });
  it('finds a value inside noisy text', () => {
    expect(bestOccurrence('Surname / Nom\nSHEVCHENKO', 'SHEVCHENKO').distance).toBe(0);
  });
  it('field verdicts: match, mismatch on a clear difference, unread otherwise', () => {
    expect(compareZoneField('birthDate', '560305', '05 MAR 1956').verdict).toBe('match');
    expect(compareZoneField('birthDate', '560305', '05 MAR 1965').verdict).toBe('mismatch');
    expect(compareZoneField('birthDate', '560305', '').verdict).toBe('unread');
    expect(compareZoneField('surname', 'NAGY', 'KOVACS').verdict).toBe('mismatch');
    expect(compareZoneField('documentNumber', 'C5HHCYP1L', 'C5HHCYPIL').verdict).toBe('match');
    // Most characters different: a wrong crop or noise, not a one- or two-character alteration.
    expect(compareZoneField('documentNumber', 'C5HHCYP1L', 'X7QQ2M4K9').verdict).toBe('doubtful');
    expect(compareZoneField('documentNumber', 'C5HHCYP1L', 'C5HHCYP7K').verdict).toBe('mismatch');
    expect(compareZoneField('sex', '<', 'X').verdict).toBe('match');
    expect(compareZoneField('sex', 'F', 'M').verdict).toBe('doubtful');
    expect(compareZoneField('nationality', 'NLD', 'NEDERLANDSE').verdict).toBe('match');
    expect(compareZoneField('nationality', 'NLD', 'BRITISH CITIZEN').verdict).toBe('mismatch');
  });

  it('look-alike glyphs cost nothing in code comparisons', () => {
    expect(confusable('T', '1')).toBe(true);
    expect(confusable('3', '9')).toBe(false);
    expect(codeDifference('172924753', 'T72924T53')).toEqual({ distance: 0, hardSubstitutions: 0, indels: 0 });
    expect(codeDifference('T48W37966', 'T48W37366').hardSubstitutions).toBe(1);
  });
  it('document number: a mismatch needs every reading to show a clean, non-look-alike difference', () => {
    // Genuine number misread as 1/T, 6/G in one reading: not a finding.
    expect(compareDocumentNumber('T72924T53', [['172624153'], ['172924753']]).verdict).toBe('match');
    // Altered number (F414NX3H7 → F474NX5H7) read the same twice.
    expect(compareDocumentNumber('F414NX3H7', [['F474NX5H7'], ['F474NX5H7']]).verdict).toBe('mismatch');
    // Only one reading differs cleanly: a warning, not a failure.
    expect(compareDocumentNumber('T48W37366', [['T48W37966'], ['TA8W3796']]).verdict).toBe('doubtful');
    expect(compareDocumentNumber('T48W37366', [[], []]).verdict).toBe('unread');
  });
  it('names: label words and noise are ignored, truncation agrees, another surname fails', () => {
    expect(compareZoneField('givenNames', 'LUKAS BENCE CHRIS', 'Given names / Prenoms LUKAS BENCE CHRISTOPHER').verdict).toBe('match');
    expect(compareZoneField('surname', 'STRASSBURGER', 'STRARBURGER').verdict).not.toBe('mismatch');
    expect(compareZoneField('surname', 'SOMCHAI', 'in NR ea Ham Ts A Sa').verdict).not.toBe('mismatch');
    expect(compareZoneField('surname', 'NKOSI', 'WOLFESCHLEGELSTEINHAUSEN').verdict).toBe('mismatch');
    expect(compareZoneField('givenNames', 'AINO', 'ANOS').verdict).not.toBe('mismatch');
  });
});
