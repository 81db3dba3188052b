// `loupe examine --white W [--ir I] [--uv U]`: the examination pipeline headless; prints the examination.
import { userInfo } from 'node:os';
import { LoupeError } from '../../common/loupe-error';
import { defaultDataDir } from '../../common/data-dir';
import type { Light } from '../../contract/capture.contract';
import type { Examination } from '../../contract/examination.contract';
import { ExaminationService } from '../../examination/examination.service';
import { shutdownOcr } from '../../mrz/mrz-ocr-engine';
import { openStationStore } from '../../store';
import { builtinReferenceDir, openReferenceLibrary, userReferenceDir } from '../../reference';
import { MAX_INPUT_BYTES } from '../../imaging/load-image';
import { textOption, type Command } from '../../common/command-line/command';
import { dataFolder, inputFile } from '../../common/command-line/input-files';

const LIGHT_NAMES: Record<Light, string> = { white: 'white', ir: 'infrared', uv: 'ultraviolet' };

const STATUS_ICON = { pass: '✓', fail: '✗', warn: '!', 'not-performed': '·' } as const;

export const examineCommand: Command<Examination> = {
  name: 'examine',
  summary: 'run a full examination on image files and store it',
  usage:
    'usage: loupe examine --white W [--ir I] [--uv U] [--officer NAME --badge B] [--data DIR] [--json]\n\n' +
    'Runs the same pipeline as the workstation (store images, read the MRZ, checks, layered verdict)\nand saves the examination in the station database.',
  options: {
    white: { type: 'string' },
    ir: { type: 'string' },
    uv: { type: 'string' },
    officer: { type: 'string' },
    badge: { type: 'string' },
    data: { type: 'string' },
  },
  async run(args, io) {
    const images = (['white', 'ir', 'uv'] as Light[]).flatMap((light) => {
      const path = args.values[light];
      return typeof path === 'string' ? [{ light, path }] : [];
    });
    if (images.length === 0) throw new LoupeError('common', 'InvalidInput', 'give at least one image: --white W (and --ir I, --uv U)');
    // Paths first, before the station database is opened; the content of each image is checked by
    // the examination, whole, before any image is kept.
    for (const { light, path } of images) inputFile(path, `${LIGHT_NAMES[light]} image (--${light})`, MAX_INPUT_BYTES);
    const dataDir = dataFolder(textOption(args, 'data') ?? defaultDataDir(), 'data folder (--data)');
    const store = openStationStore(dataDir);
    const officer = {
      name: typeof args.values.officer === 'string' ? args.values.officer : 'command line',
      badge: typeof args.values.badge === 'string' ? args.values.badge : userInfo().username,
    };
    let service: ExaminationService | null = null;
    try {
      const station = store.getSetting<string>('station.name') ?? 'command line';
      const library = openReferenceLibrary({ builtinDir: builtinReferenceDir(), userDir: userReferenceDir(dataDir) });
      service = new ExaminationService(store, station, library);
      return await service.examine({ source: 'files', images }, officer, (_s, message) => io.progress(message));
    } finally {
      await service?.close();
      store.close();
      await shutdownOcr();
    }
  },
  human(exam) {
    const out = [`Examination ${exam.id}`, `  ${exam.document.format ?? 'unknown format'}  ${exam.document.documentCode ?? ''} ${exam.document.issuer ?? ''}`, ''];
    if (exam.mrz) out.push(...exam.mrz.lines.map((l) => `  ${l}`), '');
    for (const v of exam.verdict) out.push(`${STATUS_ICON[v.status]} ${v.layer.padEnd(18)} ${v.summary}`);
    out.push('');
    for (const c of exam.checks) out.push(`  ${STATUS_ICON[c.status]} ${c.title}: ${c.measured}`);
    out.push('', `total ${Math.round(exam.timingsMs.total ?? 0)} ms`);
    return out.join('\n');
  },
};
