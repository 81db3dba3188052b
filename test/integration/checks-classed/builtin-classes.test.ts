// The class-specific checks against the built-in library (assets/reference), as the workstation
// runs them: the cases that used to raise false alarms on genuine captures, and that the checks
// still fire on the defect they look for.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Identification, LightImage } from '../../../electron/checks/check-input';
import { classedChecks } from '../../../electron/checks/check-registry';
import { identificationResult } from '../../../electron/checks/classed';
import type { Light } from '../../../electron/contract/capture.contract';
import { applyH, identifyDocument, isUnknown, lightImageFromRgb } from '../../../electron/identify';
import { detectPageCorners } from '../../../electron/identify/page-corners';
import { decodeLightImage } from '../../../electron/imaging/light-image';
import { openReferenceLibrary, type ReferenceLibrary } from '../../../electron/reference';
import { renderCapture, type Capture } from '../identify/reference-fixture';

let library: ReferenceLibrary;

async function candidate(id: string) {
  const { cls } = library.get(id);
  const reference: Partial<Record<Light, LightImage>> = {};
  for (const light of ['white', 'ir', 'uv'] as const) reference[light] = await decodeLightImage(readFileSync(library.imagePath(id, light)!), light);
  return { cls, reference };
}

async function identify(cap: Capture, classId: string): Promise<Identification> {
  const result = identifyDocument(cap.images, null, [await candidate(classId)]);
  if (isUnknown(result)) throw new Error(result.reason);
  return result;
}

const run = async (checkId: string, cap: Capture, id: Identification, images = cap.images) => classedChecks.find((c) => c.id === checkId)!.run({ images, mrz: null, identification: id });

beforeAll(() => {
  library = openReferenceLibrary({ builtinDir: resolve('assets/reference'), userDir: mkdtempSync(join(tmpdir(), 'loupe-user-ref-')) });
});

describe('class-specific checks on the built-in classes', () => {
  it('pass on a genuine meridian-td3 capture: thin IR guilloche band, state name of another issuer', async () => {
    const cap = await renderCapture(4009, 12, { design: 'meridian-td3', degrade: 'light' });
    const id = await identify(cap, 'meridian-td3');
    expect(id.score).toBeGreaterThan(0.5);
    const ir = await run('ir.features', cap, id);
    expect(ir.status, ir.measured).toBe('pass');
    const template = await run('visible.template', cap, id);
    expect(template.status, template.measured).toBe('pass');
  });

  it('ir.features fails when the IR guilloche band drops out', async () => {
    const cap = await renderCapture(4009, 12, { design: 'meridian-td3', degrade: 'light' });
    const id = await identify(cap, 'meridian-td3');
    const band = id.cls.zones.find((z) => z.id === 'ir-band')!;
    // Paint the band (mapped into the capture) with the paper level of the IR capture around it.
    const src = cap.images.ir.rgb;
    const data = Uint8Array.from(src.data);
    const [x0, y0] = applyH(id.homography, band.box.x, band.box.y);
    const [x1, y1] = applyH(id.homography, band.box.x + band.box.w, band.box.y + band.box.h);
    const paper = src.data[(Math.round(y0 - 20) * src.width + Math.round(x0 + 20)) * 3]!;
    for (let y = Math.floor(Math.min(y0, y1)); y < Math.ceil(Math.max(y0, y1)); y++) {
      for (let x = Math.floor(Math.min(x0, x1)); x < Math.ceil(Math.max(x0, x1)); x++) data.fill(paper, (y * src.width + x) * 3, (y * src.width + x) * 3 + 3);
    }
    const ir = lightImageFromRgb('ir', { data, width: src.width, height: src.height });
    const r = await run('ir.features', cap, id, { ...cap.images, ir });
    expect(r.status).toBe('fail');
    expect(r.measured).toMatch(/Guilloche band.*drops out/);
  });

  it('finds the page outline of a heavy capture with a dark header band and identifies it', async () => {
    // delta-td2's olive header is barely brighter than the bed once the vignette darkens it.
    const cap = await renderCapture(4018, 6, { degrade: 'heavy' });
    expect(cap.truth.design).toBe('delta-td2');
    const quad = detectPageCorners(cap.images.white.rgb);
    expect(quad).not.toBeNull();
    const truthH = cap.truth.degradation.applied.find((a) => a.kind === 'perspective-warp')!.params.homography as number[];
    const [tx, ty] = applyH(truthH, 0, 0);
    expect(Math.hypot(quad![0][0] - tx, quad![0][1] - ty)).toBeLessThan(4);
    const id = await identify(cap, 'delta-td2');
    expect(identificationResult(id).status).toBe('pass');
  });

  it('identification never takes a meridian-td3 page for aurora-td3: with no class of its own in the library it is a series not in the library (a warning, never a forgery verdict by itself)', async () => {
    const cap = await renderCapture(4009, 12, { design: 'meridian-td3', degrade: 'light' });
    const outcome = identifyDocument(cap.images, null, [await candidate('aurora-td3')]);
    expect(isUnknown(outcome)).toBe(true);
    expect(identificationResult(outcome).status).toBe('warn');
  });

  it('photo.substitution fails on a pasted portrait (cut and shadow lines) and passes the genuine page', async () => {
    for (const design of ['meridian-td3', 'sentinel-mrva']) {
      const genuine = await renderCapture(4012, 7, { design, degrade: 'light' });
      const pass = await run('photo.substitution', genuine, await identify(genuine, design));
      expect(pass.status, pass.measured).toBe('pass');
      const forged = await renderCapture(4012, 7, { design, degrade: 'light', forgery: 'photo-substitution' });
      const fail = await run('photo.substitution', forged, await identify(forged, design));
      expect(fail.status, fail.measured).toBe('fail');
      expect(fail.evidence.some((e) => e.note?.includes('straight cut'))).toBe(true);
    }
  });
});
