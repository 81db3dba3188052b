// Who may call each channel is declared in the contract, next to its schemas, and checked by the
// dispatcher on the raw request, before validation.
import { describe, expect, it } from 'vitest';
import { api, channels } from '../../../electron/contract/api.contract';
import { needsOfficer } from '../../../electron/contract/channel';

describe('channel access', () => {
  it('is declared for every channel, and every channel is named domain:verb', () => {
    for (const channel of channels) {
      expect(channel).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
      const access = api[channel].access;
      expect(access === 'anyone' || access === 'officer' || (typeof access === 'object' && typeof access.officerWhen === 'string'), channel).toBe(true);
    }
    // Whatever changes the station's records is recorded under an officer.
    for (const channel of ['examination:scan', 'examination:decide', 'examination:review', 'reference:save', 'reference:retire', 'face:analyse', 'trends:record', 'trends:import', 'trends:trustAdd'] as const) {
      expect(api[channel].access, channel).toBe('officer');
    }
  });

  it('asks for an officer on the raw request, before validation', () => {
    expect(needsOfficer(api['examination:scan'].access, {})).toBe(true);
    expect(needsOfficer(api['examination:scan'].access, 'not even an object')).toBe(true);
    expect(needsOfficer(api['session:signIn'].access, { name: '' })).toBe(false);
    const settings = api['face:settings'].access;
    expect(needsOfficer(settings, {})).toBe(false);
    expect(needsOfficer(settings, { threshold: null })).toBe(false);
    expect(needsOfficer(settings, { threshold: 'garbage' })).toBe(true);
    expect(needsOfficer(settings, null)).toBe(false);
  });
});
