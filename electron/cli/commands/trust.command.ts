// `loupe trust`: the station's trust lists (docs/trust.md) — the keys whose reference packages and
// whose trend bundles this station accepts. One entry per key and purpose; removing revokes it (the
// entry is kept, with when). Changes are recorded in the station's audit log.
import { LoupeError, assertNever } from '../../common/loupe-error';
import { defaultDataDir } from '../../common/data-dir';
import { required, textOption, type Command } from '../../common/command-line/command';
import { dataFolder } from '../../common/command-line/input-files';
import { openStationStore } from '../../store';
import { commandLineActor, keyArgument, memberLine, memberLines, purposeOption } from '../../trust/member-cli';
import { StationTrust } from '../../trust/station-trust';
import type { TrustMember } from '../../trust/trust-member';

export type TrustResult = { action: 'list'; members: TrustMember[] } | { action: 'add'; member: TrustMember } | { action: 'remove'; removed: TrustMember[] };

export const trustCommand: Command<TrustResult> = {
  name: 'trust',
  summary: 'the trust lists: whose reference packages and trend bundles this station accepts',
  usage: [
    'usage: loupe trust list [--for reference|trends] [--json]',
    '       loupe trust add NAME KEY --for reference|trends [--actor NAME]',
    '       loupe trust remove STATION|NAME --for reference|trends [--actor NAME]',
    '',
    "KEY is the other station's public key: the 44 characters `loupe trends identity` prints there, its PEM",
    '(`loupe reference key`), or a file holding either. The station id is derived from the key.',
    'The data dir defaults to $LOUPE_DATA_DIR or ~/.local/share/loupe (--data DIR).',
  ].join('\n'),
  options: { data: { type: 'string' }, for: { type: 'string' }, actor: { type: 'string' } },
  async run(args) {
    const dataDir = dataFolder(textOption(args, 'data') ?? defaultDataDir(), 'data folder (--data)');
    const [action, a1, a2] = args.positionals;
    // Every argument is checked before the station database is opened.
    const purpose = purposeOption(args, action === 'add' || action === 'remove');
    const added = action === 'add' ? { name: required(a1, 'usage: loupe trust add NAME KEY --for reference|trends'), publicKey: keyArgument(required(a2, 'usage: loupe trust add NAME KEY --for reference|trends')) } : undefined;
    const removed = action === 'remove' ? required(a1, 'usage: loupe trust remove STATION|NAME --for reference|trends') : undefined;
    if (action !== undefined && action !== 'list' && action !== 'add' && action !== 'remove') throw new LoupeError('common', 'InvalidInput', `unknown action '${action}' (list, add, remove)`);
    const station = openStationStore(dataDir);
    try {
      const trust = new StationTrust(station);
      const actor = commandLineActor(args);
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
      return { action: 'list', members: trust.list(purpose ? { for: purpose } : {}) };
    } finally {
      station.close();
    }
  },
  human(result) {
    switch (result.action) {
      case 'list':
        return memberLines(result.members, 'no trusted keys: packages and bundles of other stations are refused');
      case 'add':
        return `trusted ${memberLine(result.member)}`;
      case 'remove':
        return result.removed.length === 0 ? 'removed nothing: no active entry has that station id or name' : result.removed.map((m) => `removed ${memberLine(m)}`).join('\n');
      default:
        return assertNever(result, 'trust result');
    }
  },
};
