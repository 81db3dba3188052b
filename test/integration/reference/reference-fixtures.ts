// Helpers shared by the reference-library tests: small valid classes and a snapshot of a folder tree.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { REFERENCE_SCHEMA, type DocumentClass } from '../../../electron/contract/reference.contract';

export const BUILTIN_DIR = join(process.cwd(), 'assets', 'reference');

export function tinyClass(id: string, overrides: Partial<DocumentClass> = {}): DocumentClass {
  return {
    schema: REFERENCE_SCHEMA,
    id,
    issuer: 'UTO',
    documentType: 'Test passport',
    documentCodes: ['P'],
    series: '2030',
    validFrom: '2030-01-01',
    validTo: null,
    format: 'TD3',
    size: { widthMm: 125, heightMm: 88 },
    dpi: 10,
    images: { white: 'white.png', ir: 'ir.png', uv: 'uv.png' },
    zones: [{ id: 'mrz', kind: 'mrz', label: 'MRZ', box: { x: 0, y: 30, w: 49, h: 4 }, personal: true, expect: { ir: 'visible' } }],
    status: 'active',
    version: 1,
    updatedAt: '2030-01-01T00:00:00.000Z',
    author: 'test',
    ...overrides,
  };
}

export async function tinyPng(grey = 200): Promise<Buffer> {
  return sharp({ create: { width: 49, height: 35, channels: 3, background: { r: grey, g: grey, b: grey } } }).png().toBuffer();
}

/** Writes a class folder directly (as another station or an older release would have). */
export async function writeClassFolder(root: string, cls: DocumentClass, json?: string): Promise<string> {
  const dir = join(root, cls.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'class.json'), json ?? JSON.stringify(cls, null, 2));
  for (const name of Object.values(cls.images)) writeFileSync(join(dir, name), await tinyPng());
  return dir;
}

/** Every file under `root` with its SHA-256: equal snapshots mean nothing was written. */
export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(root)) return out;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(root, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(root);
  return out;
}
