// The chip's checks as pure functions of the chip section: each named outcome of passive
// authentication weighs as it should, a clone check counts only when passive authentication
// verified its key's file, DG1 is compared with the printed MRZ field by field, the signer's
// country with the issuing state, and without a reading every check says why it did not run.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChipCheckEvidence } from '../../../electron/chip-inspection/chip-check-evidence';
import { chipGenuinenessCheck, chipMrzCheck, chipPassiveAuthenticationCheck, chipSignerStateCheck, CHIP_CHECKS } from '../../../electron/chip-inspection/chip.checks';
import type { ChipSection } from '../../../electron/contract/chip-examination.contract';
import type { ChipReadingSummary, PassiveAuthOutcome } from '../../../electron/contract/chip.contract';
import type { MrzReading } from '../../../electron/contract/mrz.contract';
import { readMrzText } from '../../../electron/mrz';

const LINES = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

function reading(over: Partial<ChipReadingSummary> = {}, outcome: PassiveAuthOutcome = 'trusted'): ChipReadingSummary {
  return {
    access: { protocol: 'PACE', reason: 'pace-offered', paceOid: '0.4.0.127.0.7.2.2.4.2.2', detail: '', passwordType: 'MRZ' },
    files: [],
    extendedLength: false,
    mrz: { format: 'TD3', lines: LINES, documentCode: 'P', issuingState: 'UTO', documentNumber: 'L898902C3', dateOfBirth: '740812', dateOfExpiry: '120415', nationality: 'UTO', name: 'ERIKSSON<<ANNA<MARIA', sex: 'F' },
    faces: [],
    passiveAuthentication: {
      outcome,
      signatureValid: outcome !== 'signature-invalid',
      hashAlgorithm: 'SHA-256',
      signatureAlgorithm: 'ECDSA with SHA256',
      hashes: [{ dataGroup: 1, status: outcome === 'hash-mismatch' ? 'mismatch' : 'match' }, { dataGroup: 14, status: 'match' }, { dataGroup: 15, status: 'match' }],
      documentSigner: 'C=UT, CN=DS',
      csca: outcome === 'issuer-unknown' ? null : 'C=UT, CN=CSCA',
      signingTime: null,
      detail: `outcome ${outcome}`,
    },
    cloneChecks: [
      { method: 'active-authentication', status: 'succeeded', keySource: 'DG15', algorithm: 'ECDSA', detail: 'ok', counts: outcome === 'trusted' },
      { method: 'chip-authentication', status: 'succeeded', keySource: 'DG14', algorithm: 'CA', detail: 'ok', counts: outcome === 'trusted' },
    ],
    ...over,
  };
}

function section(r: ChipReadingSummary | null, over: Partial<ChipSection> = {}): ChipSection {
  return {
    state: r ? 'read' : 'not-read', reason: r ? null : 'failed', error: r ? null : { kind: 'NoChipAnswer', message: 'The chip did not answer.' }, keySource: 'mrz-reading', reader: 'R',
    startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:01Z', resumptions: 0, reading: r,
    sod: r ? ({ documentSigner: { subject: 'C=UT, CN=DS' } } as ChipSection['sod']) : null,
    signerState: 'UTO', signerCountry: 'UT', evidence: null, timingsMs: {},
    ...over,
  };
}

let printed: MrzReading;
const evidence = (s: ChipSection | null, pending: ChipCheckEvidence['pending'] = 'not-read'): ChipCheckEvidence => ({ section: s, pending, printed });

