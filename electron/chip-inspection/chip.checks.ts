// The chip's checks (registered by the composition root with registerChecks('chip', CHIP_CHECKS)):
// passive authentication and the document signer's country report the issuer-signature layer,
// active / chip authentication the chip-genuineness layer, and DG1 against the printed MRZ the
// data-integrity layer (ICAO 9303-11 §5.1 and §6, 9303-12). Each is a pure function of the chip
// section the reading left in the examination; without a reading they are not performed, with the
// reason (no reader, no document, a failure the officer can act on).
import { PENDING_CHECK_IDS } from '../checks/check-ids';
import type { Check } from '../checks/check-model';
import { notPerformed, result } from '../checks/check-outcome';
import type { ChipSection } from '../contract/chip-examination.contract';
import type { ChipReadingSummary, PassiveAuthOutcome } from '../contract/chip.contract';
import type { Evidence } from '../contract/examination.contract';
import { chipNotReadText, type ChipCheckEvidence } from './chip-check-evidence';
import { compareChipMrz } from './chip-mrz-comparison';

export const CHIP_CHECK_IDS = {
  passiveAuthentication: PENDING_CHECK_IDS.passiveAuthentication,
  signerState: 'chip.signer-state',
  genuineness: PENDING_CHECK_IDS.chipGenuineness,
  dg1Mrz: 'chip.dg1-mrz',
} as const;

type Read = { section: ChipSection; reading: ChipReadingSummary };

/** The reading when there is one; otherwise the reason it is missing. */
function readOrWhy(evidence: ChipCheckEvidence): Read | string {
  const why = chipNotReadText(evidence);
  const section = evidence.section;
  if (why !== null || !section?.reading) return why ?? 'The chip was not read at this station.';
  return { section, reading: section.reading };
}

/** How each named outcome of passive authentication weighs (ICAO 9303-11 §5.1). */
function outcomeStatus(outcome: PassiveAuthOutcome): 'pass' | 'warn' | 'fail' {
  switch (outcome) {
    case 'trusted':
      return 'pass';
    // The data is intact and signed, but this station cannot trace the signer to the issuer (no
    // CSCA of that state imported) or the CSCA has expired since: not proof of forgery.
    case 'issuer-unknown':
    case 'csca-expired':
      return 'warn';
    case 'signature-invalid':
    case 'hash-mismatch':
    case 'ds-expired-at-signing':
    case 'revoked':
    case 'chain-invalid':
    case 'malformed':
      return 'fail';
    default: {
      const never: never = outcome;
      throw new Error(`unknown outcome ${String(never)}`);
    }
  }
}

const OUTCOME_TEXT: Record<PassiveAuthOutcome, string> = {
  trusted: 'trusted: signature valid, every data group hash matches, the signer chains to a trusted CSCA',
  'signature-invalid': 'signature invalid: EF.SOD is not validly signed by its document signer',
  'hash-mismatch': 'hash mismatch: data on the chip differs from what the issuer signed',
  'issuer-unknown': "issuer unknown: the document signer's CSCA is not in this station's trust store",
  'csca-expired': 'CSCA expired: the CSCA the signer chains to is no longer valid',
  'ds-expired-at-signing': 'document signer expired when it signed',
  revoked: "revoked: the document signer is on its CSCA's revocation list",
  'chain-invalid': 'chain invalid: the document signer certificate does not verify under the CSCA',
  malformed: 'malformed: EF.SOD or a data group cannot be read',
};

