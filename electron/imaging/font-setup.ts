// Makes the OCR-B font reachable by librsvg (used by sharp to rasterise the specimen SVG).
// librsvg resolves font families through fontconfig; the MRZ must be OCR-B (ICAO 9303 Part 3 §4.1)
// and a missing font falls back silently, so Loupe ships OCRB.otf in assets/fonts and points
// fontconfig at a generated configuration that adds that folder to the system configuration.
// fontconfig reads FONTCONFIG_FILE when it first lays out text, so this must run before the first
// SVG with text is rendered in the process.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = '<!-- loupe specimen fonts -->';
const SYSTEM_CONF = '/etc/fonts/fonts.conf';

export function bundledFontsDir(): string {
  return fileURLToPath(new URL('../../assets/fonts/', import.meta.url));
}

function isLoupeConf(path: string): boolean {
  try {
    return readFileSync(path, 'utf8').includes(MARKER);
  } catch {
    return false;
  }
}

/** Writes (once) and activates a fonts.conf = the current configuration + assets/fonts. Returns its path. */
export function ensureSpecimenFonts(): string {
  const current = process.env.FONTCONFIG_FILE;
  if (current && isLoupeConf(current)) return current;
  const base = current ?? SYSTEM_CONF;
  const fontsDir = bundledFontsDir();
  const dir = join(tmpdir(), `loupe-fontconfig-${process.getuid?.() ?? 0}`);
  const confPath = join(dir, `fonts-${createHash('sha256').update(`${base}\n${fontsDir}`).digest('hex').slice(0, 16)}.conf`);
  const xml = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    '<fontconfig>',
    MARKER,
    existsSync(base) ? `  <include ignore_missing="yes">${base}</include>` : '',
    `  <dir>${fontsDir}</dir>`,
    `  <cachedir>${join(dir, 'cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(confPath) || readFileSync(confPath, 'utf8') !== xml) {
    // Write then rename: parallel processes never see a half-written file.
    const temp = `${confPath}.${process.pid}.tmp`;
    writeFileSync(temp, xml);
    renameSync(temp, confPath);
  }
  process.env.FONTCONFIG_FILE = confPath;
  return confPath;
}

ensureSpecimenFonts();
