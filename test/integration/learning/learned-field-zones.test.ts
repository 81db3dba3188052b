// A class learned from genuine captures as a reader makes them (light blur, noise, JPEG) must not
// see erasure on genuine documents captured cleanly: a region that differs between captures on a
// dark band (a stamp, a personalised header line) has no background print for the erasure check to
// read, and is proposed as a header line, never as a data field.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../../electron/checks/check-ids';
import type { DocumentClass } from '../../../electron/contract/reference.contract';
import { SecurityCheckRunner } from '../../../electron/examination/security-checks';
import { learnClass } from '../../../electron/learning/learn-class';
import { groupCaptureFiles } from '../../../electron/learning/capture-files';
import { readMrzFromImage } from '../../../electron/mrz/mrz-image-reader';
import { shutdownOcr } from '../../../electron/mrz/mrz-ocr-engine';
import { openReferenceLibrary } from '../../../electron/reference';
import { renderSpecimen, writeSpecimen } from '../../../electron/specimens';
import { useTempDir } from '../../helpers/temp-dir';

const temp = useTempDir('loupe-learned-fields-');
afterAll(() => shutdownOcr());
let cls: DocumentClass;
let runner: SecurityCheckRunner;

async function specimens(dir: string, seed: number, n: number, degrade: 'none' | 'light'): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) writeSpecimen(dir, await renderSpecimen(seed, i, { design: 'harbor-td1', degrade }));
  return readdirSync(dir).filter((f) => /_(white|ir|uv)\.(png|jpg)$/.test(f)).map((f) => join(dir, f));
}

beforeAll(async () => {
  const learned = await learnClass(groupCaptureFiles(await specimens(join(temp, 'learn'), 9102, 5, 'light')), { id: 'harbor-learned', title: 'Identity card (learned)', documentCodes: ['I'], author: 'test' });
  cls = learned.cls;
  // The built-in harbor class is left out: the learned one is the design's only class.
  const library = openReferenceLibrary({ builtinDir: join(temp, 'no-builtin'), userDir: join(temp, 'user') });
  library.create(cls, learned.images);
  runner = new SecurityCheckRunner(library);
}, 240_000);
afterAll(() => runner?.close());

describe('data field zones of a learned class', () => {
  it('proposes no data field on the dark header band', () => {
    const band = cls.zones.find((z) => z.kind === 'header');
    expect(band).toBeDefined();
    for (const z of cls.zones.filter((x) => x.kind === 'field')) expect(z.box.y, z.id).toBeGreaterThan(band!.box.y + band!.box.h);
  });

  it('reads no erasure on genuine documents captured cleanly', async () => {
    const files = await specimens(join(temp, 'clean'), 4000, 3, 'none');
    for (const capture of groupCaptureFiles(files)) {
      const paths = capture.paths as { white: string; ir: string; uv: string };
      const { identification, checks } = await runner.run(paths, await readMrzFromImage(paths.white, { irPath: paths.ir }));
      expect(identification?.classId).toBe('harbor-learned');
      const erasure = checks.find((c) => c.id === CHECK_IDS.vizErasure)!;
      expect(erasure.status, `${capture.name}: ${erasure.measured}`).toBe('pass');
    }
  }, 240_000);
});
