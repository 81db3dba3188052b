import { describe, expect, it } from 'vitest';
import { MRZ_GEOMETRY, MRZ_FORMATS } from '../../../electron/contract/mrz.contract';
import { detectLayout, MRZ_LAYOUTS } from '../../../electron/mrz';
import { MRVA, MRVB, TD1, TD2, TD3 } from './mrz-specimens';

describe('MRZ layouts', () => {
  it('cover every column of every line exactly once', () => {
    for (const format of MRZ_FORMATS) {
      const layout = MRZ_LAYOUTS[format];
      for (let line = 0; line < MRZ_GEOMETRY[format].lines; line++) {
        const covered = new Array<number>(MRZ_GEOMETRY[format].chars).fill(0);
        for (const f of layout.fields.filter((s) => s.line === line)) for (let c = f.start; c < f.end; c++) covered[c]! += 1;
        expect(covered.every((n) => n === 1), `${format} line ${line}`).toBe(true);
      }
    }
  });

  it('have composite check digits only where ICAO 9303 defines them', () => {
    const composite = (f: keyof typeof MRZ_LAYOUTS) => MRZ_LAYOUTS[f].checks.find((c) => c.field === 'compositeCheckDigit')?.ranges;
    expect(composite('TD3')).toEqual([{ line: 1, start: 0, end: 10 }, { line: 1, start: 13, end: 20 }, { line: 1, start: 21, end: 43 }]);
    expect(composite('TD1')).toEqual([{ line: 0, start: 5, end: 30 }, { line: 1, start: 0, end: 7 }, { line: 1, start: 8, end: 15 }, { line: 1, start: 18, end: 29 }]);
    expect(composite('TD2')).toEqual([{ line: 1, start: 0, end: 10 }, { line: 1, start: 13, end: 20 }, { line: 1, start: 21, end: 35 }]);
    expect(composite('MRVA')).toBeUndefined();
    expect(composite('MRVB')).toBeUndefined();
    expect(MRZ_LAYOUTS.MRVA.checks.map((c) => c.field)).not.toContain('personalNumberCheckDigit');
    expect(MRZ_LAYOUTS.MRVA.fields.find((f) => f.field === 'optional1')).toMatchObject({ start: 28, end: 44 });
    expect(MRZ_LAYOUTS.MRVB.fields.find((f) => f.field === 'optional1')).toMatchObject({ start: 28, end: 36 });
  });

  it('tell passports from visas by the document code', () => {
    expect(detectLayout(TD3)?.format).toBe('TD3');
    expect(detectLayout(MRVA)?.format).toBe('MRVA');
    expect(detectLayout(TD2)?.format).toBe('TD2');
    expect(detectLayout(MRVB)?.format).toBe('MRVB');
    expect(detectLayout(TD1)?.format).toBe('TD1');
    expect(detectLayout([TD3[0]!, TD3[1]!.slice(1)])).toBeNull();
  });
});
