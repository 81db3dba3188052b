import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../../electron/checks/check-ids';
import { LoupeError } from '../../../electron/common/loupe-error';
import type { Box } from '../../../electron/contract/capture.contract';
import type { MrzFormat } from '../../../electron/contract/mrz.contract';
import { FORGERY_KINDS, SpecimenTruthSchema, type ForgeryKind, type SpecimenTruth } from '../../../electron/contract/specimen.contract';
import { readMrzText } from '../../../electron/mrz/mrz-text-reader';
import { designById, renderSpecimen, type RenderedSpecimen } from '../../../electron/specimens';
import { boxMask, brightnessAt, decode, luminanceAt, stats, type Pixels } from './specimen-helpers';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const KNOWN = new Set<string>(Object.values(CHECK_IDS));
const SEED = 31;
const region = (t: SpecimenTruth, id: string): Box => {
  const r = t.regions.find((x) => x.id === id);
  if (!r) throw new Error(`no region ${id}`);
  return r.box;
};
const meanIn = (p: Pixels, boxes: Box[]) => stats(p, boxMask(p, boxes), 1).mean;

const cache = new Map<string, Promise<RenderedSpecimen>>();
function render(format: MrzFormat, forgery?: ForgeryKind, index = 0, design?: string): Promise<RenderedSpecimen> {
  const key = `${format}/${forgery ?? 'genuine'}/${index}/${design ?? ''}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = renderSpecimen(SEED, index, { format, forgery, design });
    cache.set(key, entry);
  }
  return entry;
}

describe('genuine output is unchanged by the forgery support', () => {
  // Hashes recorded from the generator before forgeries existed (sharp/librsvg of this repository).
  it.each([
    [1, 0, 'none', '785427898cd166294693e6414ce945beeef52c3a03b0c4dbde0f43835ace5155', 'ca24b38fe59fd8d5a91e232f5f093b356028c9a7194e8967de52846011806faa'],
    [5, 3, 'heavy', '6d1a127e279d7ac9abaed422b774400f69d2755e49e49f270dd2cc649a32bf81', '91b2b0c2edc26a16ee3fb8c36a54f75d0e32ababcae17a08f1c972bc1a7113d1'],
  ] as const)('seed %i index %i (%s)', async (seed, index, degrade, truthHash, whiteHash) => {
    const r = await renderSpecimen(seed, index, { degrade });
    expect(r.truth.forgery).toBeUndefined();
    expect(sha(Buffer.from(JSON.stringify(r.truth)))).toBe(truthHash);
    expect(sha(r.images.white.data)).toBe(whiteHash);
  });
});

describe.each(FORGERY_KINDS)('%s', (kind) => {
  it.each(['TD3', 'TD1'] as const)('renders on %s with valid truth naming known checks and page-pixel boxes', async (format) => {
    if (kind === 'other-series' && format === 'TD1') {
      await expect(render(format, kind)).rejects.toThrow(LoupeError);
      await expect(render(format, kind)).rejects.toThrow(/other-series.*TD1 has only harbor-td1/);
      return;
    }
    const { truth, images } = await render(format, kind);
    SpecimenTruthSchema.parse(truth);
    expect(truth.id).toBe(`spf-${SEED}-0000`);
    expect(images.white.fileName).toBe(`spf-${SEED}-0000_white.png`);
    const f = truth.forgery;
    expect(f?.kind).toBe(kind);
    expect(f?.description.length).toBeGreaterThan(20);
    expect(f?.expectedChecks.length).toBeGreaterThan(0);
    for (const id of f?.expectedChecks ?? []) expect(KNOWN.has(id), id).toBe(true);
    expect(f?.affected.length).toBeGreaterThan(0);
    for (const a of f?.affected ?? []) {
      expect(a.box.x).toBeGreaterThanOrEqual(0);
      expect(a.box.y).toBeGreaterThanOrEqual(0);
      expect(a.box.x + a.box.w).toBeLessThanOrEqual(truth.page.widthPx);
      expect(a.box.y + a.box.h).toBeLessThanOrEqual(truth.page.heightPx);
      expect(a.box.w * a.box.h).toBeGreaterThan(0);
    }
  });

  it('is deterministic per seed and composes with --degrade (same capture defects as the genuine document)', async () => {
    const a = await renderSpecimen(SEED, 5, { forgery: kind, degrade: 'light' });
    const b = await renderSpecimen(SEED, 5, { forgery: kind, degrade: 'light' });
    const clean = await renderSpecimen(SEED, 5, { forgery: kind });
    const genuine = await renderSpecimen(SEED, 5, { format: a.truth.format, design: kind === 'other-series' ? undefined : a.truth.design, degrade: 'light' });
    expect(JSON.stringify(a.truth)).toBe(JSON.stringify(b.truth));
    for (const light of ['white', 'ir', 'uv'] as const) expect(sha(a.images[light].data)).toBe(sha(b.images[light].data));
    expect(a.truth.degradation.level).toBe('light');
    expect(a.truth.degradation.applied).toEqual(genuine.truth.degradation.applied);
    expect(a.truth.forgery).toEqual(clean.truth.forgery);
    expect(a.images.white.fileName).toMatch(/\.jpg$/);
  });
});

describe('physical evidence of each defect (undegraded, against the genuine page of the same seed)', () => {
  it.each(['TD3', 'TD1'] as const)('ordinary-paper: the substrate glows under UV (%s)', async (format) => {
    const [g, f] = await Promise.all([render(format), render(format, 'ordinary-paper')]);
    const pg = await decode(g.images.uv.data);
    const pf = await decode(f.images.uv.data);
    // Blank paper between the fields and the MRZ band: no UV feature is planned to cover it all.
    const mrz = region(f.truth, 'mrz');
    const strip: Box = { x: mrz.x, y: mrz.y - 30, w: mrz.w, h: 20 };
    const genuine = meanIn(pg, [strip]);
    const forged = meanIn(pf, [strip]);
    expect(genuine).toBeLessThan(60);
    expect(forged).toBeGreaterThan(130);
    // And the planned emblem no longer glows: nothing in its box is brighter than the glowing paper.
    const emblem = region(f.truth, 'uv-emblem');
    const paper = maxIn(pf, strip);
    expect(paper).toBeGreaterThan(150);
    expect(stats(pf, boxMask(pf, [emblem]), 1, 100, paper + 3).brightFraction).toBe(0);
    expect(stats(pg, boxMask(pg, [emblem]), 1, 100, 120, brightnessAt).brightFraction).toBeGreaterThan(0.01);
  });

  it.each(['TD3', 'TD1'] as const)('mrz-non-b900: the MRZ drops out in IR while white and UV stay genuine (%s)', async (format) => {
    const [g, f] = await Promise.all([render(format), render(format, 'mrz-non-b900')]);
    const lines = f.truth.regions.filter((r) => r.id.startsWith('mrz-line-')).map((r) => r.box);
    const gi = await decode(g.images.ir.data);
    const fi = await decode(f.images.ir.data);
    expect(stats(gi, boxMask(gi, lines), 1).darkFraction).toBeGreaterThan(0.1);
    expect(stats(fi, boxMask(fi, lines), 1).darkFraction).toBe(0);
    expect(meanIn(fi, lines)).toBeGreaterThan(225);
    expect(sha(f.images.white.data)).toBe(sha(g.images.white.data));
    expect(sha(f.images.uv.data)).toBe(sha(g.images.uv.data));
  });

  it.each([['TD3', 'aurora-td3'], ['TD1', 'harbor-td1'], ['TD3', 'meridian-td3']] as const)('photo-substitution: a different portrait, the ghost unchanged (%s %s)', async (format, design) => {
    const [g, f] = await Promise.all([render(format, undefined, 0, design), render(format, 'photo-substitution', 0, design)]);
    const [gw, fw] = await Promise.all([decode(g.images.white.data), decode(f.images.white.data)]);
    const photo = region(f.truth, 'photo');
    const inner: Box = { x: photo.x + photo.w * 0.2, y: photo.y + photo.h * 0.2, w: photo.w * 0.6, h: photo.h * 0.6 };
    let changed = 0;
    const mask = boxMask(gw, [inner]);
    let n = 0;
    for (let i = 0; i < mask.length; i++) {
      if (!mask[i]) continue;
      n++;
      if (Math.abs((gw.data[i * 3] as number) - (fw.data[i * 3] as number)) > 25) changed++;
    }
    expect(changed / n).toBeGreaterThan(0.1);
    if (f.truth.regions.some((r) => r.id === 'ghost')) {
      const ghost = region(f.truth, 'ghost');
      expect(meanIn(fw, [ghost])).toBeCloseTo(meanIn(gw, [ghost]), 5);
    }
    if (designById(design).ir.portrait) {
      // Photo paper is IR-transparent where the genuine carbon portrait absorbs.
      const [gi, fi] = await Promise.all([decode(g.images.ir.data), decode(f.images.ir.data)]);
      expect(meanIn(fi, [inner]) - meanIn(gi, [inner])).toBeGreaterThan(60);
      expect(f.truth.forgery?.expectedChecks).toContain(CHECK_IDS.irFeatures);
    }
    expect(f.truth.forgery?.expectedChecks).toContain(CHECK_IDS.photoZone);
  });

  it.each(['TD3', 'TD1'] as const)('viz-alteration: one VIZ field differs from the genuine print, the MRZ is the genuine one (%s)', async (format) => {
    const [g, f] = await Promise.all([render(format), render(format, 'viz-alteration')]);
    expect(f.truth.mrz.lines).toEqual(g.truth.mrz.lines);
    expect(f.truth.mrzFields).toEqual(g.truth.mrzFields);
    const differing = Object.keys(g.truth.printed).filter((k) => g.truth.printed[k] !== f.truth.printed[k]);
    expect(differing).toHaveLength(1);
    const field = differing[0] as string;
    // The genuine print agreed with the MRZ; the forged one does not.
    const mrzValue = f.truth.mrzFields[field] ?? '';
    const printed = f.truth.printed[field] ?? '';
    if (field === 'documentNumber') expect(printed).not.toBe(mrzValue);
    else if (field === 'surname') expect(printed).not.toBe(g.truth.printed.surname);
    else expect(printed.slice(-2) + printed.slice(0, 2)).not.toBe(mrzValue.slice(0, 2) + mrzValue.slice(4, 6));
    const [gw, fw] = await Promise.all([decode(g.images.white.data), decode(f.images.white.data)]);
    const box = region(f.truth, `field-${field}`);
    expect(Math.abs(meanIn(fw, [box]) - meanIn(gw, [box]))).toBeGreaterThan(1);
  });

  it.each(['TD3', 'TD1'] as const)('mrz-alteration: the MRZ data changed with valid check digits, the VIZ unchanged (%s)', async (format) => {
    const [g, f] = await Promise.all([render(format), render(format, 'mrz-alteration')]);
    expect(f.truth.printed).toEqual(g.truth.printed);
    const changed = Object.keys(g.truth.mrzFields).filter((k) => g.truth.mrzFields[k] !== f.truth.mrzFields[k]);
    expect(changed).toHaveLength(1);
    const reading = readMrzText(f.truth.mrz.lines, { source: 'text' });
    expect(reading.format).toBe(format);
    expect(reading.findings.filter((x) => /check/i.test(x.code))).toEqual([]);
    expect(reading.fields[changed[0] as string]).toBe(f.truth.mrzFields[changed[0] as string]);
  });

  it.each([0, 1, 2, 3, 4, 5])('mrz-wrong-font: pitch or glyph height measured on the MRZ differs from genuine (TD3 index %i)', async (index) => {
    const [g, f] = await Promise.all([render('TD3', undefined, index), render('TD3', 'mrz-wrong-font', index)]);
    const [mg, mf] = await Promise.all([mrzMetrics(g), mrzMetrics(f)]);
    // Genuine: 2.54 mm = 30.0 px at 300 dpi.
    expect(mg.pitch).toBeGreaterThan(29);
    expect(mg.pitch).toBeLessThan(31);
    const pitchOff = Math.abs(mf.pitch - mg.pitch) > 1.5;
    const heightOff = Math.abs(mf.height - mg.height) / mg.height > 0.12;
    expect(pitchOff || heightOff, JSON.stringify({ mg, mf, d: f.truth.forgery?.description })).toBe(true);
    expect(/at 2\.54 mm pitch/.test(f.truth.forgery?.description ?? '')).toBe(!pitchOff);
    expect(readMrzText(f.truth.mrz.lines, { source: 'text' }).findings.filter((x) => /check/i.test(x.code))).toEqual([]);
  });

  it.each(['TD3', 'TD1'] as const)('missing-ir-feature: the zone is near paper white in IR, dark on the genuine page (%s)', async (format) => {
    const [g, f] = await Promise.all([render(format), render(format, 'missing-ir-feature')]);
    const [gi, fi] = await Promise.all([decode(g.images.ir.data), decode(f.images.ir.data)]);
    const boxes = (f.truth.forgery?.affected ?? []).filter((a) => a.light === 'ir').map((a) => a.box);
    expect(boxes.length).toBeGreaterThan(0);
    expect(meanIn(fi, boxes)).toBeGreaterThan(235);
    expect(meanIn(gi, boxes)).toBeLessThan(meanIn(fi, boxes) - 15);
    expect(sha(f.images.white.data)).toBe(sha(g.images.white.data));
  });

  it('other-series: the page shows another TD3 design while the MRZ code names only the claimed one', async () => {
    const { truth, images } = await render('TD3', 'other-series');
    const claimed = designById(truth.forgery?.claimedDesign ?? '');
    const page = designById(truth.design);
    expect(claimed.id).not.toBe(page.id);
    const code = (truth.mrz.lines[0] as string).slice(0, 2);
    expect(claimed.documentCodes).toContain(code);
    expect(page.documentCodes).not.toContain(code);
    // The header band is printed in the page design's colour, far from the claimed design's.
    const p = await decode(images.white.data);
    const header = region(truth, 'header');
    const strip: Box = { x: header.x + header.w * 0.4, y: header.y + 2, w: header.w * 0.2, h: 6 };
    const rgb = [0, 1, 2].map((c) => mean(p, strip, c));
    const dist = (hex: string) => Math.hypot(...[1, 3, 5].map((i, c) => Number.parseInt(hex.slice(i, i + 2), 16) - (rgb[c] as number)));
    expect(dist(page.palette.header)).toBeLessThan(10);
    expect(dist(claimed.palette.header)).toBeGreaterThan(80);
  });
});

describe('--forgery any', () => {
  it('cycles through every kind on TD3 and never picks an unsupported kind on TD1', async () => {
    const td3 = await Promise.all(Array.from({ length: 8 }, (_, i) => renderSpecimen(3, i, { format: 'TD3', forgery: 'any' })));
    expect(new Set(td3.map((r) => r.truth.forgery?.kind))).toEqual(new Set(FORGERY_KINDS));
    const td1 = await Promise.all(Array.from({ length: 7 }, (_, i) => renderSpecimen(3, i, { format: 'TD1', forgery: 'any' })));
    const kinds = td1.map((r) => r.truth.forgery?.kind);
    expect(kinds).not.toContain('other-series');
    expect(new Set(kinds).size).toBe(7);
  });

  it('a kind without --format uses only the layouts that support it', async () => {
    const formats = await Promise.all(Array.from({ length: 3 }, (_, i) => renderSpecimen(3, i, { forgery: 'other-series' }).then((r) => r.truth.format)));
    expect(formats).toEqual(['TD3', 'TD3', 'TD3']);
  });
});

/** Brightest luminance in a box: on a forged UV page nothing outshines the glowing paper. */
function maxIn(p: Pixels, b: Box): number {
  const mask = boxMask(p, [b]);
  let max = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) max = Math.max(max, luminanceAt(p, i));
  return max;
}

function mean(p: Pixels, b: Box, channel: number): number {
  let sum = 0;
  let n = 0;
  for (let y = Math.floor(b.y); y < b.y + b.h; y++) {
    for (let x = Math.floor(b.x); x < b.x + b.w; x++) {
      sum += p.data[(y * p.width + x) * p.channels + channel] as number;
      n++;
    }
  }
  return sum / n;
}

/** Pitch (autocorrelation period of the column ink profile) and ink height of the first MRZ line, in px. */
async function mrzMetrics(r: RenderedSpecimen): Promise<{ pitch: number; height: number }> {
  const p = await decode(r.images.white.data);
  const line = region(r.truth, 'mrz-line-1');
  const band: Box = { x: 0, y: line.y - 12, w: p.width, h: line.h + 16 };
  const cols = new Float64Array(p.width);
  const rows: number[] = [];
  for (let y = band.y; y < band.y + band.h; y++) {
    let rowInk = 0;
    for (let x = 0; x < p.width; x++) {
      const ink = (p.data[(y * p.width + x) * p.channels] as number) < 110 ? 1 : 0;
      cols[x] = (cols[x] as number) + ink;
      rowInk += ink;
    }
    if (rowInk > 0) rows.push(y);
  }
  const m = cols.reduce((s, v) => s + v, 0) / cols.length;
  let best = 0;
  let pitch = 0;
  for (let lag = 20; lag <= 40; lag++) {
    let c = 0;
    for (let x = 0; x + lag < cols.length; x++) c += ((cols[x] as number) - m) * ((cols[x + lag] as number) - m);
    if (c > best) [best, pitch] = [c, lag];
  }
  return { pitch, height: rows.length };
}
