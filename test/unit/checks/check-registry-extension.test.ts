// A domain that brings a new kind of evidence (the eMRTD chip, next) registers its checks without
// editing the checks domain: it augments CheckEvidence from its own file and the composition root
// registers the checks once. Their results run and replace earlier ones like any other evidence.
import { describe, expect, it } from 'vitest';
import type { Check } from '../../../electron/checks/check-model';
import { result } from '../../../electron/checks/check-outcome';
import { checksOf, hasRegisteredChecks, initialRegisteredResults, registerChecks, replaceResults, runChecks } from '../../../electron/checks/check-registry';
import type { CheckResult } from '../../../electron/contract/examination.contract';

declare module '../../../electron/checks/check-model' {
  interface CheckEvidence {
    /** A stand-in for a new domain's evidence. */
    'registry-probe': { hashesValid: boolean } | null;
  }
}

const probe: Check<'registry-probe'> = {
  id: 'probe.hashes',
  title: 'Data-group hashes (probe)',
  layer: 'data-integrity',
  expected: 'every hash matches',
  needs: { evidence: 'registry-probe' },
  run: (evidence) =>
    evidence
      ? result(probe, {
          status: evidence.hashesValid ? 'pass' : 'fail',
          measured: evidence.hashesValid ? 'all match' : 'DG2 differs',
          expected: probe.expected,
          evidence: [],
          explanation: evidence.hashesValid ? 'The hashes match.' : 'A data group was changed.',
        })
      : null,
};

describe('checks of evidence another domain brings', () => {
  it('registers once, runs, and replaces only its own earlier results', () => {
    registerChecks('registry-probe', [probe]);
    expect(checksOf('registry-probe').map((c) => c.id)).toEqual(['probe.hashes']);
    const first = runChecks('registry-probe', { hashesValid: false });
    expect(first).toMatchObject([{ id: 'probe.hashes', status: 'fail', layer: 'data-integrity' }]);
    expect(runChecks('registry-probe', null)).toEqual([]);
    const other: CheckResult = { ...first[0]!, id: 'mrz.check-digits', status: 'pass' };
    const replaced = replaceResults([other, ...first], 'registry-probe', runChecks('registry-probe', { hashesValid: true }));
    expect(replaced.map((r) => [r.id, r.status])).toEqual([['mrz.check-digits', 'pass'], ['probe.hashes', 'pass']]);
    expect(() => replaceResults([other], 'registry-probe', [other])).toThrow(/not a result of the registry-probe checks/);
  });

  it('refuses a kind registered twice, a kind the checks domain owns, and a check id already taken', () => {
    expect(() => registerChecks('registry-probe', [probe])).toThrow(/already registered/);
    expect(() => registerChecks('face', [])).toThrow(/already registered/);
    declareAnother();
  });
});

function declareAnother(): void {
  // The same id under another kind would make replaceResults ambiguous.
  expect(() => registerChecks('registry-probe-2' as never, [{ ...probe, needs: { evidence: 'registry-probe-2' } } as never])).toThrow(/check 'probe.hashes' is already registered/);
}

describe('the chip layers: a registered check takes over its placeholder', () => {
  // A stand-in for the chip's check: its evidence is a state word here.
  const pending = {
    id: 'chip.passive-authentication',
    title: 'Issuer signature (registered)',
    layer: 'issuer-signature',
    expected: 'signed by a trusted issuer',
    needs: { evidence: 'registry-probe-chip' },
    run: (state: unknown): CheckResult => result(pending, { status: state === 'read' ? 'pass' : 'not-performed', measured: String(state), expected: 'signed', evidence: [], explanation: `state ${String(state)}` }),
  } as unknown as Check;

  it('before registration the capture reports the placeholder; after it, the registered check reports the layer, with its evidence before it arrives', () => {
    const capture = { lights: ['white' as const], chipRead: false, securityChecks: true };
    expect(runChecks('capture', capture).map((r) => r.id)).toContain('chip.passive-authentication');
    expect(initialRegisteredResults().map((r) => r.id)).not.toContain('chip.passive-authentication');
    let state = 'no-reader';
    registerChecks('registry-probe-chip' as never, [pending as never], { before: () => state as never });
    expect(runChecks('capture', capture).map((r) => r.id)).not.toContain('chip.passive-authentication');
    expect(runChecks('capture', capture).map((r) => r.id)).toContain('chip.genuineness');
    expect(initialRegisteredResults().filter((r) => r.id === 'chip.passive-authentication')).toMatchObject([{ title: 'Issuer signature (registered)', measured: 'no-reader' }]);
    state = 'reading';
    expect(initialRegisteredResults().find((r) => r.id === 'chip.passive-authentication')?.measured).toBe('reading');
    expect(hasRegisteredChecks('registry-probe-chip' as never)).toBe(true);
  });
});
