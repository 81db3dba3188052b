import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MRZ_FORMATS, MRZ_GEOMETRY } from '../../../electron/contract/mrz.contract';
import { SpecimenTruthSchema, type SpecimenRegion } from '../../../electron/contract/specimen.contract';
import { mrzCheckDigit } from '../../../electron/specimens/check-digit';
import { applyHomography, type Matrix3 } from '../../../electron/specimens/projective-warp';
import { generateSpecimens, renderSpecimen, SPECIMEN_DESIGNS } from '../../../electron/specimens';
import { boxMask, brightColour, brightnessAt, decode, stats } from './specimen-helpers';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const boxes = (regions: SpecimenRegion[], kind: SpecimenRegion['kind']) => regions.filter((r) => r.kind === kind);
const temp = mkdtempSync(join(tmpdir(), 'loupe-specimen-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('determinism', () => {
  it('the same seed gives byte-identical truth and images; another seed does not', async () => {
    const a = await renderSpecimen(42, 3, { degrade: 'heavy' });
    const b = await renderSpecimen(42, 3, { degrade: 'heavy' });
    const c = await renderSpecimen(43, 3, { degrade: 'heavy' });
    expect(JSON.stringify(a.truth)).toBe(JSON.stringify(b.truth));
    for (const light of ['white', 'ir', 'uv'] as const) expect(sha(a.images[light].data)).toBe(sha(b.images[light].data));
    expect(a.truth.mrz.lines).not.toEqual(c.truth.mrz.lines);
    expect(sha(a.images.white.data)).not.toBe(sha(c.images.white.data));
  });

  it('generateSpecimens writes the same files twice', async () => {
    const one = join(temp, 'one');
    const two = join(temp, 'two');
    await generateSpecimens({ outDir: one, count: 3, seed: 7, degrade: 'light' });
    await generateSpecimens({ outDir: two, count: 3, seed: 7, degrade: 'light' });
    const files = readdirSync(one).sort();
    expect(files).toHaveLength(12);
    expect(readdirSync(two).sort()).toEqual(files);
    for (const f of files) expect(sha(readFileSync(join(two, f))), f).toBe(sha(readFileSync(join(one, f))));
    const truth = SpecimenTruthSchema.parse(JSON.parse(readFileSync(join(one, 'spc-7-0000.truth.json'), 'utf8')));
    expect(truth.images.white).toMatch(/^spc-7-0000_white\.(png|jpg)$/);
    expect(files).toContain(truth.images.uv);
  });
});

describe.each(MRZ_FORMATS)('%s', (format) => {
  it('renders valid truth, a checkable MRZ, and physically plausible IR and UV images', async () => {
    const { truth, images } = await renderSpecimen(2025, 1, { format });
    SpecimenTruthSchema.parse(truth);
    expect(truth.format).toBe(format);
    expect(SPECIMEN_DESIGNS.map((d) => d.id)).toContain(truth.design);
    const { lines, chars } = MRZ_GEOMETRY[format];
    expect(truth.mrz.lines).toHaveLength(lines);
    for (const line of truth.mrz.lines) expect(line).toHaveLength(chars);
    const l2 = truth.mrz.lines[1] as string;
    if (format !== 'TD1') expect(l2[9]).toBe(mrzCheckDigit(l2.slice(0, 9)));
    expect(truth.mrzFields.birthDate).toMatch(/^\d{6}$/);
    expect(truth.printed.surname).toBeTruthy();
    expect(truth.page.widthPx).toBe(Math.round((truth.page.widthMm / 25.4) * 300));
    for (const kind of ['header', 'photo', 'mrz', 'field', 'uv-feature', 'ir-feature', 'pattern', 'signature'] as const) {
      expect(boxes(truth.regions, kind).length, kind).toBeGreaterThan(0);
    }
    for (const r of truth.regions) {
      expect(r.box.x + r.box.w).toBeLessThanOrEqual(truth.page.widthPx);
      expect(r.box.y + r.box.h).toBeLessThanOrEqual(truth.page.heightPx);
    }

    // White: full colour, page size as declared.
    const white = await decode(images.white.data);
    expect([white.width, white.height]).toEqual([truth.page.widthPx, truth.page.heightPx]);
    expect(white.channels).toBe(3);

    // IR (B900): near-white outside the IR-absorbing zones, dark print in the MRZ.
    const ir = await decode(images.ir.data);
    expect(ir.channels).toBe(1);
    const irFeatures = boxes(truth.regions, 'ir-feature').map((r) => r.box);
    const irMask = boxMask(ir, irFeatures, 2);
    const outsideIr = stats(ir, irMask, 0, 200);
    expect(outsideIr.mean).toBeGreaterThan(230);
    expect(outsideIr.darkFraction).toBeLessThan(0.0001);
    const mrzBox = truth.regions.find((r) => r.id === 'mrz')?.box;
    if (!mrzBox) throw new Error('no mrz region');
    const inMrz = stats(ir, boxMask(ir, [mrzBox]), 1);
    expect(inMrz.darkFraction).toBeGreaterThan(0.08);
    expect(inMrz.mean).toBeLessThan(outsideIr.mean - 25);

    // UV (365 nm): dull substrate, bright only in the planned features, in their recorded colour.
    const uv = await decode(images.uv.data);
    const uvFeatures = boxes(truth.regions, 'uv-feature');
    const outsideUv = stats(uv, boxMask(uv, uvFeatures.map((r) => r.box), 3), 0, 100, 120, brightnessAt);
    expect(outsideUv.mean).toBeLessThan(60);
    expect(outsideUv.brightFraction).toBeLessThan(0.001);
    const emblem = uvFeatures.find((r) => r.id === 'uv-emblem');
    if (!emblem) throw new Error('no uv emblem');
    const inEmblem = stats(uv, boxMask(uv, [emblem.box]), 1, 100, 120, brightnessAt);
    expect(inEmblem.brightFraction).toBeGreaterThan(0.02);
    const expected = /#([0-9a-f]{6})/i.exec(emblem.ref ?? '')?.[1];
    const seen = brightColour(uv, emblem.box);
    if (!expected || !seen) throw new Error('no colour');
    const want = [0, 2, 4].map((i) => parseInt(expected.slice(i, i + 2), 16));
    const dominant = (c: number[]) => c.indexOf(Math.max(...c));
    expect(dominant(seen)).toBe(dominant(want));
  });
});

