import { beforeAll, describe, expect, it } from 'vitest';
import { identifyDocument, isUnknown, cornerError, alignToReference, personalBoxes } from '../../../electron/identify';
import { classedChecks } from '../../../electron/checks/check-registry';
import { SPECIMEN_DESIGNS } from '../../../electron/specimens';
import { buildReferenceClass, renderCapture, type ReferenceFixture } from './reference-fixture';

let refs: ReferenceFixture[] = [];
const candidates = () => refs.map((f) => ({ cls: f.cls, reference: f.reference }));

beforeAll(async () => {
  refs = await Promise.all(SPECIMEN_DESIGNS.map((d) => buildReferenceClass(d.id)));
});

describe('document identification', () => {
  for (const design of SPECIMEN_DESIGNS) {
    for (const degrade of ['none', 'light', 'heavy'] as const) {
      it(`picks ${design.id} (${degrade})`, async () => {
        const cap = await renderCapture(77, 3, { design: design.id, degrade });
        const sameFormat = candidates().filter((c) => c.cls.format === design.format || c.cls.id === `specimen.${design.id}`);
        const result = identifyDocument(cap.images, null, sameFormat);
        expect(isUnknown(result)).toBe(false);
        if (isUnknown(result)) return;
        expect(result.cls.id).toBe(`specimen.${design.id}`);
        const truthH = (cap.truth.degradation.applied.find((a) => a.kind === 'perspective-warp')?.params.homography as number[]) ?? [1, 0, 0, 0, 1, 0, 0, 0, 1];
        expect(cornerError(result.homography, truthH, cap.truth.page.widthPx, cap.truth.page.heightPx)).toBeLessThan(3);
        const checks = await Promise.all(classedChecks.map((c) => c.run({ images: cap.images, mrz: null, identification: result })));
        for (const r of checks) expect(r.status, `${r.id}: ${r.measured}`).not.toBe('fail');
      });
    }
  }

  it('says unknown when no candidate class matches the page', async () => {
    const cap = await renderCapture(78, 1, { design: 'meridian-td3', degrade: 'light' });
    const result = identifyDocument(cap.images, null, candidates().filter((c) => c.cls.id === 'specimen.aurora-td3'));
    expect(isUnknown(result)).toBe(true);
    if (isUnknown(result)) expect(result.reason).toMatch(/unknown or unregistered series/);
  });

  it('reports a malformed reference and a missing white reference per candidate, without throwing', async () => {
    const cap = await renderCapture(79, 0, { design: 'harbor-td1', degrade: 'light' });
    const harbor = refs.find((f) => f.cls.id === 'specimen.harbor-td1')!;
    const squashed = { ...harbor.reference.white, grey: { ...harbor.reference.white.grey, height: 10 } };
    const result = identifyDocument(cap.images, null, [
      { cls: harbor.cls, reference: { white: squashed } },
      { cls: { ...harbor.cls, id: 'no-white' }, reference: { uv: harbor.reference.uv } },
    ]);
    expect(isUnknown(result)).toBe(true);
    if (isUnknown(result)) expect(result.candidates.every((c) => c.error)).toBe(true);
  });

  it('aligns within a pixel or two of the truth homography', async () => {
    const ref = refs.find((f) => f.cls.id === 'specimen.delta-td2')!;
    const errors: number[] = [];
    for (let i = 0; i < 4; i++) {
      const cap = await renderCapture(80 + i, i, { design: 'delta-td2', degrade: i % 2 ? 'heavy' : 'light' });
      const a = alignToReference(cap.images.white, ref.reference.white, { dpi: ref.cls.dpi, personal: personalBoxes(ref.cls) });
      const truthH = cap.truth.degradation.applied.find((x) => x.kind === 'perspective-warp')!.params.homography as number[];
      errors.push(cornerError(a.homography, truthH, cap.truth.page.widthPx, cap.truth.page.heightPx));
    }
    expect(Math.max(...errors)).toBeLessThan(2.5);
  });
});
