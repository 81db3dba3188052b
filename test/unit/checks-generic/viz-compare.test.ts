import { describe, expect, it } from 'vitest';
import { bestOccurrence, editDistance, mrzSpellings, namesAgree, vizDates } from '../../../electron/checks/generic/viz-compare';
import { compareZoneField } from '../../../electron/checks/generic/viz-field-compare';

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
    expect(compareZoneField('documentNumber', 'C5HHCYP1L', 'X7QQ2M4K9').verdict).toBe('mismatch');
    expect(compareZoneField('sex', '<', 'X').verdict).toBe('match');
    expect(compareZoneField('sex', 'F', 'M').verdict).toBe('mismatch');
    expect(compareZoneField('nationality', 'NLD', 'NEDERLANDSE').verdict).toBe('match');
    expect(compareZoneField('nationality', 'NLD', 'BRITISH CITIZEN').verdict).toBe('mismatch');
  });
});
