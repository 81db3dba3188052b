// Learning and growing reference classes at the station: the capture files are staged in a private
// folder only while they are read, the proposal is kept in memory until the expert saves it (with
// corrections) or discards it, and saving writes a new class, or the next version of a learned one,
// into the user library. The same service serves the Reference screen and `loupe reference learn`.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { LoupeError } from '../common/loupe-error';
import { makePrivateDir, writePrivateFile } from '../common/private-files';
import { decodeCanonicalBase64 } from '../common/strict-base64';
import type { Light } from '../contract/capture.contract';
import type { CaptureFile, LearningProposal } from '../contract/learning.contract';
import type { DocumentClass } from '../contract/reference.contract';
import { decodeCaptureImages } from '../checks/generic/decode-capture';
import type { ReferenceLibrary } from '../reference';
import { classLights } from '../reference';
import { groupCaptureFiles } from './capture-files';
import { growClass } from './grow-class';
import { checkCaptureCount, learnClass, type CaptureFiles, type ClassIdentity, type LearnedClass } from './learn-class';

/** A proposal is kept this long: the captures behind it are personal data held only in memory. */
export const DRAFT_TTL_MS = 60 * 60 * 1000;
const MAX_DRAFTS = 4;

interface Draft {
  action: 'learn' | 'grow';
  learned: LearnedClass;
  /** The version of the class the growth was computed from (a save refuses a class changed since). */
  baseVersion: number;
  expires: number;
}

export interface LearningServiceOptions {
  /** A private folder for staging uploaded capture files while they are read. */
  stagingDir: string;
  now?: () => Date;
}

export interface LearnRequest extends Omit<ClassIdentity, 'author'> {
  files: CaptureFile[];
}

export class LearningService {
  private readonly drafts = new Map<string, Draft>();

