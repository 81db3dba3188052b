// `loupe reference`: the reference library — list and show classes, export/import signed packages,
// manage the trust list of package signers, show the station's public key.
import { LoupeError, assertNever } from '../../common/loupe-error';
import { defaultDataDir } from '../../common/data-dir';
import type { DocumentClass } from '../../contract/reference.contract';
import {
  MAX_PACKAGE_BYTES,
  MAX_SIGNATURE_BYTES,
  TrustList,
  builtinReferenceDir,
  exportPackage,
  importPackage,
  openReferenceLibrary,
  trustListPath,
  userReferenceDir,
  type ClassSummary,
  type ExportResult,
  type ImportResult,
  type LibraryProblem,
  type TrustedSigner,
} from '../../reference';
import { loadOrCreateStationKey } from '../../trust/station-key';
import { textOption, required, type Command, type ParsedArgs } from '../../common/command-line/command';
import { dataFolder, inputFile, outputFile, readInputFile } from '../../common/command-line/input-files';

/** A public key file holds one PEM or base64 key (under 200 bytes); anything far larger is not one. */
const PUBLIC_KEY_FILE_MAX_BYTES = 64 * 1024;

export type ReferenceResult =
  | { action: 'list'; classes: ClassSummary[]; problems: LibraryProblem[] }
  | { action: 'show'; cls: DocumentClass; dir: string; source: string }
  | ({ action: 'export' } & ExportResult)
  | ({ action: 'import' } & ImportResult)
  | { action: 'trust-add'; signer: TrustedSigner }
  | { action: 'trust-list'; file: string; signers: TrustedSigner[] }
  | { action: 'trust-remove'; removed: number }
  | { action: 'key'; name: string; fingerprint: string; publicKeyPem: string };

function runTrust(args: ParsedArgs, dataDir: string): ReferenceResult {
  const [, sub, name, keyFile] = args.positionals;
  const trust = TrustList.forDataDir(dataDir);
  switch (sub) {
    case 'add': {
      const signerName = required(name, 'usage: loupe reference trust add NAME PUBKEYFILE');
      const file = required(keyFile, 'usage: loupe reference trust add NAME PUBKEYFILE');
      const keyText = readInputFile(file, 'public key file', PUBLIC_KEY_FILE_MAX_BYTES).toString('utf8');
      return { action: 'trust-add', signer: trust.add(signerName, keyText) };
    }
    case 'list':
    case undefined:
      return { action: 'trust-list', file: trustListPath(dataDir), signers: trust.list() };
    case 'remove':
      return { action: 'trust-remove', removed: trust.remove(required(name, 'usage: loupe reference trust remove NAME|FINGERPRINT')) };
    default:
      throw new LoupeError('InvalidInput', `unknown trust action '${sub}' (add, list, remove)`);
  }
}

