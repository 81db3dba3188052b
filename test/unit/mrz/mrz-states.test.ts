import { describe, expect, it } from 'vitest';
import { ICAO_STATES, SPECIMEN_STATE_CODES } from '../../../electron/mrz/icao-states.data';
import { isKnownStateCode, stateName } from '../../../electron/mrz/mrz-states';

describe('issuing states', () => {
  it('knows every state whose printed names it holds, as a real (non-specimen) state', () => {
    for (const state of ICAO_STATES) {
      // As the MRZ writes it: padded with '<' to three characters (ICAO 9303 Part 3 §5).
      const field = state.code.padEnd(3, '<');
      expect(isKnownStateCode(field), field).toBe(true);
      expect(SPECIMEN_STATE_CODES.has(state.code), state.code).toBe(false);
    }
  });

  it('holds each state once, with one printed nationality per state', () => {
    const codes = ICAO_STATES.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    const nationalities = ICAO_STATES.map((s) => s.nationality);
    expect(new Set(nationalities).size).toBe(nationalities.length);
  });

  it('adds the ICAO specimen state to the ISO list and flags it', () => {
    expect(stateName('UTO')).toBe('Utopia (ICAO specimen)');
    expect(stateName('D<<')).toBe('Germany');
    expect(isKnownStateCode('ZZZ')).toBe(false);
    expect(SPECIMEN_STATE_CODES.has('UTO')).toBe(true);
  });
});