export const chipPassiveAuthenticationCheck: Check<'chip'> = {
  id: CHIP_CHECK_IDS.passiveAuthentication,
  title: 'Issuer signature (passive authentication)',
  layer: 'issuer-signature',
  expected: 'Document Security Object signed by a trusted issuer, data group hashes match',
  needs: { evidence: 'chip' },
  run(evidence) {
    const read = readOrWhy(evidence);
    if (typeof read === 'string') return notPerformed(chipPassiveAuthenticationCheck, read);
    const pa = read.reading.passiveAuthentication;
    const bad = pa.hashes.filter((h) => h.status === 'mismatch' || h.status === 'not-in-sod');
    const matched = pa.hashes.filter((h) => h.status === 'match').map((h) => `DG${h.dataGroup}`);
    const parts = [
      `outcome ${OUTCOME_TEXT[pa.outcome]}`,
      `signature ${pa.signatureValid ? 'valid' : 'not valid'}${pa.signatureAlgorithm ? ` (${pa.signatureAlgorithm})` : ''}`,
      matched.length ? `hashes match: ${matched.join(', ')}` : 'no hash matches',
      ...(bad.length ? [`hashes differ: ${bad.map((h) => `DG${h.dataGroup}${h.status === 'not-in-sod' ? ' (not signed)' : ''}`).join(', ')}`] : []),
      ...(pa.csca ? [`CSCA: ${pa.csca}`] : []),
    ];
    const evidenceItems: Evidence[] = [
      ...bad.map((h) => ({ note: `DG${h.dataGroup}: ${h.status === 'mismatch' ? 'hash does not match EF.SOD' : 'read from the chip but not signed in EF.SOD'}` })),
      ...(pa.documentSigner ? [{ note: `Document signer: ${pa.documentSigner}` }] : []),
    ];
    const status = outcomeStatus(pa.outcome);
    return result(chipPassiveAuthenticationCheck, {
      status,
      measured: parts.join('; '),
      expected: chipPassiveAuthenticationCheck.expected,
      evidence: evidenceItems,
      explanation:
        status === 'pass'
          ? `The chip's data was signed by ${pa.documentSigner ?? 'its document signer'}, which chains to a CSCA in this station's trust store.`
          : `${pa.detail}${pa.outcome === 'issuer-unknown' ? ' Import the issuing state\'s CSCA or master list (loupe trust import) to complete the check.' : ''}`,
    });
  },
};

export const chipSignerStateCheck: Check<'chip'> = {
  id: CHIP_CHECK_IDS.signerState,
  title: "Document signer's country matches the issuing state",
  layer: 'issuer-signature',
  expected: 'the country of the document signer certificate is the issuing state of the document',
  needs: { evidence: 'chip' },
  run(evidence) {
    const read = readOrWhy(evidence);
    if (typeof read === 'string') return notPerformed(chipSignerStateCheck, read);
    const { section, reading } = read;
    const issuer = reading.mrz?.issuingState ?? evidence.printed?.fields.issuingState ?? null;
    if (!section.sod?.documentSigner) return notPerformed(chipSignerStateCheck, 'EF.SOD carries no document signer certificate to compare.');
    if (!issuer) return notPerformed(chipSignerStateCheck, 'Neither DG1 nor the printed MRZ names the issuing state.');
    if (!section.signerCountry) {
      return result(chipSignerStateCheck, { status: 'warn', measured: 'the document signer certificate names no country', expected: `issuing state ${issuer}`, evidence: [], explanation: 'ICAO 9303-12 requires the country in a document signer certificate; this one has none.' });
    }
    if (!section.signerState) {
      return result(chipSignerStateCheck, {
        status: 'warn',
        measured: `country ${section.signerCountry} (not a country code this station knows)`,
        expected: `issuing state ${issuer}`,
        evidence: [],
        explanation: `The document signer's country "${section.signerCountry}" has no ICAO code here: compare it with the issuing state ${issuer} by hand.`,
      });
    }
    const same = section.signerState === issuer;
    return result(chipSignerStateCheck, {
      status: same ? 'pass' : 'fail',
      measured: `signer country ${section.signerCountry} (${section.signerState})`,
      expected: `issuing state ${issuer}`,
      evidence: same ? [] : [{ note: `Document signer: ${section.sod.documentSigner.subject}` }],
      explanation: same
        ? `The document was signed under ${section.signerState}, its issuing state.`
        : `The document names ${issuer} as its issuing state, but its chip was signed by a document signer of ${section.signerState}.`,
    });
  },
};

const METHOD_NAME = { 'active-authentication': 'active authentication', 'chip-authentication': 'chip authentication', 'pace-cam': 'PACE-CAM' } as const;