export const referenceCommand: Command<ReferenceResult> = {
  name: 'reference',
  summary: 'reference library: list, show, export/import signed packages, trust list',
  usage: [
    'usage: loupe reference list [--data DIR] [--json]',
    '       loupe reference show ID',
    '       loupe reference export --ids A,B --out FILE      (writes FILE and FILE.sig)',
    '       loupe reference import FILE [--sig FILE.sig]',
    '       loupe reference trust add NAME PUBKEYFILE | trust list | trust remove NAME',
    "       loupe reference key [--signer NAME]              (this station's public key)",
    '',
    'The data dir defaults to $LOUPE_DATA_DIR or ~/.local/share/loupe.',
  ].join('\n'),
  options: { data: { type: 'string' }, ids: { type: 'string' }, out: { type: 'string', short: 'o' }, sig: { type: 'string' }, signer: { type: 'string' } },
  async run(args) {
    const dataDir = dataFolder(textOption(args, 'data') ?? defaultDataDir(), 'data folder (--data)');
    const [action, arg] = args.positionals;
    const library = () => openReferenceLibrary({ builtinDir: builtinReferenceDir(), userDir: userReferenceDir(dataDir) });
    switch (action) {
      case 'list': {
        const lib = library();
        // Every image decoded: a class whose files were damaged after import is listed as broken.
        return { action, classes: await lib.summaries(), problems: lib.problems() };
      }
      case 'show': {
        const { cls, dir, source } = library().get(required(arg, 'usage: loupe reference show ID'));
        return { action, cls, dir, source };
      }
      case 'export': {
        const ids = required(textOption(args, 'ids'), '--ids A,B is required').split(',').map((s) => s.trim()).filter(Boolean);
        const out = outputFile(required(textOption(args, 'out'), '--out FILE is required'), 'package (--out)');
        outputFile(`${out}.sig`, 'signature file');
        return { action, ...exportPackage(library(), ids, out, loadOrCreateStationKey(dataDir, textOption(args, 'signer'))) };
      }
      case 'import': {
        const file = inputFile(required(arg, 'usage: loupe reference import FILE [--sig FILE.sig]'), 'package', MAX_PACKAGE_BYTES);
        // A package is only imported with its signature (next to it as FILE.sig unless --sig names it).
        const sig = inputFile(textOption(args, 'sig') ?? `${file}.sig`, 'signature file', MAX_SIGNATURE_BYTES);
        return { action, ...(await importPackage(library(), file, sig, TrustList.forDataDir(dataDir))) };
      }
      case 'trust':
        return runTrust(args, dataDir);
      case 'key': {
        const key = loadOrCreateStationKey(dataDir, textOption(args, 'signer'));
        return { action, name: key.name, fingerprint: key.fingerprint, publicKeyPem: key.publicKeyPem };
      }
      default:
        throw new LoupeError('InvalidInput', action ? `unknown action '${action}' (list, show, export, import, trust, key)` : 'give an action: list, show, export, import, trust, key');
    }
  },
  human(result) {
    switch (result.action) {
      case 'list': {
        const rows = result.classes.map((c) => {
          const row = `${c.id.padEnd(24)} ${c.format.padEnd(5)} ${(c.issuer ?? 'any').padEnd(4)} ${c.series.padEnd(8)} v${String(c.version).padEnd(4)} ${c.status.padEnd(8)} ${c.source}  ${c.documentType}`;
          return c.broken ? `${row}\n  BROKEN: cannot be loaded, never used to identify a document: ${c.broken.reason}` : row;
        });
        const problems = result.problems.map((p) => `skipped ${p.dir}: ${p.reason}`);
        return [...rows, ...problems].join('\n') || 'the reference library is empty';
      }
      case 'show':
        return `${result.cls.id} v${result.cls.version} (${result.source}, ${result.dir})\n${result.cls.zones.map((z) => `  ${z.id.padEnd(22)} ${z.kind.padEnd(10)} ${JSON.stringify(z.expect)}`).join('\n')}`;
      case 'export':
        return `wrote ${result.file} (${Math.round(result.bytes / 1024)} KiB, ${result.classes.length} classes) and ${result.sigFile}`;
      case 'import':
        return [`signed by ${result.signer}`, ...result.imported.map((c) => `imported ${c.id} v${c.version}`), ...result.skipped.map((s) => `skipped ${s.id}: ${s.reason}`)].join('\n');
      case 'trust-add':
        return `trusted ${result.signer.name} (${result.signer.fingerprint.slice(0, 16)}…)`;
      case 'trust-list':
        return result.signers.map((s) => `${s.name.padEnd(24)} ${s.fingerprint.slice(0, 16)}…  added ${s.addedAt}`).join('\n') || `no trusted signers (${result.file})`;
      case 'trust-remove':
        return `removed ${result.removed} signer${result.removed === 1 ? '' : 's'}`;
      case 'key':
        return `${result.name} (fingerprint ${result.fingerprint})\n${result.publicKeyPem.trim()}`;
      default:
        return assertNever(result, 'reference result');
    }
  },
};