  constructor(
    private readonly library: ReferenceLibrary,
    private readonly options: LearningServiceOptions,
  ) {
    // Files left by a station stopped while it read them: they are personal data, never kept.
    rmSync(options.stagingDir, { recursive: true, force: true });
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  /** Learns a new class from capture files given by name and content (the Reference screen). */
  async propose(request: LearnRequest, author: string): Promise<LearningProposal> {
    this.refuseTakenId(request.id);
    const learned = await this.withStaged(request.files, (captures) => {
      checkCaptureCount(captures.length);
      return learnClass(captures, { ...identityOf(request), author }, this.now());
    });
    return this.keep('learn', learned, 0);
  }

  /** Proposes the next version of a learned class with more genuine captures. */
  async grow(id: string, files: CaptureFile[], author: string): Promise<LearningProposal> {
    const current = this.library.get(id);
    const learned = await this.withStaged(files, async (captures) => growClass({ cls: current.cls, reference: await this.referenceImages(id) }, captures, author, this.now()));
    return this.keep('grow', learned, current.cls.version);
  }

  /**
   * Saves a proposal as the expert corrected it. What the captures decided — size, resolution,
   * format, images, the learning record — stays as proposed; zones, expectations, labels and the
   * class's identity are the expert's, and the bounds are calibrated again for the zones as saved.
   */
  save(draftId: string, edited: DocumentClass, author: string): DocumentClass {
    const draft = this.draft(draftId);
    const proposed = draft.learned.cls;
    if (draft.action === 'grow' && edited.id !== proposed.id) throw new LoupeError('common', 'InvalidInput', `this proposal adds captures to class '${proposed.id}': its id cannot change`);
    const merged: DocumentClass = { ...edited, schema: proposed.schema, format: proposed.format, size: proposed.size, dpi: proposed.dpi, images: proposed.images, version: proposed.version, author };
    const cls = draft.learned.recalibrate(merged);
    let saved: DocumentClass;
    if (draft.action === 'learn') {
      saved = this.library.create(cls, draft.learned.images);
    } else {
      const current = this.library.get(cls.id).cls;
      if (current.version !== draft.baseVersion) throw new LoupeError('learning', 'DraftOutdated', `class '${cls.id}' changed since the captures were added (now version ${current.version}): add them again`);
      saved = this.library.save(cls, draft.learned.images);
    }
    this.drafts.delete(draftId);
    return saved;
  }

  discard(draftId: string): void {
    this.drafts.delete(draftId);
  }

  /** Learns and saves in one step, from capture files on disk (the command line: the proposal as Loupe made it). */
  async learnFromPaths(paths: string[], identity: ClassIdentity): Promise<{ cls: DocumentClass; learned: LearnedClass }> {
    this.refuseTakenId(identity.id);
    const captures = groupCaptureFiles(paths);
    checkCaptureCount(captures.length);
    const learned = await learnClass(captures, identity, this.now());
    return { cls: this.library.create(learned.cls, learned.images), learned };
  }

  /** Grows a learned class from capture files on disk and saves its next version (the command line). */
  async growFromPaths(id: string, paths: string[], author: string): Promise<{ cls: DocumentClass; learned: LearnedClass }> {
    const current = this.library.get(id);
    const learned = await growClass({ cls: current.cls, reference: await this.referenceImages(id) }, groupCaptureFiles(paths), author, this.now());
    return { cls: this.library.save(learned.cls, learned.images), learned };
  }

  private refuseTakenId(id: string): void {
    if (this.library.find(id)) throw new LoupeError('reference', 'ClassExists', `the library already has a class '${id}': choose another id, or add the captures to that class`);
  }

  private async referenceImages(id: string) {
    const { cls } = this.library.get(id);
    const paths: Partial<Record<Light, string>> = {};
    for (const light of classLights(cls)) paths[light] = this.library.imagePath(id, light)!;
    return decodeCaptureImages(paths);
  }

  private draft(draftId: string): Draft {
    this.expire();
    const draft = this.drafts.get(draftId);
    if (!draft) throw new LoupeError('learning', 'DraftNotFound', 'this proposal was saved, discarded or has expired: learn the class again');
    return draft;
  }

  private expire(): void {
    const now = this.now().getTime();
    for (const [id, d] of this.drafts) if (d.expires <= now) this.drafts.delete(id);
  }

  private keep(action: Draft['action'], learned: LearnedClass, baseVersion: number): LearningProposal {
    this.expire();
    // The oldest proposals go first: each holds its captures' measurements and reference images in memory.
    while (this.drafts.size >= MAX_DRAFTS) this.drafts.delete(this.drafts.keys().next().value!);
    const draftId = randomUUID();
    this.drafts.set(draftId, { action, learned, baseVersion, expires: this.now().getTime() + DRAFT_TTL_MS });
    const images: LearningProposal['images'] = { white: learned.images.white.toString('base64') };
    if (learned.images.ir) images.ir = learned.images.ir.toString('base64');
    if (learned.images.uv) images.uv = learned.images.uv.toString('base64');
    return { draftId, action, cls: learned.cls, images, captures: learned.report.captures, notes: learned.report.notes, ms: learned.report.ms };
  }

  /** Writes the uploaded files into a private folder of their own for as long as `use` runs. */
  private async withStaged<T>(files: CaptureFile[], use: (captures: CaptureFiles[]) => Promise<T>): Promise<T> {
    const dir = join(this.options.stagingDir, randomUUID());
    makePrivateDir(dir);
    try {
      const names = new Set<string>();
      const paths = files.map((f) => {
        if (names.has(f.name)) throw new LoupeError('common', 'InvalidInput', `the file '${f.name}' was given twice`);
        names.add(f.name);
        const path = join(dir, f.name);
        const data = decodeCanonicalBase64(f.base64);
        if (!data) throw new LoupeError('common', 'InvalidInput', `the file '${f.name}' did not arrive whole (its content is not valid base64)`);
        writePrivateFile(path, data);
        return path;
      });
      return await use(groupCaptureFiles(paths));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

function identityOf(request: LearnRequest): Omit<ClassIdentity, 'author'> {
  return {
    id: request.id,
    title: request.title,
    ...(request.issuer !== undefined ? { issuer: request.issuer } : {}),
    ...(request.documentCodes ? { documentCodes: request.documentCodes } : {}),
    ...(request.series ? { series: request.series } : {}),
  };
}