export const chipGenuinenessCheck: Check<'chip'> = {
  id: CHIP_CHECK_IDS.genuineness,
  title: 'Chip genuineness (active / chip authentication)',
  layer: 'chip-genuineness',
  expected: 'the chip proves possession of the private key its signed data groups publish (DG14 / DG15)',
  needs: { evidence: 'chip' },
  run(evidence) {
    const read = readOrWhy(evidence);
    if (typeof read === 'string') return notPerformed(chipGenuinenessCheck, read);
    const checks = read.reading.cloneChecks;
    const describe = (c: (typeof checks)[number]) =>
      `${METHOD_NAME[c.method]} (key from ${c.keySource}${c.algorithm ? `, ${c.algorithm}` : ''}): ${c.status}${c.status === 'succeeded' ? (c.counts ? ', counts' : ', does not count') : ''}`;
    const measured = checks.length ? checks.map(describe).join('; ') : 'no clone check offered by the chip';
    const notes: Evidence[] = checks.map((c) => ({ note: `${METHOD_NAME[c.method]}: ${c.detail}` }));
    const failed = checks.filter((c) => c.status === 'failed');
    // A chip that cannot prove the key its own files publish is a copy (or its file was altered):
    // a failure counts whatever passive authentication said.
    if (failed.length) {
      return result(chipGenuinenessCheck, {
        status: 'fail',
        measured,
        expected: chipGenuinenessCheck.expected,
        evidence: notes,
        explanation: `The chip could not prove it holds the key of ${failed.map((c) => c.keySource).join(' and ')} (${failed.map((c) => METHOD_NAME[c.method]).join(', ')} failed): the data may have been copied onto another chip (a clone).`,
      });
    }
    const counting = checks.filter((c) => c.counts);
    if (counting.length) {
      return result(chipGenuinenessCheck, {
        status: 'pass',
        measured,
        expected: chipGenuinenessCheck.expected,
        evidence: notes,
        explanation: `The chip proved it holds the key of ${counting.map((c) => c.keySource).join(' and ')}, which passive authentication verified.`,
      });
    }
    const succeeded = checks.filter((c) => c.status === 'succeeded');
    if (succeeded.length) {
      const pa = read.reading.passiveAuthentication;
      return notPerformed(chipGenuinenessCheck, `The chip proved a key, but the proof does not count: passive authentication did not verify ${succeeded.map((c) => c.keySource).join(' and ')} (outcome ${pa.outcome}).`, { measured });
    }
    return notPerformed(chipGenuinenessCheck, 'The chip offers neither chip nor active authentication (optional in ICAO 9303-11 §6): its genuineness cannot be proven electronically.', { measured });
  },
};

export const chipMrzCheck: Check<'chip'> = {
  id: CHIP_CHECK_IDS.dg1Mrz,
  title: "Chip's MRZ (DG1) matches the printed MRZ",
  layer: 'data-integrity',
  expected: 'DG1 holds the same MRZ as the data page',
  needs: { evidence: 'chip' },
  run(evidence) {
    const read = readOrWhy(evidence);
    if (typeof read === 'string') return notPerformed(chipMrzCheck, read);
    const chipMrz = read.reading.mrz;
    if (!chipMrz) return notPerformed(chipMrzCheck, 'DG1 was not read or cannot be decoded.');
    const printed = evidence.printed;
    if (!printed || printed.lines.length === 0) return notPerformed(chipMrzCheck, 'No printed MRZ was read to compare DG1 with.');
    const comparison = compareChipMrz(chipMrz.lines, printed);
    if (comparison.kind === 'layout') {
      return result(chipMrzCheck, { status: 'fail', measured: comparison.text, expected: chipMrzCheck.expected, evidence: [], explanation: `DG1 and the data page do not hold the same kind of MRZ: ${comparison.text}.` });
    }
    if (comparison.differences.length === 0) {
      return result(chipMrzCheck, { status: 'pass', measured: 'DG1 and the printed MRZ are identical', expected: chipMrzCheck.expected, evidence: [], explanation: 'The MRZ in the chip is the one printed on the data page.' });
    }
    const names = comparison.differences.map((d) => d.label);
    return result(chipMrzCheck, {
      status: 'fail',
      measured: `differs in: ${names.join(', ')}`,
      expected: chipMrzCheck.expected,
      evidence: comparison.differences.map((d) => ({ mrz: { line: d.line, start: d.start, end: d.end }, note: `${d.label}: chip "${d.chip}", printed "${d.printed}"` })),
      explanation: `The chip's MRZ differs from the printed one in ${names.join(', ')}: the data page or the chip was altered, or the MRZ was misread (compare the characters shown).`,
    });
  },
};

/** In report order. */
export const CHIP_CHECKS: readonly Check<'chip'>[] = [chipMrzCheck, chipPassiveAuthenticationCheck, chipSignerStateCheck, chipGenuinenessCheck];