describe('truth regions cover the ink', () => {
  it('no IR-absorbing print outside ir-feature regions and no fluorescence outside uv-feature regions (12 documents)', async () => {
    for (let index = 0; index < 12; index++) {
      const { truth, images } = await renderSpecimen(777, index, {});
      const ir = await decode(images.ir.data);
      const irOut = stats(ir, boxMask(ir, boxes(truth.regions, 'ir-feature').map((r) => r.box), 1), 0, 200);
      expect(irOut.darkFraction, truth.id).toBe(0);
      const uv = await decode(images.uv.data);
      const uvOut = stats(uv, boxMask(uv, boxes(truth.regions, 'uv-feature').map((r) => r.box), 1), 0, 100, 90, brightnessAt);
      expect(uvOut.brightFraction, truth.id).toBe(0);
    }
  });
});

describe('degradation', () => {
  it('heavy: records what it did, resamples to 200–250 dpi, writes JPEG, keeps the MRZ dark where the warp put it', async () => {
    const { truth, images } = await renderSpecimen(5, 2, { format: 'TD3', degrade: 'heavy' });
    const d = truth.degradation;
    expect(d.level).toBe('heavy');
    const kinds = d.applied.map((a) => a.kind);
    expect(kinds).toEqual(['perspective-warp', 'resample', 'blur', 'illumination', 'noise', 'jpeg']);
    expect(d.output.dpi).toBeGreaterThanOrEqual(200);
    expect(d.output.dpi).toBeLessThanOrEqual(250);
    expect(truth.images.white.endsWith('.jpg')).toBe(true);
    for (const light of ['white', 'ir', 'uv'] as const) {
      const img = await decode(images[light].data);
      expect([img.width, img.height]).toEqual([d.output.widthPx, d.output.heightPx]);
    }
    const warp = d.applied[0]?.params as { homography: Matrix3; rotationDeg: number };
    expect(Math.abs(warp.rotationDeg)).toBeLessThanOrEqual(4);
    // Map the centre of each MRZ line into the output: it must land on dark print in IR.
    const ir = await decode(images.ir.data);
    for (const line of truth.regions.filter((r) => r.id.startsWith('mrz-line-'))) {
      const [x, y] = applyHomography(warp.homography, [line.box.x + line.box.w / 2, line.box.y + line.box.h / 2]);
      const w = line.box.w * (d.output.dpi / truth.dpi) * 0.9;
      const h = line.box.h * (d.output.dpi / truth.dpi) * 0.5;
      const s = stats(ir, boxMask(ir, [{ x: x - w / 2, y: y - h / 2, w, h }]), 1, 110);
      expect(s.darkFraction).toBeGreaterThan(0.1);
    }
  });

  it('light: mild parameters, page size kept at the render dpi plus the capture margin', async () => {
    const { truth } = await renderSpecimen(5, 4, { degrade: 'light' });
    const d = truth.degradation;
    expect(d.level).toBe('light');
    const blur = d.applied.find((a) => a.kind === 'blur')?.params.sigma as number;
    expect(blur).toBeLessThanOrEqual(0.8);
    expect(d.applied.some((a) => a.kind === 'resample')).toBe(false);
    expect(d.output.dpi).toBe(300);
    expect(d.output.widthPx).toBeGreaterThan(truth.page.widthPx);
  });

  it('none: no defects, output equals the page', async () => {
    const { truth } = await renderSpecimen(5, 0, {});
    expect(truth.degradation).toEqual({ level: 'none', applied: [], output: { widthPx: truth.page.widthPx, heightPx: truth.page.heightPx, dpi: 300 } });
    expect(truth.images.ir).toBe(`${truth.id}_ir.png`);
  });

  it('renders at 600 dpi with regions scaled accordingly', async () => {
    const lo = await renderSpecimen(9, 0, { format: 'TD1' });
    const hi = await renderSpecimen(9, 0, { format: 'TD1', dpi: 600 });
    expect(hi.truth.page.widthPx).toBe(Math.round((85.6 / 25.4) * 600));
    const mrzLo = lo.truth.regions.find((r) => r.id === 'mrz')?.box;
    const mrzHi = hi.truth.regions.find((r) => r.id === 'mrz')?.box;
    expect(mrzHi?.w).toBeCloseTo((mrzLo?.w ?? 0) * 2, -1);
    expect(hi.truth.mrz.lines).toEqual(lo.truth.mrz.lines);
  });
});
