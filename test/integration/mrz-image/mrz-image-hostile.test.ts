// Bad input to the image path: a clear typed error, no crash, bounded memory.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { LoupeError } from '../../../electron/common/loupe-error';
import { readMrzFromImage } from '../../../electron/mrz/mrz-image-reader';
import { shutdownOcr } from '../../../electron/mrz/mrz-ocr-engine';
import { pngDeclaring } from '../../helpers/png-header';
import { useTempDir } from '../../helpers/temp-dir';

const dir = useTempDir();
afterAll(() => shutdownOcr());

async function errorOf(p: Promise<unknown>): Promise<LoupeError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(LoupeError);
    return err as LoupeError;
  }
  throw new Error('expected an error');
}

describe('readMrzFromImage on hostile input', () => {
  it('refuses a missing file', async () => {
    const err = await errorOf(readMrzFromImage(join(dir, 'nope.png')));
    expect(err).toMatchObject({ domain: 'imaging', kind: 'ImageNotFound', category: 'not-found' });
  });

  it('refuses an empty file', async () => {
    const f = join(dir, 'empty.png');
    writeFileSync(f, '');
    const err = await errorOf(readMrzFromImage(f));
    expect(err.kind).toBe('UnsupportedImage');
    expect(err.message).toMatch(/empty/);
  });

  it('refuses bytes that are not an image', async () => {
    const f = join(dir, 'text.png');
    writeFileSync(f, 'P<UTOERIKSSON<<ANNA this is not a picture\n'.repeat(50));
    const err = await errorOf(readMrzFromImage(f));
    expect(err.kind).toBe('UnsupportedImage');
  });

  it('refuses a 20000×20000 image from its header, before decoding', async () => {
    const f = join(dir, 'huge.png');
    writeFileSync(f, pngDeclaring(20000, 20000));
    const before = process.memoryUsage().rss;
    const err = await errorOf(readMrzFromImage(f));
    expect(err.kind).toBe('ImageTooLarge');
    expect(err.message).toMatch(/20000×20000/);
    // 400 MP decoded would be ≥ 400 MB; nothing like that was allocated.
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses a truncated image with a clear error', async () => {
    const f = join(dir, 'truncated.png');
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#fff' } }).png().toBuffer();
    writeFileSync(f, png.subarray(0, png.length - 40));
    const err = await errorOf(readMrzFromImage(f));
    expect(err.kind).toBe('UnsupportedImage');
  });

  it('reports "no MRZ" as a finding, not an error, for a blank page', async () => {
    const f = join(dir, 'blank.png');
    await sharp({ create: { width: 1200, height: 850, channels: 3, background: '#f4f0e8' } }).png().toFile(f);
    const reading = await readMrzFromImage(f);
    expect(reading.valid).toBe(false);
    expect(reading.format).toBeNull();
    expect(reading.findings.map((x) => x.code)).toContain('mrz-not-found');
  });
});
