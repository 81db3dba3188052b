import { describe, expect, it } from 'vitest';
import { layerVerdicts, suggestedStatus } from '../../../electron/checks/layered-verdict';
import { runChecks } from '../../../electron/checks/check-registry';
import { readMrzText } from '../../../electron/mrz';

const now = new Date('2026-01-01T00:00:00Z');
const mrzIntegrityChecks = (reading: Parameters<typeof runChecks<'mrz'>>[1]) => runChecks('mrz', reading);
// ICAO 9303 Part 4 specimen with a far-future expiry (check digits recomputed: 3412151 … ).
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

describe('MRZ integrity checks', () => {
  it('passes check digits and syntax of the ICAO specimen and warns that it expired', () => {
    const checks = mrzIntegrityChecks(readMrzText(TD3, { source: 'text', now }));
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
    expect(byId['mrz.check-digits']?.status).toBe('pass');
    expect(byId['mrz.syntax']?.status).toBe('pass');
    expect(byId['mrz.dates']?.status).toBe('warn');
    expect(checks.every((c) => c.layer === 'data-integrity')).toBe(true);
  });

  it('fails a wrong check digit and points at its characters', () => {
    const altered = [TD3[0]!, TD3[1]!.replace('L898902C36', 'L898902C37')];
    const check = mrzIntegrityChecks(readMrzText(altered, { source: 'text', now })).find((c) => c.id === 'mrz.check-digits')!;
    expect(check.status).toBe('fail');
    expect(check.evidence.some((e) => e.mrz?.line === 1)).toBe(true);
  });

  it('fails when no MRZ could be read, with what to do next', () => {
    const [check] = mrzIntegrityChecks(null);
    expect(check?.status).toBe('fail');
    expect(check?.explanation).toMatch(/scanner/);
  });
});

describe('layered verdict', () => {
  it('reports layers without inputs as not-performed, never pass or fail', () => {
    const checks = [...mrzIntegrityChecks(readMrzText(TD3, { source: 'text', now })), ...runChecks('capture', { lights: ['white'], chipRead: false, securityChecks: false }), ...runChecks('face', null)];
    const verdict = layerVerdicts(checks);
    expect(verdict.map((v) => v.layer)).toEqual(['data-integrity', 'issuer-signature', 'chip-genuineness', 'physical', 'bearer-match']);
    expect(verdict.filter((v) => v.layer !== 'data-integrity').every((v) => v.status === 'not-performed')).toBe(true);
    expect(verdict.find((v) => v.layer === 'physical')?.summary).toMatch(/ir \/ uv/);
    expect(suggestedStatus(verdict)).toBe('warn');
  });
});
