// A recorded chip reading verified again, offline, at an expert's desk: passive authentication of
// the recorded EF.SOD and data groups against the desk's trust store (and EF.CardSecurity's, when
// PACE ran), each clone check repeated from what was recorded — active authentication's signature
// checked with DG15's key, chip authentication's answer against the keys agreed with DG14's key,
// PACE-CAM's data against EF.CardSecurity's key — and the rule that a proof counts only when
// passive authentication covered its key's file (auth/clone-check-rule.ts), applied to the desk's
// own results, never to what the recording station concluded.
import type { AccessChoice, CloneCheck, FileReadStatus, SodReport } from '../../contract/chip.contract';
import { verifyActiveAuthenticationAnswer } from '../auth/active-authentication';
import { recheckChipAuthentication } from '../auth/chip-authentication';
import { cloneCheckCounts } from '../auth/clone-check-rule';
import { verifyPaceCamData } from '../auth/pace-cam-check';
import { ChipError } from '../chip-error';
import { verifyCardSecurity } from '../lds/card-security.codec';
import { securityInfosOrNull as securityInfos } from '../lds/dg14-security-options.codec';
import { decodeDg15 } from '../lds/dg15-active-authentication.codec';
import type { RevocationList } from '../pki/certificate-revocation-list';
import { verifyPassiveAuthentication } from '../pki/passive-authentication';
import { sodReport } from '../pki/sod-report';
import type { TrustAnchors } from '../pki/trust-anchors';
import type { ChipEvidence } from './chip-evidence';

export type Recheck = 'succeeded' | 'failed' | 'not-recorded';

export interface RecheckedCloneCheck {
  readonly method: CloneCheck['method'];
  readonly keySource: CloneCheck['keySource'];
  /** What the recording station concluded (null: the package does not say, as for PACE-CAM, checked after it). */
  readonly recorded: CloneCheck['status'] | null;
  readonly recordedDetail: string;
  /** What the desk concludes from the record (not-recorded: the record holds no answer to check). */
  readonly recheck: Recheck;
  readonly algorithm: string;
  readonly detail: string;
  /** The desk's proof counts: it succeeded here and passive authentication here covered its key's file. */
  readonly counts: boolean;
}

export interface EvidenceVerification {
  readonly readAt: string;
  readonly access: AccessChoice;
  readonly files: readonly FileReadStatus[];
  readonly passiveAuthentication: SodReport;
  /** EF.CardSecurity's own signature and chain (read after PACE), when the package holds it. */
  readonly cardSecurity: { readonly outcome: string; readonly detail: string } | null;
  readonly cloneChecks: readonly RecheckedCloneCheck[];
}

export interface DeskTrust {
  readonly anchors: TrustAnchors;
  readonly crls: readonly RevocationList[];
  /** When the check applies (the CSCA must be valid then): the time of reading, or another. */
  readonly at: Date;
}

export function verifyChipEvidence(evidence: ChipEvidence, trust: DeskTrust): EvidenceVerification {
  const dataGroups = new Map([...evidence.files].filter(([f]) => /^DG\d+$/.test(f)).map(([f, b]) => [Number(f.slice(2)), b] as const));
  const sod = evidence.files.get('SOD');
  const passive = verifyPassiveAuthentication({ sod: sod ?? new Uint8Array(), dataGroups, anchors: trust.anchors, crls: trust.crls, at: trust.at });
  const report = sodReport(passive, trust.at);
  const cardSecurityBytes = evidence.files.get('CardSecurity');
  const cardSecurity = cardSecurityBytes ? verifyCardSecurity(cardSecurityBytes, trust.anchors, trust.crls, trust.at) : null;
  const dg14 = securityInfos(evidence.files.get('DG14'));
  const checks: Omit<RecheckedCloneCheck, 'counts'>[] = [];

  const aa = evidence.activeAuthentication;
  if (aa) {
    const base = { method: 'active-authentication', keySource: 'DG15', recorded: aa.status, recordedDetail: aa.detail } as const;
    const dg15 = evidence.files.get('DG15');
    if (aa.answer === null) checks.push({ ...base, recheck: 'not-recorded', algorithm: '', detail: 'The chip gave no answer to check.' });
    else if (!dg15) checks.push({ ...base, recheck: 'failed', algorithm: '', detail: 'DG15, which holds the key, is not in the package.' });
    else {
      try {
        const verdict = verifyActiveAuthenticationAnswer(decodeDg15(dg15), dg14 ?? [], aa.challenge, aa.answer);
        checks.push({ ...base, recheck: verdict.status, algorithm: verdict.algorithm, detail: verdict.detail });
      } catch (e) {
        if (!(e instanceof ChipError)) throw e;
        checks.push({ ...base, recheck: 'failed', algorithm: '', detail: `DG15 cannot be read: ${e.message}` });
      }
    }
  }

  const ca = evidence.chipAuthentication;
  if (ca) {
    const base = { method: 'chip-authentication', keySource: 'DG14', recorded: ca.status, recordedDetail: ca.detail } as const;
    if (ca.transcript === null) checks.push({ ...base, recheck: 'not-recorded', algorithm: '', detail: 'The chip was not asked to answer under new keys.' });
    else if (!dg14) checks.push({ ...base, recheck: 'failed', algorithm: '', detail: 'DG14, which holds the key, is not in the package or cannot be read.' });
    else {
      const verdict = recheckChipAuthentication(dg14, ca.transcript);
      checks.push({ ...base, recheck: verdict.status, algorithm: verdict.algorithm, detail: verdict.detail });
    }
  }

  if (evidence.access.protocol === 'PACE-CAM') {
    const base = { method: 'pace-cam', keySource: 'CardSecurity', recorded: null, recordedDetail: '' } as const;
    if (!evidence.paceCam) checks.push({ ...base, recheck: 'not-recorded', algorithm: '', detail: 'The chip sent no chip authentication data with PACE-CAM.' });
    else if (!cardSecurity?.infos) checks.push({ ...base, recheck: 'failed', algorithm: '', detail: 'EF.CardSecurity, which holds the key, is not in the package or cannot be read.' });
    else {
      const verdict = verifyPaceCamData(evidence.paceCam, cardSecurity.infos);
      checks.push({ ...base, recheck: verdict.status, algorithm: '', detail: verdict.detail });
    }
  }

  const cardSecurityTrusted = cardSecurity?.outcome === 'trusted';
  return {
    readAt: evidence.readAt.toISOString(),
    access: evidence.access,
    files: evidence.statuses,
    passiveAuthentication: report,
    cardSecurity: cardSecurity && { outcome: cardSecurity.outcome, detail: cardSecurity.detail },
    cloneChecks: checks.map((c) => ({
      ...c,
      counts: c.recheck === 'succeeded' && cloneCheckCounts({ method: c.method, status: 'succeeded', keySource: c.keySource, algorithm: c.algorithm, detail: c.detail }, passive, cardSecurityTrusted),
    })),
  };
}
