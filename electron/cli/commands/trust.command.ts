// `loupe trust`: the station's trust lists (docs/trust.md) — the keys whose reference packages and
// whose trend bundles this station accepts, and the CSCA trust store eMRTD chips are verified
// against. One entry per key and purpose; removing revokes it (the entry is kept, with when).
// CSCA master lists, certificates and CRLs are imported from files, all or nothing. Changes are
// recorded in the station's audit log.
import { LoupeError, assertNever } from '../../common/loupe-error';
import { defaultDataDir } from '../../common/data-dir';
import { required, textOption, type Command, type ParsedArgs } from '../../common/command-line/command';
import { dataFolder } from '../../common/command-line/input-files';
import type { CrlEntry, CscaEntry, TrustHealth } from '../../contract/csca-trust.contract';
import { issuingStates } from '../../mrz/mrz-states';
import { openStationStore } from '../../store';
import { cscaListText, cscaSummary, healthText, importLines, signerRoots, trustFiles } from '../../trust/csca-cli';
import { planTrustImport } from '../../trust/csca-import-plan';
import { CscaTrustStore, type FileImportResult } from '../../trust/csca-trust-store';
import { commandLineActor, keyArgument, memberLine, memberLines, purposeOption } from '../../trust/member-cli';
import { StationTrust } from '../../trust/station-trust';
import type { TrustMember } from '../../trust/trust-member';
import { trustStoreHealth } from '../../trust/trust-store-health';

export type TrustResult =
  | { action: 'list'; members: TrustMember[]; cscas: { certificates: number; crls: number } }
  | { action: 'list-csca'; certificates: CscaEntry[]; crls: CrlEntry[] }
  | { action: 'add'; member: TrustMember }
  | { action: 'remove'; removed: TrustMember[] }
  | { action: 'import'; imported: FileImportResult[] }
  | { action: 'health'; health: TrustHealth };

const ACTIONS = ['list', 'add', 'remove', 'import', 'health'] as const;

function signerPaths(args: ParsedArgs): string[] {
  const value = args.values.signer;
  return (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []).filter((v): v is string => typeof v === 'string');
}

export const trustCommand: Command<TrustResult> = {
  name: 'trust',
  summary: 'the trust lists and the CSCA trust store: whose packages and bundles this station accepts, which chips it trusts',
  usage: [
    'usage: loupe trust list [--for reference|trends|csca] [--json]',
    '       loupe trust add NAME KEY --for reference|trends [--actor NAME]',
    '       loupe trust remove STATION|NAME --for reference|trends [--actor NAME]',
    '       loupe trust import FILE... [--signer ROOT ...] [--actor NAME]',
    '       loupe trust health [--json]',
    '',
    "KEY is the other station's public key: the 44 characters `loupe trends identity` prints there, its PEM",
    '(`loupe reference key`), or a file holding either. The station id is derived from the key.',
    'import reads CSCA master lists, CSCA and link certificates (DER or PEM) and CRLs; a master list is',
    "imported only when its signature verifies under a ROOT given with --signer (the issuing State's CSCA).",
    'One file refused refuses the import: nothing is stored.',
    'The data dir defaults to $LOUPE_DATA_DIR or ~/.local/share/loupe (--data DIR).',
  ].join('\n'),
  options: { data: { type: 'string' }, for: { type: 'string' }, actor: { type: 'string' }, signer: { type: 'string', multiple: true } },
  async run(args) {
    const dataDir = dataFolder(textOption(args, 'data') ?? defaultDataDir(), 'data folder (--data)');
    const [action, a1, a2] = args.positionals;
    if (action !== undefined && !(ACTIONS as readonly string[]).includes(action)) throw new LoupeError('common', 'InvalidInput', `unknown action '${action}' (${ACTIONS.join(', ')})`);
    // Every argument is checked, and every file read and verified, before the station database is opened.
    const listFor = action === 'list' || action === undefined ? textOption(args, 'for') : undefined;
    if (listFor !== undefined && !['reference', 'trends', 'csca'].includes(listFor)) throw new LoupeError('trust', 'InvalidInput', `--for is reference, trends or csca, not '${listFor}'`);
    const cscaList = listFor === 'csca';
    const purpose = cscaList || action === 'import' || action === 'health' ? undefined : purposeOption(args, action === 'add' || action === 'remove');
    const added = action === 'add' ? { name: required(a1, 'usage: loupe trust add NAME KEY --for reference|trends'), publicKey: keyArgument(required(a2, 'usage: loupe trust add NAME KEY --for reference|trends')) } : undefined;
    const removed = action === 'remove' ? required(a1, 'usage: loupe trust remove STATION|NAME --for reference|trends') : undefined;
    if (action !== 'import' && signerPaths(args).length > 0) throw new LoupeError('common', 'InvalidInput', '--signer is an option of loupe trust import');
    const now = new Date();
    const plan = action === 'import' ? planTrustImport(trustFiles(args.positionals.slice(1)), signerRoots(signerPaths(args)), now) : undefined;
    const station = openStationStore(dataDir);
    try {
      const trust = new StationTrust(station);
      const cscas = new CscaTrustStore(station);
      const actor = commandLineActor(args);
      if (plan) {
        const imported = cscas.import(plan, actor, now);
        for (const r of imported) {
          station.audit({
            officer: null, action: 'trust.import', subject: r.file,
            details: { kind: r.kind, sha256: r.fileSha256, signer: r.signer, certificates: r.certificates, added: r.added, alreadyHeld: r.alreadyHeld, leftOut: r.leftOut.length, crls: r.crls.map((c) => ({ issuer: c.issuer, thisUpdate: c.thisUpdate, fate: c.fate })), by: actor, from: 'command line' },
          });
        }
        return { action: 'import', imported };
      }
      if (added) {
        const member = trust.add({ ...added, for: purpose!, addedBy: actor });
        station.audit({ officer: null, action: 'trust.add', subject: member.station, details: { for: member.for, name: member.name, by: actor, from: 'command line' } });
        return { action: 'add', member };
      }
      if (removed !== undefined) {
        const revoked = trust.remove(removed, purpose!);
        for (const m of revoked) station.audit({ officer: null, action: 'trust.remove', subject: m.station, details: { for: m.for, name: m.name, by: actor, from: 'command line' } });
        return { action: 'remove', removed: revoked };
      }
      if (action === 'health') {
        return { action: 'health', health: trustStoreHealth({ certificates: cscas.certificates(), crls: cscas.crls(), states: issuingStates(), lastImport: cscas.lastImport(), now }) };
      }
      if (cscaList) return { action: 'list-csca', certificates: cscas.certificates(), crls: cscas.crls() };
      return { action: 'list', members: trust.list(purpose ? { for: purpose } : {}), cscas: cscas.counts() };
    } finally {
      station.close();
    }
  },
  human(result) {
    switch (result.action) {
      case 'list':
        return [memberLines(result.members, 'no trusted keys: packages and bundles of other stations are refused'), '', cscaSummary(result.cscas.certificates, result.cscas.crls)].join('\n');
      case 'list-csca':
        return cscaListText(result.certificates, result.crls);
      case 'add':
        return `trusted ${memberLine(result.member)}`;
      case 'remove':
        return result.removed.length === 0 ? 'removed nothing: no active entry has that station id or name' : result.removed.map((m) => `removed ${memberLine(m)}`).join('\n');
      case 'import':
        return importLines(result.imported);
      case 'health':
        return healthText(result.health);
      default:
        return assertNever(result, 'trust result');
    }
  },
};
