import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const probe = join(import.meta.dirname, 'fixtures', 'render-ocrb.ts');
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const temp = mkdtempSync(join(tmpdir(), 'loupe-fonts-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function render(mode: 'plain' | 'with-setup', fontconfigFile?: string): string {
  const env = { ...process.env };
  delete env.FONTCONFIG_FILE;
  if (fontconfigFile) env.FONTCONFIG_FILE = fontconfigFile;
  return execFileSync(tsx, [probe, mode], { env, encoding: 'utf8' }).trim();
}

describe('OCR-B for the MRZ', () => {
  it('comes from assets/fonts when the system has no OCR-B installed', () => {
    // A fontconfig world with DejaVu only, as on a machine without Debian's fonts-ocr-b.
    const bare = join(temp, 'bare.conf');
    writeFileSync(
      bare,
      `<?xml version="1.0"?>\n<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>${join(temp, 'cache')}</cachedir></fontconfig>\n`,
    );
    const reference = render('with-setup');
    const withoutOcrb = render('plain', bare);
    const repaired = render('with-setup', bare);
    expect(withoutOcrb).not.toBe(reference); // 'OCR B' silently fell back to another font
    expect(repaired).toBe(reference); // the bundled OTF renders exactly like the system one
  });
});
