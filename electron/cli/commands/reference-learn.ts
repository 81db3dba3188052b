// `loupe reference learn` and `loupe reference grow`: a class learned from genuine captures, or the
// next version of a learned class with more captures, saved into the station's user library as
// Loupe proposes it (correct it afterwards in the Reference screen). The capture files are grouped
// per capture by the hot folder's naming (NAME_white / NAME_ir / NAME_uv). Both are audited.
import { LoupeError } from '../../common/loupe-error';
import { textOption, required, type OptionSpec, type ParsedArgs } from '../../common/command-line/command';
import { inputFile } from '../../common/command-line/input-files';
import { printable } from '../../common/command-line/terminal-text';
import { boundStanding } from '../../contract/calibration-standing';
import type { DocumentClass } from '../../contract/reference.contract';
import { LearningService } from '../../learning/learning.service';
import type { CaptureReport } from '../../learning/learn-class';
import { MAX_INPUT_BYTES } from '../../imaging/load-image';
import type { ReferenceLibrary } from '../../reference';
import { openStationStore } from '../../store';
import { commandLineActor } from '../../trust/member-cli';
import { join } from 'node:path';

export const learnOptions: OptionSpec = {
  id: { type: 'string' },
  title: { type: 'string' },
  issuer: { type: 'string' },
  type: { type: 'string', multiple: true },
  series: { type: 'string' },
  actor: { type: 'string' },
};

export const learnUsage = [
  '       loupe reference learn --id ID --title T [--issuer ISO3] [--type CODE ...] [--series S] FILE...',
  '                                                (a new class from at least 3 genuine captures: NAME_white.png,',
  '                                                 optional NAME_ir.png and NAME_uv.png per capture)',
  '       loupe reference grow --id ID FILE...     (more genuine captures for a learned class: its next version)',
];

export interface LearnResult {
  action: 'learn' | 'grow';
  cls: DocumentClass;
  captures: CaptureReport[];
  notes: string[];
  ms: number;
}

const CLASS_ID = /^[a-z0-9][a-z0-9._-]{0,95}$/;

function captureFiles(args: ParsedArgs): string[] {
  const files = args.positionals.slice(1);
  if (!files.length) throw new LoupeError('common', 'InvalidInput', 'give the capture files: NAME_white.png (and NAME_ir.png, NAME_uv.png) for each genuine capture');
  return files.map((f) => inputFile(f, 'capture file', MAX_INPUT_BYTES));
}

function classId(args: ParsedArgs): string {
  const id = required(textOption(args, 'id'), '--id ID is required (lower-case letters, digits, dot, dash or underscore)');
  if (!CLASS_ID.test(id)) throw new LoupeError('common', 'InvalidInput', `--id '${printable(id)}': use lower-case letters, digits, dot, dash or underscore (at most 96)`);
  return id;
}

function identity(args: ParsedArgs, author: string) {
  const title = required(textOption(args, 'title'), '--title T is required (what the document is, e.g. "Passport 2019")');
  if (title.length > 80) throw new LoupeError('common', 'InvalidInput', '--title: at most 80 characters');
  const issuer = textOption(args, 'issuer');
  if (issuer !== undefined && !/^(?=.{1,3}$)[A-Z]+<*$/.test(issuer)) throw new LoupeError('common', 'InvalidInput', `--issuer '${printable(issuer)}': the ICAO 9303 three-letter code of the issuing state (e.g. D<<, GBR)`);
  const types = (args.values.type as string[] | undefined) ?? [];
  for (const t of types) if (!/^[A-Z][A-Z<]?$/.test(t)) throw new LoupeError('common', 'InvalidInput', `--type '${printable(t)}': an MRZ document code (ICAO 9303 Part 3), e.g. P, ID, I<`);
  const series = textOption(args, 'series');
  return { id: classId(args), title, ...(issuer !== undefined ? { issuer: issuer.replace(/<+$/, '') } : {}), ...(types.length ? { documentCodes: types } : {}), ...(series ? { series } : {}), author };
}

export async function learnAction(action: 'learn' | 'grow', args: ParsedArgs, library: ReferenceLibrary, dataDir: string): Promise<LearnResult> {
  const author = commandLineActor(args);
  const service = new LearningService(library, { stagingDir: join(dataDir, 'learning-staging') });
  const { cls, learned } = action === 'learn' ? await (async () => {
    const id = identity(args, author);
    return service.learnFromPaths(captureFiles(args), id);
  })() : await service.growFromPaths(classId(args), captureFiles(args), author);
  const station = openStationStore(dataDir);
  try {
    station.audit({ officer: null, action: action === 'learn' ? 'learning.save' : 'learning.grow', subject: cls.id, details: { version: cls.version, captures: cls.learning?.captures ?? null, by: author, from: 'command line' } });
  } finally {
    station.close();
  }
  return { action, cls, captures: learned.report.captures, notes: learned.report.notes, ms: learned.report.ms };
}

/** A learned class's bounds and history, for `show` and after learning. */
export function calibrationLines(cls: DocumentClass): string[] {
  const out: string[] = [];
  if (cls.learning) {
    out.push(`learned from ${cls.learning.captures} genuine captures (${cls.learning.lights.join(', ')})`);
    for (const step of cls.learning.history) out.push(`  v${step.version} ${step.at.slice(0, 10)} ${step.action} +${step.added} → ${step.captures} captures by ${printable(step.author)}`);
  }
  const bounds = cls.calibration ?? [];
  if (bounds.length) {
    out.push('calibrated bounds (genuine measurements · genuine worst · headroom to the bound, share of the default):');
    for (const b of bounds) {
      const s = boundStanding(b);
      const what = `${b.check} ${b.measure}${b.zone ? ` [${b.zone}]` : ''}`;
      const flags = [s.widened ? `widened from ${b.default}` : 'default', ...(s.few ? ['few measurements'] : [])].join(', ');
      out.push(`  ${what.padEnd(44)} ${b.direction === 'max' ? '≤' : '≥'} ${String(b.value).padEnd(7)} n=${String(s.measurements).padEnd(3)} worst ${s.worst ?? '-'}  headroom ${s.headroom === null ? '-' : `${Math.round(s.headroom * 100)}%`}  (${flags})`);
    }
  }
  return out;
}

export function learnHuman(result: LearnResult): string {
  const used = result.captures.filter((c) => c.used);
  return [
    `${result.action === 'learn' ? 'learned' : 'grew'} ${result.cls.id} v${result.cls.version} from ${used.length} of ${result.captures.length} captures in ${(result.ms / 1000).toFixed(1)} s: ${result.cls.zones.length} zones`,
    ...result.captures.filter((c) => !c.used).map((c) => `  left out ${printable(c.name)}: ${c.reason ?? ''}`),
    ...result.notes.map((n) => `  note: ${n}`),
    ...calibrationLines(result.cls),
    'Check the proposal in the Reference screen (zones, expectations) before the class is shared.',
  ].join('\n');
}
