// The table of who may call each channel, against the handlers it describes: every handler that calls
// signedIn() is declared `officer` (or `officerWhen` when the call is conditional), every other one `anyone`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { channels } from '../../../electron/contract/api.contract';
import { channelAccess, needsOfficer } from '../../../electron/services/channel-access';

/** Each handler's source text in create-services.ts, by channel. */
function handlerSources(): Map<string, string> {
  const source = readFileSync(new URL('../../../electron/services/create-services.ts', import.meta.url), 'utf8');
  const start = source.indexOf('const handlers: Handlers = {');
  const end = source.indexOf('\n  };\n', start);
  expect(start).toBeGreaterThan(0);
  const body = source.slice(start, end);
  const parts = body.split(/\n {4}'([a-z]+:[A-Za-z]+)': /);
  const out = new Map<string, string>();
  for (let i = 1; i < parts.length; i += 2) out.set(parts[i]!, parts[i + 1]!);
  return out;
}

describe('channel access', () => {
  it('declares every channel of the contract, and only those', () => {
    expect(Object.keys(channelAccess).sort()).toEqual([...channels].sort());
  });

  it('matches what the handlers require today', () => {
    const handlers = handlerSources();
    expect([...handlers.keys()].sort()).toEqual([...channels].sort());
    const officer = [...handlers].filter(([, text]) => /(?<![?:]\s*)signedIn\(\)/.test(text)).map(([c]) => c).sort();
    const conditional = [...handlers].filter(([, text]) => /\?\s*signedIn\(\)/.test(text)).map(([c]) => c).sort();
    expect(Object.entries(channelAccess).filter(([, a]) => a === 'officer').map(([c]) => c).sort()).toEqual(officer);
    expect(Object.entries(channelAccess).filter(([, a]) => typeof a === 'object').map(([c]) => c).sort()).toEqual(conditional);
    expect(officer.length).toBeGreaterThan(15);
    expect(conditional).toEqual(['face:settings']);
  });

  it('asks for an officer on the raw request, before validation', () => {
    expect(needsOfficer('examination:scan', {})).toBe(true);
    expect(needsOfficer('examination:scan', 'not even an object')).toBe(true);
    expect(needsOfficer('session:signIn', { name: '' })).toBe(false);
    expect(needsOfficer('face:settings', {})).toBe(false);
    expect(needsOfficer('face:settings', { threshold: null })).toBe(false);
    expect(needsOfficer('face:settings', { threshold: 'garbage' })).toBe(true);
    expect(needsOfficer('face:settings', null)).toBe(false);
  });
});
