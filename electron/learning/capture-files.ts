// Capture files grouped per capture by the hot folder's naming (NAME_white.png, NAME_ir.png,
// NAME_uv.png; contract/capture-file-names.ts). A file that does not follow it, two files of one
// light of a capture, or a capture without a white-light image is refused with the file's name.
import { basename } from 'node:path';
import { LoupeError } from '../common/loupe-error';
import { parseImageSetName } from '../contract/capture-file-names';
import type { Light } from '../contract/capture.contract';
import type { CaptureFiles } from './learn-class';

export function groupCaptureFiles(paths: readonly string[]): CaptureFiles[] {
  const groups = new Map<string, Partial<Record<Light, string>>>();
  const odd: string[] = [];
  for (const path of paths) {
    const name = basename(path);
    const parsed = parseImageSetName(name);
    if (!parsed) {
      odd.push(name);
      continue;
    }
    const group = groups.get(parsed.base) ?? {};
    if (group[parsed.light]) throw new LoupeError('common', 'InvalidInput', `capture '${parsed.base}' has two ${parsed.light} images (${basename(group[parsed.light]!)} and ${name})`);
    group[parsed.light] = path;
    groups.set(parsed.base, group);
  }
  if (odd.length) throw new LoupeError('common', 'InvalidInput', `files must be named NAME_white, NAME_ir or NAME_uv (PNG or JPEG), one NAME per capture: ${odd.slice(0, 5).join(', ')}${odd.length > 5 ? ` and ${odd.length - 5} more` : ''}`);
  const captures = [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([name, files]) => ({ name, paths: files }));
  const blind = captures.filter((c) => !c.paths.white);
  if (blind.length) throw new LoupeError('common', 'InvalidInput', `every capture needs its white-light image: ${blind.map((c) => c.name).join(', ')} has none`);
  return captures;
}
