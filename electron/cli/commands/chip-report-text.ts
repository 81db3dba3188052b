// What `loupe chip sod` and `loupe chip verify` print for a person: passive authentication part by
// part (the outcome, the signature, every data-group hash, the chain and its certificates), the
// clone checks as recorded and as checked again here, and who signed an evidence package.
import type { CertificateSummary, SodReport } from '../../contract/chip.contract';
import type { EvidenceVerification } from '../../chip/evidence/evidence-verification';

const day = (iso: string | null) => (iso === null ? '—' : iso.slice(0, 10));

const STATUS_TEXT: Record<SodReport['dataGroups'][number]['status'], string> = {
  match: 'matches',
  mismatch: 'DOES NOT MATCH',
  'not-read': 'not given',
  'not-in-sod': 'given, but EF.SOD has no hash for it',
};

function certificateLines(title: string, c: CertificateSummary | null): string[] {
  if (!c) return [`${title}: none`];
  const usage = c.privateKeyUsage ? [`  private key usage: ${day(c.privateKeyUsage.notBefore)} → ${day(c.privateKeyUsage.notAfter)}`] : [];
  return [`${title}:`, `  subject: ${c.subject}`, `  issuer:  ${c.issuer}`, `  serial:  ${c.serial}`, `  valid:   ${day(c.notBefore)} → ${day(c.notAfter)}`, ...usage];
}

export function sodReportLines(r: SodReport, files: ReadonlyMap<number, string> = new Map()): string[] {
  return [
    `outcome: ${r.outcome} — ${r.detail}`,
    `signature: ${r.signature.valid ? 'valid' : 'INVALID'} (${r.signature.algorithm || 'unknown algorithm'})`,
    `hash algorithm: ${r.hashAlgorithm || '—'}${r.ldsVersion ? `; LDS ${r.ldsVersion}` : ''}`,
    `signed: ${r.signingTime ?? 'no signing time in EF.SOD'}`,
    ...certificateLines('document signer', r.documentSigner),
    ...certificateLines('CSCA', r.csca),
    `chain: ${r.chain ? `${r.chain.status} — ${r.chain.detail}` : 'not checked (no document signer certificate)'}`,
    'data groups:',
    ...r.dataGroups.map((g) => `  DG${String(g.dataGroup).padEnd(3)} ${(g.signedHash ?? '—').padEnd(64)}  ${STATUS_TEXT[g.status]}${files.has(g.dataGroup) ? ` (${files.get(g.dataGroup)})` : ''}`),
    `checked at ${r.checkedAt} against this station's trust store`,
  ];
}

export function evidenceLines(v: EvidenceVerification, signer: { station: string; name: string; trustedAs: string | null }): string[] {
  const read = v.files.map((f) => `${f.file} ${f.status}${f.status === 'read' ? ` (${f.bytes} bytes)` : ''}`).join(', ');
  return [
    `signed by station ${signer.station} ("${signer.name}"): signature valid; ${signer.trustedAs ? `on this desk's trust list as ${signer.trustedAs}` : "NOT on this desk's trust lists"}`,
    `read: ${v.readAt}`,
    `access: ${v.access.protocol} (${v.access.reason}${v.access.paceOid ? `, ${v.access.paceOid}` : ''}) — ${v.access.detail}`,
    `files: ${read}`,
    '',
    ...sodReportLines(v.passiveAuthentication),
    ...(v.cardSecurity ? [`EF.CardSecurity: ${v.cardSecurity.outcome} — ${v.cardSecurity.detail}`] : []),
    '',
    'clone checks:',
    ...(v.cloneChecks.length === 0 ? ['  none recorded'] : []),
    ...v.cloneChecks.flatMap((c) => [
      `  ${c.method}${c.algorithm ? ` (${c.algorithm})` : ''}: checked here ${c.recheck} — ${c.detail}`,
      `    recorded at the station: ${c.recorded ?? 'not stated'}${c.recordedDetail ? ` — ${c.recordedDetail}` : ''}`,
      `    counts: ${c.counts ? 'yes' : `no${c.recheck === 'succeeded' ? ` (passive authentication here does not cover ${c.keySource})` : ''}`}`,
      ...(c.method === 'chip-authentication' && c.recheck === 'succeeded' ? ["    note: the answer is a MAC under keys the recording station also knew; as evidence it rests on that station's signature"] : []),
    ]),
  ];
}
