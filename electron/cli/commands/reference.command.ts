// `loupe reference`: the reference library — list and show classes, export/import signed packages
// (accepted from the signers of the station's trust list: `loupe trust ... --for reference`), show
// the station's public key.
import { LoupeError, assertNever } from '../../common/loupe-error';
import { defaultDataDir } from '../../common/data-dir';
import type { DocumentClass } from '../../contract/reference.contract';
import {
  MAX_PACKAGE_BYTES,
  MAX_SIGNATURE_BYTES,
  builtinReferenceDir,
  exportPackage,
  importPackage,
  openReferenceLibrary,
  userReferenceDir,
  type ClassSummary,
  type ExportResult,
  type ImportResult,
  type LibraryProblem,
} from '../../reference';
import { loadOrCreateStationKey } from '../../trust/station-key';
import { textOption, required, type Command } from '../../common/command-line/command';
import { openStationStore } from '../../store';
import { StationTrust } from '../../trust/station-trust';
import { dataFolder, inputFile, outputFile } from '../../common/command-line/input-files';
import { calibrationLines, learnAction, learnHuman, learnOptions, learnUsage, type LearnResult } from './reference-learn';

export type ReferenceResult =
  | { action: 'list'; classes: ClassSummary[]; problems: LibraryProblem[] }
  | { action: 'show'; cls: DocumentClass; dir: string; source: string }
  | ({ action: 'export' } & ExportResult)
  | ({ action: 'import' } & ImportResult)
  | { action: 'key'; name: string; station: string; publicKey: string; fingerprint: string; publicKeyPem: string }
  | LearnResult;

export const referenceCommand: Command<ReferenceResult> = {
  name: 'reference',
  summary: 'reference library: list, show, learn/grow from genuine captures, export/import signed packages, station key',
  usage: [
    'usage: loupe reference list [--data DIR] [--json]',
    '       loupe reference show ID',
    ...learnUsage,
    '       loupe reference export --ids A,B --out FILE      (writes FILE and FILE.sig)',
    '       loupe reference import FILE [--sig FILE.sig]',
    "       loupe reference key [--signer NAME]              (this station's public key)",
    '',
    'Whose packages this station accepts: loupe trust list|add|remove --for reference.',
    'The data dir defaults to $LOUPE_DATA_DIR or ~/.local/share/loupe.',
  ].join('\n'),
  options: { ...learnOptions, data: { type: 'string' }, ids: { type: 'string' }, out: { type: 'string', short: 'o' }, sig: { type: 'string' }, signer: { type: 'string' } },
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
      case 'learn':
      case 'grow':
        return learnAction(action, args, library(), dataDir);
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
        const station = openStationStore(dataDir);
        try {
          const trust = new StationTrust(station);
          return { action, ...(await importPackage(library(), file, sig, (id) => trust.trusted(id, 'reference'))) };
        } finally {
          station.close();
        }
      }
      case 'key': {
        const key = loadOrCreateStationKey(dataDir, textOption(args, 'signer'));
        return { action, name: key.name, station: key.station, publicKey: key.publicKey, fingerprint: key.fingerprint, publicKeyPem: key.publicKeyPem };
      }
      default:
        if (action === 'trust') throw new LoupeError('common', 'InvalidInput', 'the trust list has its own command: loupe trust list|add|remove --for reference');
        throw new LoupeError('common', 'InvalidInput', action ? `unknown action '${action}' (list, show, learn, grow, export, import, key)` : 'give an action: list, show, learn, grow, export, import, key');
    }
  },
  human(result) {
    switch (result.action) {
      case 'list': {
        const rows = result.classes.map((c) => {
          const learned = c.learnedCaptures === null ? '' : `  (learned from ${c.learnedCaptures} captures)`;
          const row = `${c.id.padEnd(24)} ${c.format.padEnd(5)} ${(c.issuer ?? 'any').padEnd(4)} ${c.series.padEnd(8)} v${String(c.version).padEnd(4)} ${c.status.padEnd(8)} ${c.source}  ${c.documentType}${learned}`;
          return c.broken ? `${row}\n  BROKEN: cannot be loaded, never used to identify a document: ${c.broken.reason}` : row;
        });
        const problems = result.problems.map((p) => `skipped ${p.dir}: ${p.reason}`);
        return [...rows, ...problems].join('\n') || 'the reference library is empty';
      }
      case 'show':
        return [`${result.cls.id} v${result.cls.version} (${result.source}, ${result.dir})`, ...result.cls.zones.map((z) => `  ${z.id.padEnd(22)} ${z.kind.padEnd(10)} ${JSON.stringify(z.expect)}`), ...calibrationLines(result.cls)].join('\n');
      case 'learn':
      case 'grow':
        return learnHuman(result);
      case 'export':
        return `wrote ${result.file} (${Math.round(result.bytes / 1024)} KiB, ${result.classes.length} classes) and ${result.sigFile}`;
      case 'import':
        return [`signed by ${result.signer}`, ...result.imported.map((c) => `imported ${c.id} v${c.version}`), ...result.skipped.map((s) => `skipped ${s.id}: ${s.reason}`)].join('\n');
      case 'key':
        return `${result.name} (station ${result.station}, fingerprint ${result.fingerprint})\n${result.publicKeyPem.trim()}\nraw key ${result.publicKey}`;
      default:
        return assertNever(result, 'reference result');
    }
  },
};
