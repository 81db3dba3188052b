// The reference library: built-in classes shipped in assets/reference/ plus the station's user
// library (<dataDir>/reference/). A user class overrides a built-in one with the same id unless the
// built-in one has a higher version (a newer release of the application). Folders whose class.json
// cannot be read are reported in `problems()` and skipped; classes whose images cannot be used are
// kept and marked broken (`summaries()`, `checkedCandidates()`): neither is ever fatal.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LoupeError } from '../common/loupe-error';
import { DocumentClassSchema, type DocumentClass } from '../contract/reference.contract';
import type { Light } from '../contract/capture.contract';
import type { MrzFormat } from '../contract/mrz.contract';
import { makeStagingDir, swapDirs, writeFileAtomic } from './atomic-files';
import { readClassFolder } from './class-folder';
import { MAX_ENTRY_BYTES } from './package-format';
import { checkClassImages, classLights, imageLabel } from './reference-images';

export type ClassSource = 'builtin' | 'user';

export interface ClassSummary {
  id: string;
  issuer: string | null;
  documentType: string;
  series: string;
  format: MrzFormat;
  status: DocumentClass['status'];
  source: ClassSource;
  version: number;
  /** Why the class cannot be used (its images are missing or unusable); null when it can, or was not checked yet. */
  broken: { reason: string } | null;
  /** Genuine captures a learned class stands for; null for a class not learned from captures. */
  learnedCaptures: number | null;
}

export interface LoadedClass {
  cls: DocumentClass;
  dir: string;
  source: ClassSource;
}

export interface LibraryProblem {
  dir: string;
  reason: string;
}

/** The outcome of checking a class's images, for the files as they were (`stamp`) when checked. */
export interface ImageHealth {
  stamp: string;
  reason: string | null;
}

export interface CheckedCandidates {
  /** Classes whose images were checked and can be used; `stamp` changes whenever their files do. */
  usable: { cls: DocumentClass; stamp: string }[];
  /** Classes the MRZ makes candidates but that cannot be loaded, with the reason. */
  broken: { cls: DocumentClass; reason: string }[];
}

export interface CandidateQuery {
  format: MrzFormat;
  /** First 1–2 characters of the MRZ (document code), e.g. 'P<', 'PD', 'I'. Omitted: every document type. */
  documentCode?: string;
  /** Issuing state from the MRZ; classes with a null issuer match any. Omitted: no issuer filter. */
  issuer?: string | null;
}

export interface LibraryOptions {
  builtinDir: string;
  userDir: string;
  /** Clock for `updatedAt` (tests pass a fixed one). */
  now?: () => Date;
}

/** Matches a class's document code against the MRZ's: 'P' matches 'P<', 'PD', …; 'P<' only 'P<'/'P'. */
export function documentCodeMatches(classCode: string, mrzCode: string): boolean {
  const strip = (code: string): string => code.replace(/<+$/, '');
  const mrz = strip(mrzCode.toUpperCase());
  if (classCode.length === 1) return mrz.startsWith(classCode);
  return strip(classCode) === mrz;
}

