// Reading and validating one class folder's `<id>/class.json`; its images are checked apart (reference-images.ts).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DocumentClassSchema, type DocumentClass } from '../contract/reference.contract';

/** A class.json larger than this is not a class description (500 zones fit in ~200 KB). */
export const MAX_CLASS_JSON_BYTES = 2 * 1024 * 1024;

export type ClassParse = { ok: true; cls: DocumentClass } | { ok: false; reason: string };

/** Validates class.json text: JSON syntax, then the schema; the reason names the first problems. */
export function parseClassJson(text: string): ClassParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `class.json is not valid JSON (${(err as Error).message})` };
  }
  const parsed = DocumentClassSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { ok: false, reason: `class.json does not match ${'loupe.reference/1'}: ${issues.join('; ')}` };
  }
  return { ok: true, cls: parsed.data };
}

export function readClassFolder(dir: string): ClassParse {
  const file = join(dir, 'class.json');
  if (!existsSync(file)) return { ok: false, reason: 'no class.json' };
  if (statSync(file).size > MAX_CLASS_JSON_BYTES) return { ok: false, reason: `class.json is larger than ${MAX_CLASS_JSON_BYTES} bytes` };
  const result = parseClassJson(readFileSync(file, 'utf8'));
  if (!result.ok) return result;
  const { cls } = result;
  if (cls.id !== basename(dir)) return { ok: false, reason: `class id '${cls.id}' does not match its folder name '${basename(dir)}'` };
  // Missing or damaged images do not make the folder unreadable: the class is loaded and marked
  // broken (reference-images.ts), so a document of its design is reported as not compared rather
  // than as matching no class.
  return result;
}
