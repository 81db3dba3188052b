// How vendor scanner software names an image set: NAME_white.png, NAME_ir.png, NAME_uv.png
// (case-insensitive; some vendors write _vis for visible and _nir for near infrared). The hot folder
// groups a capture's files by this rule, and so does learning a reference class from capture files.
import type { Light } from './capture.contract';

const PATTERN = /^(.+)_(white|vis|ir|nir|uv)\.(png|jpe?g|tiff?|bmp|webp)$/i;
const ALIASES: Record<string, Light> = { white: 'white', vis: 'white', ir: 'ir', nir: 'ir', uv: 'uv' };

export interface GroupedName {
  base: string;
  light: Light;
}

export function parseImageSetName(fileName: string): GroupedName | undefined {
  const m = PATTERN.exec(fileName);
  if (!m || !m[1] || !m[2]) return undefined;
  const light = ALIASES[m[2].toLowerCase()];
  return light ? { base: m[1], light } : undefined;
}

/** Groups file names into image sets keyed by base name; the first file per light wins. */
export function groupImageSets(fileNames: readonly string[]): Map<string, Partial<Record<Light, string>>> {
  const groups = new Map<string, Partial<Record<Light, string>>>();
  for (const name of [...fileNames].sort()) {
    const parsed = parseImageSetName(name);
    if (!parsed) continue;
    const group = groups.get(parsed.base) ?? {};
    group[parsed.light] ??= name;
    groups.set(parsed.base, group);
  }
  return groups;
}
