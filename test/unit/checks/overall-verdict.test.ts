// The overall verdict computed once on the Node side: its level, the named expired state, one line
// per failed or warning check, and what was not performed, grouped by reason. Real MRZ readings
// (ICAO 9303 Part 4 specimen) and the registry's own checks.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../electron/checks/check-registry';
import { FINDING_LINE_MAX, findingLine, layerVerdicts, overallVerdict } from '../../../electron/checks/layered-verdict';
import { nextStepsFor, verdictHeadline, type CheckResult, type NextSteps } from '../../../electron/contract/examination.contract';
import { readMrzText } from '../../../electron/mrz';

const now = new Date('2026-01-01T00:00:00Z');
// ICAO 9303 Part 4 specimen: expired on 2012-04-15.
const EXPIRED_TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
// The same holder with an expiry in 2034 (check digits recomputed).
const VALID_TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3404159ZE184226B<<<<<16'];

function check(id: string, layer: CheckResult['layer'], status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult {
  return { id, title: id, layer, status, measured: `${id} measured`, expected: '', evidence: [], explanation: `${id} explained.`, ...extra };
}

/** What a page examined against its class contributes: identification and a physical check. */
const physical = (photo: CheckResult['status'] = 'pass'): CheckResult[] => [
  check('document.identification', 'physical', 'pass'),
  check('photo.substitution', 'physical', photo, {
    title: 'Photo zone',
    evidence: photo === 'fail' ? [{ light: 'white', region: { x: 1, y: 2, w: 3, h: 4 }, note: 'a straight cut or shadow line around the portrait that the reference does not have (45.6 > 18)' }] : [],
  }),
];

function overall(lines: string[], extra: CheckResult[]) {
  const mrz = readMrzText(lines, { source: 'text', now });
  const checks = [...runChecks('mrz', mrz), ...extra, ...runChecks('capture', { lights: ['white', 'ir', 'uv'], chipRead: false, securityChecks: true }), ...runChecks('face', null)];
  return overallVerdict(checks, layerVerdicts(checks), mrz, now);
}

describe('overall verdict', () => {
  it('passes a document whose every performed check passed, and lists what was not performed by reason', () => {
    const v = overall(VALID_TD3, physical());
    expect(v.level).toBe('pass');
    expect(v.expired).toBeNull();
    expect(v.findings).toEqual([]);
    expect(v.notPerformed).toEqual([
      {
        layers: ['issuer-signature', 'chip-genuineness'],
        checkIds: ['chip.passive-authentication', 'chip.genuineness'],
        titles: ['Issuer signature (passive authentication)', 'Chip genuineness (active / chip authentication)'],
        reason: 'The chip was not read at this station',
        wholeLayers: true,
      },
      { layers: ['bearer-match'], checkIds: ['bearer.face'], titles: ['Holder matches the portrait'], reason: 'No live capture of the holder was taken', wholeLayers: true },
    ]);
  });

  it('fails on a failed check, naming its layer, title and finding in one line, fails first', () => {
    const v = overall(VALID_TD3, [...physical('fail'), check('uv.features', 'physical', 'warn', { evidence: [{ note: 'emblem faint' }] })]);
    expect(v.level).toBe('fail');
    expect(v.findings.map((f) => [f.checkId, f.status, f.layer])).toEqual([
      ['photo.substitution', 'fail', 'physical'],
      ['uv.features', 'warn', 'physical'],
    ]);
    expect(v.findings[0]).toMatchObject({ title: 'Photo zone', reason: 'a straight cut or shadow line around the portrait that the reference does not have (45.6 > 18)' });
  });

  it('names an expired document as such: attention, with the date of expiry, though every check passed', () => {
    const v = overall(EXPIRED_TD3, physical());
    expect(v.expired).toEqual({ on: '2012-04-15' });
    expect(v.level).toBe('attention');
    // The dates check's warning says only that: the named state stands for it, not a second line.
    expect(v.findings).toEqual([]);
    // Other findings are still listed beside it.
    const warned = overall(EXPIRED_TD3, [...physical(), check('uv.features', 'physical', 'warn')]);
    expect([warned.level, warned.expired?.on, warned.findings.map((f) => f.checkId)]).toEqual(['attention', '2012-04-15', ['uv.features']]);
  });

  it('is called expired when the expiry is all there is to act on, and its next step is the one for expired documents', () => {
    const steps: NextSteps = { pass: 'P', attention: 'A', fail: 'F', incomplete: 'I', expired: 'E' };
    const expired = overall(EXPIRED_TD3, physical());
    expect([verdictHeadline(expired), nextStepsFor(expired, steps)]).toEqual(['expired', ['E']]);
    // With findings of its own, the level names the verdict and the expired step follows its step.
    const warned = overall(EXPIRED_TD3, [...physical(), check('uv.features', 'physical', 'warn')]);
    expect([verdictHeadline(warned), nextStepsFor(warned, steps)]).toEqual(['attention', ['A', 'E']]);
    const failed = overall(EXPIRED_TD3, physical('fail'));
    expect([verdictHeadline(failed), nextStepsFor(failed, steps)]).toEqual(['fail', ['F', 'E']]);
    const valid = overall(VALID_TD3, physical());
    expect([verdictHeadline(valid), nextStepsFor(valid, steps)]).toEqual(['pass', ['P']]);
  });

  it('is incomplete when the page could not be examined against a reference class, even with nothing failed', () => {
    const unidentified = [check('document.identification', 'physical', 'not-performed', { measured: 'not measured', explanation: 'The reference library has no class for this document type and issuer.' })];
    expect(overall(VALID_TD3, unidentified).level).toBe('incomplete');
    // A failure still outweighs it.
    expect(overall(VALID_TD3, [...unidentified, check('mrz.b900', 'physical', 'fail')]).level).toBe('fail');
    // No physical check at all (no reference library on the station).
    const mrz = readMrzText(VALID_TD3, { source: 'text', now });
    const checks = [...runChecks('mrz', mrz), ...runChecks('capture', { lights: ['white'], chipRead: false, securityChecks: false })];
    expect(overallVerdict(checks, layerVerdicts(checks), mrz, now).level).toBe('incomplete');
  });

  it('groups checks that did not run for one reason, whatever the wording of the reason', () => {
    const v = overall(VALID_TD3, [
      ...physical(),
      check('uv.features', 'physical', 'not-performed', { measured: 'no uv capture', explanation: 'Not performed: no uv capture.' }),
      check('uv.dullness', 'physical', 'not-performed', { measured: 'not measured: no uv capture', explanation: 'This check did not run because no uv capture. It is neither a pass nor a fail.' }),
    ]);
    const uv = v.notPerformed.find((g) => g.checkIds.includes('uv.features'));
    expect(uv).toEqual({ layers: ['physical'], checkIds: ['uv.features', 'uv.dullness'], titles: ['uv.features', 'uv.dullness'], reason: 'No uv capture', wholeLayers: false });
  });

  it('keeps a finding to one line: the first two notes, then how many more; without notes what was measured', () => {
    const many = check('ir.features', 'physical', 'fail', { evidence: ['a', 'b', 'c', 'd'].map((n) => ({ note: `zone ${n} drops out` })) });
    expect(findingLine(many)).toBe('zone a drops out; zone b drops out (and 2 more)');
    expect(findingLine(check('bearer.face', 'bearer-match', 'fail', { measured: 'printed ↔ live:\n distance 0.9 → no-match.' }))).toBe('printed ↔ live: distance 0.9 → no-match');
    const long = findingLine(check('x', 'physical', 'warn', { measured: 'y'.repeat(400) }));
    expect(long).toHaveLength(FINDING_LINE_MAX);
    expect(long.endsWith('…')).toBe(true);
  });
});
