// `loupe audit`: the station's tamper-evident audit trail (docs/audit-trail.md).
//   verify              the station's own log: its hash chain and its checkpoints signed with the station key;
//   verify FILE         an audit export, at a desk with no station data: its signature over the exact
//                       bytes, the chain inside it, and its checkpoints' signatures;
//   export --since DATE --out FILE   the entries since DATE as a signed file for an oversight body.
// Exit codes: 0 the trail is intact; 1 it is broken (the first broken place is named); 2 bad input —
// a file that is not a whole, unaltered export signed by the key expected, a bad date, a bad path.
import { basename } from 'node:path';
import { LoupeError, assertNever } from '../../common/loupe-error';
import { defaultDataDir } from '../../common/data-dir';
import { required, textOption, type Command, type ParsedArgs } from '../../common/command-line/command';
import { EXIT_FAILURE, EXIT_OK } from '../../common/command-line/exit-code';
import { dataFolder, outputFile, readInputFile } from '../../common/command-line/input-files';
import { writePrivateFile } from '../../common/private-files';
import { verifyAuditExport } from '../../audit/audit-export-check';
import { decodeAuditExport, MAX_AUDIT_EXPORT_BYTES } from '../../audit/audit-export.codec';
import { AuditTrail } from '../../audit/audit-trail';
import type { AuditVerification } from '../../contract/audit.contract';
import { openStationStore } from '../../store';
import { existingStationKey, loadOrCreateStationKey } from '../../trust/station-key';
import { keyArgument } from '../../trust/member-cli';

export type AuditResult =
  | { action: 'verify'; source: 'station'; verification: AuditVerification }
  | { action: 'verify'; source: 'file'; file: string; station: string; publicKey: string; createdAt: string; since: string; verification: AuditVerification }
  | { action: 'export'; file: string; since: string; entries: number; firstEntryId: number | null; checkpoints: number; bytes: number; verification: AuditVerification };

const USAGE = 'usage: loupe audit verify [FILE] [--key KEY] | loupe audit export --since DATE --out FILE';

/** A day (2026-01-31, from midnight UTC) or an instant with its zone (2026-01-31T08:00:00Z, ...+02:00). */
function sinceOption(args: ParsedArgs): Date {
  const text = required(textOption(args, 'since'), 'loupe audit export needs --since DATE (e.g. 2026-01-31)');
  const shape = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
  const date = new Date(/T/.test(text) ? text : `${text}T00:00:00Z`);
  if (!shape.test(text) || Number.isNaN(date.getTime()) || (!/T/.test(text) && date.toISOString().slice(0, 10) !== text)) {
    throw new LoupeError('common', 'InvalidInput', `--since takes a date such as 2026-01-31 or 2026-01-31T08:00:00Z, not '${text}'`);
  }
  return date;
}

function verifyFile(args: ParsedArgs, file: string): AuditResult {
  const key = textOption(args, 'key');
  const expected = key === undefined ? undefined : keyArgument(key);
  const bytes = readInputFile(file, 'audit export', MAX_AUDIT_EXPORT_BYTES);
  let decoded;
  try {
    decoded = decodeAuditExport(bytes, expected);
  } catch (e) {
    if (e instanceof LoupeError && e.kind === 'AuditFileRefused') throw new LoupeError('audit', 'AuditFileRefused', `'${file}' is refused: ${e.message}`);
    throw e;
  }
  return { action: 'verify', source: 'file', file, station: decoded.station, publicKey: decoded.publicKey, createdAt: decoded.createdAt, since: decoded.since, verification: verifyAuditExport(decoded) };
}

function withTrail<T>(dataDir: string, signing: boolean, work: (trail: AuditTrail, station: ReturnType<typeof openStationStore>) => T): T {
  const store = openStationStore(dataDir);
  try {
    return work(new AuditTrail(store, signing ? loadOrCreateStationKey(dataDir) : existingStationKey(dataDir)), store);
  } finally {
    store.close();
  }
}

export function verificationLines(v: AuditVerification): string[] {
  const lines = [
    v.intact ? 'audit trail intact' : `audit trail BROKEN at entry ${v.break!.entryId} (${v.break!.kind}): ${v.break!.message}`,
    `${v.entries} entries${v.firstEntryId === null ? '' : ` (${v.firstEntryId} to ${v.head.entryId})`}, head ${v.head.hash}`,
    v.lastCheckpoint ? `${v.checkpoints} signed checkpoints, the last at ${v.lastCheckpoint.at} covering entry ${v.lastCheckpoint.entryId}` : 'no signed checkpoint',
  ];
  return lines;
}

