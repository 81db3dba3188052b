// The learning service as the Reference screen uses it: capture files arrive by name and content,
// are staged only while they are read, the proposal is saved as the expert corrected it (bounds
// recalibrated for the zones as saved), once; a growth computed on an older version is refused.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureFile, LearningProposal } from '../../../electron/contract/learning.contract';
import { LearningService } from '../../../electron/learning/learning.service';
import { shutdownOcr } from '../../../electron/mrz/mrz-ocr-engine';
import { builtinReferenceDir, openReferenceLibrary, userReferenceDir } from '../../../electron/reference';
import { renderSpecimen, writeSpecimen } from '../../../electron/specimens';
import { useTempDir } from '../../helpers/temp-dir';

const temp = useTempDir('loupe-learning-service-');
const data = join(temp, 'data');
const staging = join(data, 'learning-staging');
afterAll(() => shutdownOcr());

let files: CaptureFile[] = [];
const library = openReferenceLibrary({ builtinDir: builtinReferenceDir(), userDir: userReferenceDir(data) });
const service = new LearningService(library, { stagingDir: staging });
let proposal: LearningProposal;

beforeAll(async () => {
  const dir = join(temp, 'captures');
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 4; i++) {
    const rendered = await renderSpecimen(7070, i, { design: 'aurora-td3', degrade: 'light' });
    writeSpecimen(dir, rendered);
  }
  files = readdirSync(dir).filter((f) => /_(white|ir|uv)\.(png|jpg)$/.test(f)).sort().map((name) => ({ name, base64: readFileSync(join(dir, name)).toString('base64') }));
  proposal = await service.propose({ id: 'aurora-proposed', title: 'Passport (proposed)', documentCodes: ['P'], files: files.slice(0, 9) }, 'Ada');
}, 240_000);

describe('learning service', () => {
  it('proposes a class from uploaded files and keeps none of them on disk', () => {
    expect(proposal.action).toBe('learn');
    expect(proposal.cls).toMatchObject({ id: 'aurora-proposed', version: 1, learning: { captures: 3 } });
    expect(Object.keys(proposal.images).sort()).toEqual(['ir', 'uv', 'white']);
    expect(proposal.captures.map((c) => c.used)).toEqual([true, true, true]);
    expect(existsSync(staging) ? readdirSync(staging) : []).toEqual([]);
    expect(library.find('aurora-proposed')).toBeUndefined();
  });

  it("saves the expert's correction: a removed zone takes its bounds with it; a proposal saves once", () => {
    const uv = proposal.cls.zones.find((z) => z.expect.uv?.fluoresces)!;
    expect(proposal.cls.calibration?.some((b) => b.zone === uv.id)).toBe(true);
    const edited = { ...proposal.cls, zones: proposal.cls.zones.filter((z) => z.id !== uv.id), dpi: 1, calibration: [] };
    const saved = service.save(proposal.draftId, edited, 'Ada Lindqvist');
    expect(saved).toMatchObject({ id: 'aurora-proposed', version: 1, author: 'Ada Lindqvist', dpi: proposal.cls.dpi });
    expect(saved.zones.some((z) => z.id === uv.id)).toBe(false);
    expect(saved.calibration?.length).toBeGreaterThan(0);
    expect(saved.calibration?.some((b) => b.zone === uv.id)).toBe(false);
    expect(() => service.save(proposal.draftId, edited, 'Ada')).toThrow(/saved, discarded or has expired/);
  });

  it('refuses a growth computed on a version that changed since', async () => {
    const grow = await service.grow('aurora-proposed', files.slice(9), 'Ada');
    expect(grow).toMatchObject({ action: 'grow', cls: { id: 'aurora-proposed', learning: { captures: 4 } } });
    library.save({ ...library.get('aurora-proposed').cls, series: '2025' });
    expect(() => service.save(grow.draftId, grow.cls, 'Ada')).toThrow(/changed since the captures were added/);
  }, 240_000);

  it('refuses a taken id and a file given twice before learning anything', async () => {
    await expect(service.propose({ id: 'aurora-td3', title: 'T', files }, 'Ada')).rejects.toThrow(/already has a class 'aurora-td3'/);
    await expect(service.propose({ id: 'x-twice', title: 'T', files: [...files.slice(0, 9), files[0]!] }, 'Ada')).rejects.toThrow(/given twice/);
    expect(existsSync(staging) ? readdirSync(staging) : []).toEqual([]);
  });
});