describe('the chip checks', () => {
  beforeAll(async () => {
    printed = await readMrzText(LINES, { source: 'text', now: new Date('2010-01-01') });
  });

  it('without a reading, every check is not performed and says why', () => {
    for (const [pendingState, text] of [['no-reader', 'No chip reader is connected to this station.'], ['reading', 'The chip is being read.'], ['not-read', 'The chip was not read at this station.']] as const) {
      for (const check of CHIP_CHECKS) expect(check.run(evidence(null, pendingState))).toMatchObject({ status: 'not-performed', explanation: text });
    }
    expect(chipPassiveAuthenticationCheck.run(evidence(section(null)))).toMatchObject({ status: 'not-performed', explanation: 'The chip could not be read: The chip did not answer.' });
    expect(chipPassiveAuthenticationCheck.run(evidence(section(null, { reason: 'no-document', error: null })))!.explanation).toContain('No document was on the chip reader');
  });

  it.each([
    ['trusted', 'pass'],
    ['issuer-unknown', 'warn'],
    ['csca-expired', 'warn'],
    ['hash-mismatch', 'fail'],
    ['signature-invalid', 'fail'],
    ['revoked', 'fail'],
    ['ds-expired-at-signing', 'fail'],
    ['chain-invalid', 'fail'],
    ['malformed', 'fail'],
  ] as const)('passive authentication %s → %s', (outcome, status) => {
    const r = chipPassiveAuthenticationCheck.run(evidence(section(reading({}, outcome))))!;
    expect(r).toMatchObject({ status, layer: 'issuer-signature' });
    if (outcome === 'hash-mismatch') {
      expect(r.measured).toContain('hashes differ: DG1');
      expect(r.evidence).toContainEqual({ note: 'DG1: hash does not match EF.SOD' });
    }
  });

  it('chip genuineness: counts only when passive authentication verified the key file; a failed proof fails', () => {
    expect(chipGenuinenessCheck.run(evidence(section(reading())))).toMatchObject({ status: 'pass', layer: 'chip-genuineness' });
    expect(chipGenuinenessCheck.run(evidence(section(reading({}, 'issuer-unknown')))))
      .toMatchObject({ status: 'not-performed', explanation: expect.stringContaining('does not count') });
    const clone = reading({ cloneChecks: [{ method: 'chip-authentication', status: 'failed', keySource: 'DG14', algorithm: 'CA', detail: 'no', counts: false }] });
    expect(chipGenuinenessCheck.run(evidence(section(clone)))).toMatchObject({ status: 'fail', explanation: expect.stringContaining('clone') });
    expect(chipGenuinenessCheck.run(evidence(section(reading({ cloneChecks: [] }))))).toMatchObject({ status: 'not-performed', explanation: expect.stringContaining('neither chip nor active authentication') });
  });

  it("DG1 against the printed MRZ: equal passes, a changed name is named with its characters", () => {
    expect(chipMrzCheck.run(evidence(section(reading())))).toMatchObject({ status: 'pass', layer: 'data-integrity' });
    const altered = reading({ mrz: { ...reading().mrz!, lines: ['P<UTOERIKSEN<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<<', LINES[1]!] } });
    const r = chipMrzCheck.run(evidence(section(altered)))!;
    expect(r.status).toBe('fail');
    expect(r.measured).toMatch(/^differs in: /);
    expect(r.evidence[0]).toMatchObject({ mrz: { line: 0 } });
    expect(r.evidence[0]!.note).toContain('chip "ERIKSEN');
    const td1 = reading({ mrz: { ...reading().mrz!, format: 'TD1', lines: ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'] } });
    expect(chipMrzCheck.run(evidence(section(td1)))).toMatchObject({ status: 'fail', measured: 'DG1 holds 3 × 30 characters, the printed MRZ 2 × 44' });
  });

  it("the document signer's country against the issuing state", () => {
    expect(chipSignerStateCheck.run(evidence(section(reading())))).toMatchObject({ status: 'pass' });
    expect(chipSignerStateCheck.run(evidence(section(reading(), { signerState: 'D', signerCountry: 'DE' })))).toMatchObject({ status: 'fail', explanation: expect.stringContaining('document signer of D') });
    expect(chipSignerStateCheck.run(evidence(section(reading(), { signerState: null, signerCountry: 'QQ' })))).toMatchObject({ status: 'warn' });
  });
});