export const auditCommand: Command<AuditResult> = {
  name: 'audit',
  summary: "the tamper-evident audit trail: verify the station's log or an export, export it for oversight",
  usage: [
    'usage: loupe audit verify [--data DIR] [--json]',
    '       loupe audit verify FILE [--key KEY] [--json]',
    '       loupe audit export --since DATE --out FILE [--data DIR] [--json]',
    '',
    "verify: the station's audit log — every entry's link to the one before it (SHA-256 chain) and every",
    'checkpoint of its head signed with the station key (at each start and every hour) — or, given FILE, an',
    'audit export at a desk with no station data: its signature, the chain inside it and its checkpoints.',
    "KEY: the station's public key as the desk knows it (raw base64, PEM, or a file); a file signed by",
    'another key is refused.',
    'export: the entries written since DATE (2026-01-31 or 2026-01-31T08:00:00Z) to the newest, with the hash',
    "of the entry before them, their checkpoints (a new one signed now) and the station's public key, signed.",
    'Exit codes: 0 intact, 1 broken (the first broken entry is named), 2 bad input (a file refused: truncated,',
    'oversized, altered, badly encoded, signed by another key; a bad date or path).',
    'The data dir defaults to $LOUPE_DATA_DIR or ~/.local/share/loupe (--data DIR).',
  ].join('\n'),
  options: { data: { type: 'string' }, since: { type: 'string' }, out: { type: 'string' }, key: { type: 'string' } },
  async run(args) {
    const [action, file, extra] = args.positionals;
    if (action !== 'verify' && action !== 'export') throw new LoupeError('common', 'InvalidInput', action === undefined ? USAGE : `unknown action '${action}' (verify, export)`);
    if (extra !== undefined || (action === 'export' && file !== undefined)) throw new LoupeError('common', 'InvalidInput', USAGE);
    if (action === 'verify') {
      if (args.values.since !== undefined || args.values.out !== undefined) throw new LoupeError('common', 'InvalidInput', '--since and --out are options of loupe audit export');
      if (file !== undefined) {
        if (args.values.data !== undefined) throw new LoupeError('common', 'InvalidInput', 'loupe audit verify FILE reads the file alone: --data is not used');
        return verifyFile(args, file);
      }
      if (args.values.key !== undefined) throw new LoupeError('common', 'InvalidInput', "--key is for loupe audit verify FILE: the station's own log is checked with its own key");
      const dataDir = dataFolder(textOption(args, 'data') ?? defaultDataDir(), 'data folder (--data)');
      return { action: 'verify', source: 'station', verification: withTrail(dataDir, false, (trail) => trail.verify()) };
    }
    if (args.values.key !== undefined) throw new LoupeError('common', 'InvalidInput', '--key is an option of loupe audit verify FILE');
    const since = sinceOption(args);
    const out = outputFile(required(textOption(args, 'out'), 'loupe audit export needs --out FILE'), 'audit export (--out)');
    const dataDir = dataFolder(textOption(args, 'data') ?? defaultDataDir(), 'data folder (--data)');
    return withTrail(dataDir, true, (trail, store) => {
      const { bytes, content } = trail.exportSince(since);
      // Officers' names are in the entries: the file is private to this user, as the data folder is.
      writePrivateFile(out, bytes);
      const verification = trail.verify();
      store.audit({ officer: null, action: 'audit.export', subject: basename(out), details: { since: content.since, entries: content.entries.length, checkpoints: content.checkpoints.length, from: 'command line' } });
      return { action: 'export', file: out, since: content.since, entries: content.entries.length, firstEntryId: content.entries[0]?.id ?? null, checkpoints: content.checkpoints.length, bytes: bytes.length, verification };
    });
  },
  human(result) {
    switch (result.action) {
      case 'verify':
        return result.source === 'station'
          ? ["this station's audit log", ...verificationLines(result.verification)].join('\n')
          : [
              `audit export ${result.file}, made ${result.createdAt}, entries since ${result.since}`,
              `signed by station ${result.station} (key ${result.publicKey}): check this key against the one the station published`,
              ...verificationLines(result.verification),
            ].join('\n');
      case 'export':
        return [
          `wrote ${result.file} (${result.bytes} bytes): ${result.entries} entries since ${result.since}${result.firstEntryId === null ? '' : ` (from entry ${result.firstEntryId})`}, ${result.checkpoints} signed checkpoints`,
          ...(result.verification.intact ? [] : [`note: ${verificationLines(result.verification)[0]}`]),
        ].join('\n');
      default:
        return assertNever(result, 'audit result');
    }
  },
  exitCode(result) {
    return result.verification.intact ? EXIT_OK : EXIT_FAILURE;
  },
};

