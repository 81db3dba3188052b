// Real MRZ formats beyond the five ICAO layouts, and agreement with a peer parser (the `mrz` package)
// on the validity of every example its own test suite uses. The ICAO specimen state UTO is the one
// deliberate difference: Loupe accepts it with an 'specimen-state' finding, the peer rejects it.
import { parse } from 'mrz';
import { describe, expect, it } from 'vitest';
import { readMrzText } from '../../../electron/mrz';

const EXAMPLES: { name: string; lines: string[] }[] = [
  { name: 'TD1, Swiss identity card', lines: ['IDCHEA1234567<6<<<<<<<<<<<<<<<', '7510256M2009018CHE<<<<<<<<<<<8', 'SMITH<<JOHN<ALBERT<<<<<<<<<<<<'] },
  { name: 'TD1, ICAO example (UTO)', lines: ['I<UTOD231458907ABC<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<1', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'] },
  { name: 'TD1, document number continued in the optional data', lines: ['I<UTOD23145890<1240<XYZ<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<8', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'] },
  { name: 'TD1, empty primary identifier', lines: ['I<CHED231458907ABC<<<<<<<<<<<<', '7408122F1204159CHE<<<<<<<<<<<1', '<<ANNA<MARIA<<<<<<<<<<<<<<<<<<'] },
  { name: 'TD3, empty primary identifier', lines: ['P<IND<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<<<<<<<<<', 'L898902C36IND7408122F1204159ZE184226B<<<<<10'] },
  { name: 'French national identity card', lines: ['IDFRATEST<NAME<<<<<<<<<<<<<<<<0CHE02', '1710GVA123451ROBERTA<<<<<<<9112311F2'] },
  { name: 'Swiss driving licence', lines: ['AAA001D<<', 'FACHE305142128097<<800126<<<<<', 'MARCHAND<<FABIENNE<<<<<<<<<<<<'] },
];

const STATE_FIELDS = new Set(['issuingState', 'nationality']);

describe('MRZ formats: agreement with the peer parser', () => {
  for (const ex of EXAMPLES) {
    it(ex.name, () => {
      const ours = readMrzText(ex.lines, { source: 'text', now: new Date('2026-01-01T00:00:00Z') });
      const peer = parse(ex.lines);
      const usesUto = ex.lines.some((l) => l.includes('UTO'));
      const peerValid = usesUto ? peer.details.every((d) => d.valid || STATE_FIELDS.has(d.field ?? '')) : peer.valid;
      expect(ours.format).not.toBeNull();
      expect(ours.valid, JSON.stringify(ours.findings)).toBe(peerValid);
      expect(peerValid).toBe(true);
      if (usesUto) expect(ours.findings.map((f) => f.code)).toContain('specimen-state');
    });
  }

  it('reads the long document number whole, with its check digit in the optional data', () => {
    const r = readMrzText(EXAMPLES[2]!.lines, { source: 'text' });
    expect(r.fields.documentNumber).toBe('D23145890124');
    // A wrong digit in the continuation is caught by the continued check digit.
    const bad = readMrzText(['I<UTOD23145890<1250<XYZ<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<8', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'], { source: 'text' });
    expect(bad.valid).toBe(false);
  });

  it('tells the French identity card from TD2 and checks its card number and composite digit', () => {
    const r = readMrzText(EXAMPLES[5]!.lines, { source: 'text' });
    expect(r.format).toBe('FRA_ID');
    expect(r.fields.surname).toBe('TEST NAME');
    expect(r.fields.givenNames).toBe('ROBERTA');
    const bad = readMrzText(['IDFRATEST<NAME<<<<<<<<<<<<<<<<0CHE02', '1710GVA123461ROBERTA<<<<<<<9112311F2'], { source: 'text' });
    expect(bad.valid).toBe(false);
    expect(bad.findings.filter((f) => f.code === 'check-digit').map((f) => f.field)).toEqual(expect.arrayContaining(['documentNumberCheckDigit', 'compositeCheckDigit']));
    expect(parse(['IDFRATEST<NAME<<<<<<<<<<<<<<<<0CHE02', '1710GVA123461ROBERTA<<<<<<<9112311F2']).valid).toBe(false);
  });

  it('reads the Swiss driving licence and refuses a letter in its PIN code', () => {
    const r = readMrzText(EXAMPLES[6]!.lines, { source: 'text' });
    expect(r.format).toBe('CHE_DL');
    expect(r.fields.birthDate).toBe('800126');
    const bad = readMrzText(['AAA001D<<', 'FACHE3051421A8097<<800126<<<<<', 'MARCHAND<<FABIENNE<<<<<<<<<<<<'], { source: 'text' });
    expect(bad.valid).toBe(false);
  });

  it('still refuses a name that starts with a single filler', () => {
    const r = readMrzText(['P<IND<ANNA<MARIA<<<<<<<<<<<<<<<<<<<<<<<<<<<<', 'L898902C36IND7408122F1204159ZE184226B<<<<<10'], { source: 'text' });
    expect(r.valid).toBe(false);
  });
});
