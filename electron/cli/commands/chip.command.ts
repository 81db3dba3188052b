// `loupe chip`: an expert's questions about eMRTD chip data sent to them, answered offline against
// this station's CSCA trust store (docs/chip-domain.md, docs/trust.md):
//   sod FILE [--dg N=FILE ...]  passive authentication of an EF.SOD and the data groups given;
//   verify PACKAGE              a signed chip evidence package: its signature, then passive
//                               authentication and every clone check repeated from what it recorded.
// What the checks find (an unknown issuer, a hash mismatch, a revoked signer) is the answer, exit 0;
// a file that is not what it should be is bad input, exit 2.
import { LoupeError, assertNever } from '../../common/loupe-error';
import { defaultDataDir } from '../../common/data-dir';
import { textOption, type Command, type ParsedArgs } from '../../common/command-line/command';
import { dataFolder, readInputFile } from '../../common/command-line/input-files';
import type { SodReport } from '../../contract/chip.contract';
import { ChipError, chipLoupeError } from '../../chip/chip-error';
import { decodeEvidencePackage, MAX_EVIDENCE_BYTES } from '../../chip/evidence/evidence-package.codec';
import { verifyChipEvidence, type EvidenceVerification } from '../../chip/evidence/evidence-verification';
import { decodeSod } from '../../chip/lds/sod.codec';
import { verifyPassiveAuthentication } from '../../chip/pki/passive-authentication';
import { sodReport } from '../../chip/pki/sod-report';
import { openStationStore } from '../../store';
import { CscaTrustStore } from '../../trust/csca-trust-store';
import { keyIdentity } from '../../trust/public-key';
import { StationTrust } from '../../trust/station-trust';
import { TRUST_PURPOSES } from '../../trust/trust-member';
import { evidenceLines, sodReportLines } from './chip-report-text';

/** EF.SOD is a few kilobytes (a document signer certificate and 16 hashes at most). */
const MAX_SOD_BYTES = 256 * 1024;
/** The largest data groups (DG2's face, DG3's fingerprints) are some hundred kilobytes. */
const MAX_DG_BYTES = 8 * 1024 * 1024;

export interface SodCheck {
  file: string;
  dataGroupFiles: { dataGroup: number; file: string }[];
  trustStore: { certificates: number; crls: number };
  report: SodReport;
}

export interface EvidenceCheck {
  file: string;
  signer: { station: string; publicKey: string; name: string; trustedAs: string | null };
  createdAt: string;
  trustStore: { certificates: number; crls: number };
  verification: EvidenceVerification;
}

export type ChipResult = { action: 'sod'; check: SodCheck } | { action: 'verify'; check: EvidenceCheck };

function dgOptions(args: ParsedArgs): { dataGroup: number; file: string }[] {
  const raw = args.values.dg;
  const values = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).filter((v): v is string => typeof v === 'string');
  const seen = new Set<number>();
  return values.map((value) => {
    const match = /^(?:DG)?(\d{1,2})=(.+)$/i.exec(value);
    const n = match ? Number(match[1]) : NaN;
    if (!match || n < 1 || n > 16) throw new LoupeError('common', 'InvalidInput', `--dg takes N=FILE with N the data group number, 1 to 16 (not '${value}')`);
    if (seen.has(n)) throw new LoupeError('common', 'InvalidInput', `--dg ${n} is given twice`);
    seen.add(n);
    return { dataGroup: n, file: match[2]! };
  });
}

/** --at DATE: when the check applies; an ISO 8601 date or time. */
function atOption(args: ParsedArgs): Date | undefined {
  const text = textOption(args, 'at');
  if (text === undefined) return undefined;
  const at = /^\d{4}-\d\d-\d\d(T[\d:.]+(Z|[+-]\d\d:\d\d)?)?$/.test(text) ? new Date(text) : new Date(NaN);
  if (Number.isNaN(at.getTime())) throw new LoupeError('common', 'InvalidInput', `--at takes a date such as 2026-03-01 or 2026-03-01T10:00:00Z (not '${text}')`);
  return at;
}

function withTrustStore<T>(args: ParsedArgs, f: (store: CscaTrustStore, trust: StationTrust) => T): T {
  const station = openStationStore(dataFolder(textOption(args, 'data') ?? defaultDataDir(), 'data folder (--data)'));
  try {
    return f(new CscaTrustStore(station), new StationTrust(station));
  } finally {
    station.close();
  }
}