function imageExtension(data: Buffer): 'png' | 'jpg' {
  if (data.length > 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpg';
  throw new LoupeError('imaging', 'UnsupportedImage', 'reference images must be PNG or JPEG');
}

/** Identity of a class's image files as they are now: any replacement, edit or removal changes it. */
function imageStamp({ cls, dir }: LoadedClass): string {
  const files = classLights(cls).map((light) => {
    const name = cls.images[light]!;
    try {
      const st = statSync(join(dir, name));
      return `${name}:${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
    } catch {
      return `${name}:missing`;
    }
  });
  return JSON.stringify([dir, cls.version, cls.size, cls.dpi, files]);
}

/** A missing image is known without decoding anything. */
function missingImage({ cls, dir }: LoadedClass): string | null {
  for (const light of classLights(cls)) {
    const name = cls.images[light]!;
    if (!existsSync(join(dir, name))) return `${imageLabel(light, name)} is missing`;
  }
  return null;
}

async function readImageFile(path: string): Promise<Buffer | null> {
  try {
    if (statSync(path).size > MAX_ENTRY_BYTES) throw new Error(`larger than ${MAX_ENTRY_BYTES} bytes`);
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function scan(root: string, source: ClassSource, problems: LibraryProblem[]): LoadedClass[] {
  if (!existsSync(root)) return [];
  const found: LoadedClass[] = [];
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (name.startsWith('.') || !statSync(dir).isDirectory()) continue;
    const result = readClassFolder(dir);
    if (result.ok) found.push({ cls: result.cls, dir, source });
    else problems.push({ dir, reason: result.reason });
  }
  return found;
}

/**
 * ICAO 9303 Part 3 pads a one- or two-letter issuing state with fillers ('D<<'); the MRZ reader
 * gives the code without them ('D'). A class may be written either way.
 */
export function sameIssuer(a: string, b: string): boolean {
  return a.replace(/<+$/, '') === b.replace(/<+$/, '');
}

export class ReferenceLibrary {
  private classes = new Map<string, LoadedClass>();
  private issues: LibraryProblem[] = [];
  /** Image checks by class folder; kept across reloads, trusted only while the stamp still matches. */
  private readonly health = new Map<string, ImageHealth>();
  private readonly checking = new Map<string, Promise<ImageHealth>>();

  constructor(readonly options: LibraryOptions) {
    this.reload();
  }

  get userDir(): string {
    return this.options.userDir;
  }

  reload(): void {
    const problems: LibraryProblem[] = [];
    const merged = new Map<string, LoadedClass>();
    for (const entry of scan(this.options.builtinDir, 'builtin', problems)) merged.set(entry.cls.id, entry);
    for (const entry of scan(this.options.userDir, 'user', problems)) {
      const builtin = merged.get(entry.cls.id);
      if (!builtin || entry.cls.version >= builtin.cls.version) merged.set(entry.cls.id, entry);
    }
    this.classes = new Map([...merged].sort(([a], [b]) => a.localeCompare(b)));
    this.issues = problems;
  }

  /** Folders that were skipped, with the reason. */
  problems(): LibraryProblem[] {
    return [...this.issues];
  }

  /**
   * Every class, with what is known of its images: a missing image always, damaged ones once they
   * were checked (`summaries()` checks them first).
   */
  list(): ClassSummary[] {
    return [...this.classes.values()].map((entry) => {
      const { cls, source } = entry;
      const reason = this.knownBroken(entry);
      return {
        id: cls.id,
        issuer: cls.issuer,
        documentType: cls.documentType,
        series: cls.series,
        format: cls.format,
        status: cls.status,
        source,
        version: cls.version,
        broken: reason === null ? null : { reason },
        learnedCaptures: cls.learning?.captures ?? null,
      };
    });
  }

  /** Every class, after checking the images of each (decoded once per version of their files). */
  async summaries(): Promise<ClassSummary[]> {
    await this.verify();
    return this.list();
  }

  /** Checks the images of every class whose files changed since they were last checked. */
  async verify(): Promise<void> {
    for (const id of [...this.classes.keys()]) await this.checkClass(id);
  }

  /**
   * Checks a class's images (each decoded in full, sized against the class, one per light): the
   * result is kept until one of its files changes on disk.
   */
  async checkClass(id: string): Promise<ImageHealth> {
    const entry = this.get(id);
    const stamp = imageStamp(entry);
    const known = this.health.get(entry.dir);
    if (known?.stamp === stamp) return known;
    // The stamp names the folder and its files: concurrent examinations share one check.
    let pending = this.checking.get(stamp);
    if (!pending) {
      pending = checkClassImages(entry.cls, (name) => readImageFile(join(entry.dir, name)))
        // checkClassImages reports every problem as a reason; anything else still only breaks this class.
        .catch((err: unknown) => `its reference images could not be checked (${(err as Error)?.message?.split('\n')[0] ?? String(err)})`)
        .then((reason) => {
          const health = { stamp, reason };
          this.health.set(entry.dir, health);
          return health;
        });
      pending.finally(() => this.checking.delete(stamp)).catch(() => undefined);
      this.checking.set(stamp, pending);
    }
    return pending;
  }

  /** The candidates of an MRZ (see `candidates`), split into classes that load and classes that cannot. */
  async checkedCandidates(query: CandidateQuery): Promise<CheckedCandidates> {
    const result: CheckedCandidates = { usable: [], broken: [] };
    for (const cls of this.candidates(query)) {
      const { stamp, reason } = await this.checkClass(cls.id);
      if (reason === null) result.usable.push({ cls, stamp });
      else result.broken.push({ cls, reason });
    }
    return result;
  }

  private knownBroken(entry: LoadedClass): string | null {
    const missing = missingImage(entry);
    if (missing) return missing;
    const known = this.health.get(entry.dir);
    return known && known.stamp === imageStamp(entry) ? known.reason : null;
  }

  find(id: string): LoadedClass | undefined {
    return this.classes.get(id);
  }

  get(id: string): LoadedClass {
    const entry = this.classes.get(id);
    if (!entry) throw new LoupeError('reference', 'ClassNotFound', `no reference class '${id}'`);
    return entry;
  }

  /** Active classes an MRZ can belong to (ICAO 9303 Part 3: document code, issuing state, format). */
  candidates(query: CandidateQuery): DocumentClass[] {
    return [...this.classes.values()]
      .map((e) => e.cls)
      .filter(
        (cls) =>
          cls.status === 'active' &&
          cls.format === query.format &&
          (query.documentCode === undefined || cls.documentCodes.some((code) => documentCodeMatches(code, query.documentCode!))) &&
          (query.issuer === undefined || cls.issuer === null || (query.issuer !== null && sameIssuer(cls.issuer, query.issuer))),
      );
  }

  imagePath(id: string, light: Light): string | null {
    const { cls, dir } = this.get(id);
    const name = cls.images[light];
    return name ? join(dir, name) : null;
  }

  /**
   * Saves a class into the user library with the next version. Images not given are carried over
   * from the class currently loaded under that id. The folder is replaced in one rename.
   */
  save(input: DocumentClass, images: Partial<Record<Light, Buffer>> = {}): DocumentClass {
    return this.write(input, images, Math.max(input.version, this.classes.get(input.id)?.cls.version ?? 0) + 1);
  }

  /**
   * Adds a new class, as version 1, with all its images (a class learned from genuine captures).
   * Refused when the library already holds a class with that id, built-in or not: growing an
   * existing class is a save of its next version.
   */
  create(input: DocumentClass, images: Partial<Record<Light, Buffer>> & { white: Buffer }): DocumentClass {
    if (this.classes.has(input.id)) throw new LoupeError('reference', 'ClassExists', `the library already has a class '${input.id}': choose another id, or add the captures to that class`);
    return this.write(input, images, 1);
  }

  private write(input: DocumentClass, images: Partial<Record<Light, Buffer>>, version: number): DocumentClass {
    const checked = DocumentClassSchema.safeParse(input);
    if (!checked.success) throw new LoupeError('reference', 'InvalidInput', `invalid reference class: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 3).join('; ')}`);
    const current = this.classes.get(input.id);
    const now = (this.options.now ?? (() => new Date()))();
    const draft = { ...input, images: { ...input.images }, version, updatedAt: now.toISOString() };
    const staged = makeStagingDir(this.options.userDir, 'save');
    try {
      for (const [light, data] of Object.entries(images) as [Light, Buffer][]) {
        const name = `${light}.${imageExtension(data)}`;
        writeFileAtomic(join(staged, name), data);
        draft.images[light] = name;
      }
      for (const [light, name] of Object.entries(draft.images) as [Light, string | undefined][]) {
        if (images[light] || name === undefined) continue;
        const source = current ? join(current.dir, name) : null;
        if (!source || !existsSync(source)) throw new LoupeError('reference', 'InvalidInput', `no ${light} reference image '${name}' for class '${input.id}'`);
        writeFileAtomic(join(staged, name), readFileSync(source));
      }
      const parsed = DocumentClassSchema.safeParse(draft);
      if (!parsed.success) throw new LoupeError('reference', 'InvalidInput', `invalid reference class: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 3).join('; ')}`);
      writeFileAtomic(join(staged, 'class.json'), `${JSON.stringify(parsed.data, null, 2)}\n`);
      swapDirs([{ target: join(this.options.userDir, input.id), staged }], this.options.userDir);
      this.reload();
      return parsed.data;
    } finally {
      rmSync(staged, { recursive: true, force: true });
    }
  }

  /** Marks a class retired (kept for old examinations, no longer a candidate). */
  retire(id: string): DocumentClass {
    const { cls } = this.get(id);
    return this.save({ ...cls, status: 'retired' });
  }
}

export function openReferenceLibrary(options: LibraryOptions): ReferenceLibrary {
  return new ReferenceLibrary(options);
}
