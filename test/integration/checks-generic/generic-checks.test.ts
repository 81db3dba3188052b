import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import type { CheckInput } from '../../../electron/checks/check-input';
import type { CheckResult } from '../../../electron/contract/examination.contract';
import { genericChecks } from '../../../electron/checks/check-registry';
import { decodeCaptureImages, shutdownVizOcr } from '../../../electron/checks/generic';
import { shutdownOcr } from '../../../electron/mrz/mrz-ocr-engine';
import { alterVizField, brightenUvSubstrate, captureSpecimen, identifyFromTruth, retypeMrz, whitenMrzInIr, type SpecimenCapture } from './specimen-capture';

async function runAll(input: CheckInput): Promise<Record<string, CheckResult>> {
  const out: Record<string, CheckResult> = {};
  for (const check of genericChecks) out[check.id] = await check.run(input);
  return out;
}
const identified = (c: SpecimenCapture): CheckInput => ({ ...c.input, identification: identifyFromTruth(c.truth) });

const captures: Record<string, SpecimenCapture> = {};
beforeAll(async () => {
  for (const [level, index] of [['none', 1], ['light', 2], ['heavy', 3]] as const) captures[level] = await captureSpecimen(77, index, level);
});
afterAll(async () => {
  await shutdownVizOcr();
  await shutdownOcr();
});

describe('generic checks on genuine specimens', () => {
  for (const level of ['none', 'light', 'heavy']) {
    it(`every check passes (${level})`, async () => {
      const results = await runAll(identified(captures[level]!));
      for (const r of Object.values(results)) expect([r.id, r.status, r.measured]).toEqual([r.id, 'pass', r.measured]);
      expect(results['mrz.b900']!.evidence[0]!.light).toBe('ir');
    });
  }
});

describe('generic checks on defective documents', () => {
  it('non-B900 MRZ: mrz.b900 fails with the IR region, the others are undisturbed', async () => {
    const results = await runAll(identified({ ...captures.light!, input: whitenMrzInIr(captures.light!.input) }));
    expect(results['mrz.b900']!.status).toBe('fail');
    expect(results['mrz.b900']!.evidence.some((e) => e.light === 'ir' && e.region && e.region.w > 100)).toBe(true);
    for (const id of ['uv.dullness', 'mrz.geometry', 'viz.mrz-consistency']) expect(results[id]!.status).toBe('pass');
  });
  it('office paper: uv.dullness fails, a weaker glow still fails, the others pass', async () => {
    const results = await runAll(identified({ ...captures.heavy!, input: brightenUvSubstrate(captures.heavy!.input) }));
    expect(results['uv.dullness']!.status).toBe('fail');
    expect(results['uv.dullness']!.measured).toMatch(/median UV luminance \d+/);
    for (const id of ['mrz.b900', 'mrz.geometry']) expect(results[id]!.status).toBe('pass');
    const half = await genericChecks[1]!.run(brightenUvSubstrate(captures.none!.input, 0.5));
    expect(half.status).toBe('fail');
  });
  it('MRZ re-typed in DejaVu Sans Mono: mrz.geometry fails on the font', async () => {
    const retyped = await retypeMrz(77, 0, 'DejaVu Sans Mono', 2.54, 'TD3');
    const result = await genericChecks[2]!.run(retyped.input);
    expect(result.status).toBe('fail');
    expect(result.explanation).toMatch(/OCR-B/);
  });
  it('MRZ re-typed in OCR-B at the wrong pitch: mrz.geometry fails on the pitch', async () => {
    const retyped = await retypeMrz(77, 0, 'OCR B', 2.3, 'TD3');
    const result = await genericChecks[2]!.run(retyped.input);
    expect(result.status).toBe('fail');
    expect(result.explanation).toMatch(/pitch/);
  });
  it('VIZ birth date altered: viz.mrz-consistency fails with and without identification', async () => {
    const altered = await alterVizField(captures.light!, 'birthDate', '03 FEB 1971');
    const zoned = await genericChecks[3]!.run({ ...altered, identification: identifyFromTruth(captures.light!.truth) });
    expect(zoned.status).toBe('fail');
    expect(zoned.evidence[0]!.region).toBeDefined();
    expect(zoned.measured).toMatch(/birthDate: VIZ/);
    const page = await genericChecks[3]!.run(altered);
    expect(page.status).toBe('fail');
    const b900 = await genericChecks[0]!.run(altered);
    expect(b900.status).toBe('pass');
  });
});

describe('hostile inputs', () => {
  it('missing IR: B900 not performed, the others still run', async () => {
    const { ir: _ir, ...rest } = captures.none!.input.images;
    const results = await runAll({ ...captures.none!.input, images: rest });
    expect(results['mrz.b900']!.status).toBe('not-performed');
    expect(results['mrz.b900']!.measured).toMatch(/no infrared image/);
    expect(results['uv.dullness']!.status).toBe('pass');
  });
  it('lights of different sizes: comparing checks are not performed', async () => {
    const c = captures.none!;
    const small = c.paths.ir.replace(/\.png$/, '_small.png');
    writeFileSync(small, await sharp(c.paths.ir).resize({ width: 900 }).png().toBuffer());
    const images = await decodeCaptureImages({ ...c.paths, ir: small });
    const results = await runAll({ ...c.input, images });
    expect(results['mrz.b900']!.status).toBe('not-performed');
    expect(results['mrz.b900']!.measured).toMatch(/different sizes/);
    expect(results['uv.dullness']!.status).toBe('not-performed');
  });
  it('no MRZ: MRZ-based checks are not performed, never pass or fail', async () => {
    const results = await runAll({ ...captures.none!.input, mrz: null });
    for (const id of ['mrz.b900', 'mrz.geometry', 'viz.mrz-consistency']) expect(results[id]!.status).toBe('not-performed');
    expect(results['uv.dullness']!.status).toBe('pass');
  });
  it('no images at all: everything not performed', async () => {
    const results = await runAll({ images: {}, mrz: null, identification: null });
    for (const r of Object.values(results)) expect(r.status).toBe('not-performed');
  });
  it('decodeCaptureImages refuses a corrupt file with a clear error', async () => {
    const bad = captures.none!.paths.white.replace(/\.png$/, '_bad.png');
    writeFileSync(bad, 'not an image');
    await expect(decodeCaptureImages({ white: bad })).rejects.toThrow(/not a supported image/);
  });
});