function checkSod(args: ParsedArgs, file: string): SodCheck {
  const groups = dgOptions(args);
  const at = atOption(args) ?? new Date();
  const sod = new Uint8Array(readInputFile(file, 'EF.SOD file', MAX_SOD_BYTES));
  const dataGroups = new Map(groups.map((g) => [g.dataGroup, new Uint8Array(readInputFile(g.file, `DG${g.dataGroup} file`, MAX_DG_BYTES))] as const));
  try {
    decodeSod(sod);
  } catch (e) {
    if (!(e instanceof ChipError)) throw e;
    throw new LoupeError('chip', 'MalformedData', `'${file}' is not an EF.SOD (document security object): ${e.message.replace(/^Malformed chip data: /, '')}`);
  }
  return withTrustStore(args, (store) => {
    const { anchors, crls } = store.trustIndex();
    const result = verifyPassiveAuthentication({ sod, dataGroups, anchors, crls, at });
    return { file, dataGroupFiles: groups, trustStore: { certificates: anchors.certificates.length, crls: crls.length }, report: sodReport(result, at) };
  });
}

function checkEvidence(args: ParsedArgs, file: string): EvidenceCheck {
  const at = atOption(args);
  const bytes = readInputFile(file, 'evidence package', MAX_EVIDENCE_BYTES);
  let decoded;
  try {
    decoded = decodeEvidencePackage(bytes);
  } catch (e) {
    if (!(e instanceof ChipError)) throw e;
    throw chipLoupeError(new ChipError(e.kind, `'${file}' is refused: ${e.message}`));
  }
  const { station } = keyIdentity(decoded.signerKey);
  return withTrustStore(args, (store, trust) => {
    const { anchors, crls } = store.trustIndex();
    const member = TRUST_PURPOSES.map((p) => trust.trusted(station, p)).find((m) => m !== undefined);
    // The check applies at the time of reading unless asked otherwise: was the chip genuine when it was presented?
    const verification = verifyChipEvidence(decoded.evidence, { anchors, crls, at: at ?? decoded.evidence.readAt });
    return {
      file,
      signer: { station, publicKey: decoded.signerKey, name: decoded.station, trustedAs: member ? `'${member.name}' (for ${member.for})` : null },
      createdAt: decoded.createdAt.toISOString(),
      trustStore: { certificates: anchors.certificates.length, crls: crls.length },
      verification,
    };
  });
}

const USAGE = 'usage: loupe chip sod FILE [--dg N=FILE ...] [--at DATE] | loupe chip verify PACKAGE [--at DATE]';

export const chipCommand: Command<ChipResult> = {
  name: 'chip',
  summary: "eMRTD chip data checked against this station's CSCA trust store: an EF.SOD, or a signed evidence package",
  usage: [
    'usage: loupe chip sod FILE [--dg N=FILE ...] [--at DATE] [--json]',
    '       loupe chip verify PACKAGE [--at DATE] [--json]',
    '',
    'sod: passive authentication of an EF.SOD (ICAO 9303-11 §5.1) — the document signer certificate, the',
    'algorithms, every data-group hash (and whether each DG file given with --dg matches it), and the chain',
    "to a CSCA of this station's trust store (loupe trust import). Checked now unless --at says when.",
    'verify: a chip evidence package — its Ed25519 signature and signer, then passive authentication and',
    'the clone checks (active / chip authentication, PACE-CAM) repeated from what it recorded. Checked at the',
    'time the chip was read unless --at says otherwise.',
    'The data dir defaults to $LOUPE_DATA_DIR or ~/.local/share/loupe (--data DIR).',
  ].join('\n'),
  options: { data: { type: 'string' }, dg: { type: 'string', multiple: true }, at: { type: 'string' } },
  async run(args) {
    const [action, file, extra] = args.positionals;
    if (action !== 'sod' && action !== 'verify') throw new LoupeError('common', 'InvalidInput', action === undefined ? USAGE : `unknown action '${action}' (sod, verify)`);
    if (file === undefined || extra !== undefined) throw new LoupeError('common', 'InvalidInput', USAGE);
    if (action === 'verify' && args.values.dg !== undefined) throw new LoupeError('common', 'InvalidInput', '--dg is an option of loupe chip sod: a package holds its data groups');
    return action === 'sod' ? { action, check: checkSod(args, file) } : { action, check: checkEvidence(args, file) };
  },
  human(result) {
    switch (result.action) {
      case 'sod': {
        const { check } = result;
        return [`EF.SOD ${check.file}`, ...sodReportLines(check.report, new Map(check.dataGroupFiles.map((g) => [g.dataGroup, g.file]))), `(${check.trustStore.certificates} CSCA certificates, ${check.trustStore.crls} CRLs held)`].join('\n');
      }
      case 'verify': {
        const { check } = result;
        return [`evidence package ${check.file} (made ${check.createdAt})`, ...evidenceLines(check.verification, check.signer), `(${check.trustStore.certificates} CSCA certificates, ${check.trustStore.crls} CRLs held)`].join('\n');
      }
      default:
        return assertNever(result, 'chip result');
    }
  },
};
