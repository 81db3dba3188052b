import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckInput, Identification, LightImage } from '../../../electron/checks/check-input';
import { classedChecks } from '../../../electron/checks/check-registry';
import { identificationResult } from '../../../electron/checks/classed';
import type { Box } from '../../../electron/contract/capture.contract';
import { identifyDocument, isUnknown, lightImageFromRgb, mapBox } from '../../../electron/identify';
import { buildReferenceClass, renderCapture, type Capture, type ReferenceFixture } from '../identify/reference-fixture';

let ref: ReferenceFixture;
let cap: Capture;
let id: Identification;

beforeAll(async () => {
  ref = await buildReferenceClass('aurora-td3');
  cap = await renderCapture(501, 2, { design: 'aurora-td3' });
  const result = identifyDocument(cap.images, null, [{ cls: ref.cls, reference: ref.reference }]);
  if (isUnknown(result)) throw new Error(result.reason);
  id = result;
});

/** A copy of the capture with a box painted (clean captures: page pixels = capture pixels). */
function painted(img: LightImage, box: Box, paint: (x: number, y: number) => [number, number, number]): LightImage {
  const rgb = { ...img.rgb, data: Uint8Array.from(img.rgb.data) };
  for (let y = Math.max(0, box.y); y < Math.min(rgb.height, box.y + box.h); y++) {
    for (let x = Math.max(0, box.x); x < Math.min(rgb.width, box.x + box.w); x++) {
      const [r, g, b] = paint(x, y);
      const i = (y * rgb.width + x) * 3;
      rgb.data[i] = r;
      rgb.data[i + 1] = g;
      rgb.data[i + 2] = b;
    }
  }
  return lightImageFromRgb(img.light, rgb);
}

const region = (rid: string): Box => cap.truth.regions.find((r) => r.id === rid)!.box;
const run = async (checkId: string, input: CheckInput) => classedChecks.find((c) => c.id === checkId)!.run(input);

describe('class-specific checks', () => {
  it('pass on the genuine capture', async () => {
    const results = await Promise.all(classedChecks.map((c) => c.run({ images: cap.images, mrz: null, identification: id })));
    expect(results.map((r) => `${r.id}:${r.status}`)).toEqual(classedChecks.map((c) => `${c.id}:pass`));
  });

  it('uv.features fails when the UV emblem is missing', async () => {
    const uv = painted(cap.images.uv, region('uv-emblem'), () => [28, 23, 51]);
    const r = await run('uv.features', { images: { ...cap.images, uv }, mrz: null, identification: id });
    expect(r.status).toBe('fail');
    expect(r.evidence[0]?.light).toBe('uv');
  });

  it('ir.features fails when an IR-absorbing field drops out', async () => {
    const ir = painted(cap.images.ir, region('field-documentNumber'), () => [241, 241, 241]);
    const r = await run('ir.features', { images: { ...cap.images, ir }, mrz: null, identification: id });
    expect(r.status).toBe('fail');
    expect(r.measured).toMatch(/documentNumber/);
  });

  it('visible.template fails where fixed print was erased (SPECIMEN badge)', async () => {
    const white = painted(cap.images.white, { x: 1180, y: 15, w: 280, h: 100 }, () => [246, 244, 234]);
    const r = await run('visible.template', { images: { ...cap.images, white }, mrz: null, identification: id });
    expect(r.status).toBe('fail');
    expect(r.evidence.length).toBeGreaterThan(0);
  });

  it('viz.erasure fails where a field value was erased and printed again (bleached background)', async () => {
    // Chemical erasure over the surname's field: the background bleached towards a yellowish white.
    const zone = id.cls.zones.find((z) => z.kind === 'field' && z.field === 'surname')!;
    const field = mapBox(id.homography, zone.box, cap.images.white.grey.width, cap.images.white.grey.height);
    const original = cap.images.white.rgb;
    const bleached = painted(cap.images.white, field, (x, y) => {
      const i = (y * original.width + x) * 3;
      const mix = (c: number, to: number) => Math.round(c * 0.45 + to * 0.55);
      return [mix(original.data[i]!, 255), mix(original.data[i + 1]!, 251), mix(original.data[i + 2]!, 239)];
    });
    const r = await run('viz.erasure', { images: { ...cap.images, white: bleached }, mrz: null, identification: id });
    expect(r.status).toBe('fail');
    expect(r.evidence).toHaveLength(1);
    expect(r.measured).toMatch(/surname/i);
  });

  it('photo.substitution fails for a pasted-over portrait and for a ghost of another face', async () => {
    const photo = region('photo');
    const pasted = painted(cap.images.white, { x: photo.x - 20, y: photo.y - 20, w: photo.w + 40, h: photo.h + 40 }, (x, y) => (Math.hypot(x - photo.x - photo.w / 2, y - photo.y - photo.h * 0.4) < 120 ? [120, 100, 90] : [200, 205, 210]));
    expect((await run('photo.substitution', { images: { ...cap.images, white: pasted }, mrz: null, identification: id })).status).toBe('fail');
    const g = region('ghost');
    const ghost = painted(cap.images.white, g, (x, y) => (Math.hypot(x - g.x - g.w * 0.3, y - g.y - g.h * 0.7) < 50 ? [150, 150, 150] : [235, 235, 230]));
    const r = await run('photo.substitution', { images: { ...cap.images, white: ghost }, mrz: null, identification: id });
    expect(r.status).toBe('fail');
    expect(r.measured).toMatch(/ghost/);
  });

  it('are not performed when the document is unidentified or a light is missing', async () => {
    for (const c of classedChecks) expect((await c.run({ images: cap.images, mrz: null, identification: null })).status).toBe('not-performed');
    const { uv: _uv, ...noUv } = cap.images;
    expect((await run('uv.features', { images: noUv, mrz: null, identification: id })).status).toBe('not-performed');
    const noIrRef = { ...id, reference: { white: id.reference.white } };
    expect((await run('ir.features', { images: cap.images, mrz: null, identification: noIrRef })).status).toBe('not-performed');
  });

  it('document.identification warns for a page of a series the library does not hold (the page of another series that matches another class fails: check-results snapshot)', async () => {
    const other = await renderCapture(502, 0, { design: 'meridian-td3', degrade: 'light' });
    const outcome = identifyDocument(other.images, null, [{ cls: ref.cls, reference: ref.reference }]);
    const r = identificationResult(outcome);
    expect(r.status).toBe('warn');
    expect(r.measured).toMatch(/aurora-td3/);
  });
});
