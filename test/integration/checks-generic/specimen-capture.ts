// Test fixture: renders a synthetic specimen, writes its three lights to a temp folder, reads the
// MRZ from the images and decodes the capture — the real pipeline a check sees.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Light } from '../../../electron/contract/capture.contract';
import type { DegradeLevel, SpecimenTruth } from '../../../electron/contract/specimen.contract';
import type { MrzFormat } from '../../../electron/contract/mrz.contract';
import { renderSpecimen } from '../../../electron/specimens';
import { readMrzFromImage } from '../../../electron/mrz/mrz-image-reader';
import { decodeCaptureImages } from '../../../electron/checks/generic/decode-capture';
import type { CheckInput, Identification, LightImage } from '../../../electron/checks/check-input';
import type { DocumentClass } from '../../../electron/contract/reference.contract';
import { project } from '../../../electron/checks/generic/capture-geometry';

export interface SpecimenCapture {
  truth: SpecimenTruth;
  paths: Record<Light, string>;
  input: CheckInput;
}

let dir: string | null = null;
function workDir(): string {
  dir ??= mkdtempSync(join(tmpdir(), 'loupe-generic-'));
  return dir;
}

export async function captureSpecimen(seed: number, index: number, degrade: DegradeLevel, format?: MrzFormat): Promise<SpecimenCapture> {
  const { truth, images } = await renderSpecimen(seed, index, { degrade, ...(format ? { format } : {}) });
  const paths = {} as Record<Light, string>;
  for (const light of ['white', 'ir', 'uv'] as const) {
    paths[light] = join(workDir(), images[light].fileName);
    writeFileSync(paths[light], images[light].data);
  }
  const mrz = await readMrzFromImage(paths.white, { irPath: paths.ir });
  const decoded = await decodeCaptureImages(paths);
  return { truth, paths, input: { images: decoded, mrz, identification: null } };
}

function clone(img: LightImage): LightImage {
  return { ...img, rgb: { ...img.rgb, data: img.rgb.data.slice() }, grey: { ...img.grey, data: img.grey.data.slice() } };
}

function setPixel(img: LightImage, p: number, r: number, g: number, b: number): void {
  const c = (v: number): number => Math.max(0, Math.min(255, Math.round(v)));
  img.rgb.data[p * 3] = c(r);
  img.rgb.data[p * 3 + 1] = c(g);
  img.rgb.data[p * 3 + 2] = c(b);
  img.grey.data[p] = c((r * 299 + g * 587 + b * 114) / 1000);
}

/** Deterministic noise so forged pixels keep a sensor-like texture. */
function noise(seed: number): () => number {
  let s = seed | 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) / 0xffffffff - 0.5) * 6;
  };
}

/**
 * Non-B900 MRZ: inside the MRZ box the IR image goes to the local paper level (strength 1) —
 * what a colour-ink reprint of the zone looks like under the IR lamp.
 */
export function whitenMrzInIr(input: CheckInput, strength = 1): CheckInput {
  const ir = clone(input.images.ir!);
  const corners = input.mrz!.geometry!.corners;
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const [x0, x1, y0, y1] = [Math.floor(Math.min(...xs)), Math.ceil(Math.max(...xs)), Math.floor(Math.min(...ys)), Math.ceil(Math.max(...ys))];
  const w = ir.grey.width;
  const levels: number[] = [];
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) levels.push(ir.grey.data[y * w + x]!);
  levels.sort((a, b) => a - b);
  const paper = levels[Math.floor(levels.length * 0.8)]!;
  const rnd = noise(x0 * 31 + y0);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const p = y * w + x;
      const v = ir.grey.data[p]!;
      const t = v + (paper - v) * strength + rnd();
      setPixel(ir, p, t, t, t);
    }
  }
  return { ...input, images: { ...input.images, ir } };
}

/**
 * Office paper under UV: optical brighteners glow blue-white wherever the page is bare paper
 * (ink absorbs the glow), with `strength` 0..1 of a full glow.
 */
export function brightenUvSubstrate(input: CheckInput, strength = 1): CheckInput {
  const uv = clone(input.images.uv!);
  const white = input.images.white!;
  const glow = [150, 165, 235];
  for (let p = 0; p < uv.grey.data.length; p++) {
    const paper = Math.max(0, (white.grey.data[p]! - 80) / 150);
    const k = strength * Math.min(1, paper);
    setPixel(uv, p, uv.rgb.data[p * 3]! + glow[0]! * k, uv.rgb.data[p * 3 + 1]! + glow[1]! * k, uv.rgb.data[p * 3 + 2]! + glow[2]! * k);
  }
  return { ...input, images: { ...input.images, uv } };
}

/**
 * A re-typed MRZ: the genuine (undegraded) white page with its MRZ painted over with paper and
 * typed again in `font` at `pitchMm` per character — then read back through the real MRZ reader.
 */
export async function retypeMrz(seed: number, index: number, font: string, pitchMm: number, format?: MrzFormat): Promise<SpecimenCapture> {
  const { default: sharp } = await import('sharp');
  const base = await captureSpecimen(seed, index, 'none', format);
  const { truth } = base;
  const pxMm = truth.dpi / 25.4;
  const zone = truth.regions.find((r) => r.id === 'mrz')!.box;
  const lines = truth.regions.filter((r) => r.id.startsWith('mrz-line-')).map((r) => r.box);
  const capPx = 2.42 * pxMm;
  const text = truth.mrz.lines
    .map((line, i) => {
      const box = lines[i]!;
      const baseline = box.y + box.h - 0.5 * pxMm;
      return [...line]
        .map((ch, col) => {
          const x = box.x + (col + 0.5) * pitchMm * pxMm;
          const glyph = ch === '<' ? '&lt;' : ch;
          return `<text x="${x.toFixed(1)}" y="${baseline.toFixed(1)}" text-anchor="middle" font-family="${font}" font-size="${(capPx / 0.72).toFixed(1)}">${glyph}</text>`;
        })
        .join('');
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${truth.page.widthPx}" height="${truth.page.heightPx}"><rect x="${zone.x}" y="${zone.y}" width="${zone.w}" height="${zone.h}" fill="#f4f1ea"/><g fill="#111">${text}</g></svg>`;
  const paths = { ...base.paths };
  const out = base.paths.white.replace(/_white\.png$/, `_retyped_${font.replace(/\W/g, '')}_${pitchMm}.png`);
  await sharp(base.paths.white).composite([{ input: Buffer.from(svg) }]).withDensity(truth.dpi).png().toFile(out);
  paths.white = out;
  // The IR image is left genuine; the MRZ is read from white light, where the re-typed zone is.
  const mrz = await readMrzFromImage(out);
  const decoded = await decodeCaptureImages(paths);
  return { truth, paths, input: { images: decoded, mrz, identification: null } };
}

/**
 * An identification as the identification step would produce it for a synthetic specimen: the
 * class zones are the truth's field boxes (undegraded page pixels) and the homography is the
 * capture's page → output warp (identity for an undegraded capture).
 */
export function identifyFromTruth(truth: SpecimenTruth): Identification {
  const warp = truth.degradation.applied.find((a) => a.kind === 'perspective-warp');
  const homography = warp ? (warp.params.homography as number[]) : [1, 0, 0, 0, 1, 0, 0, 0, 1];
  const cls: DocumentClass = {
    schema: 'loupe.reference/1',
    id: `synthetic.${truth.design}`,
    issuer: null,
    documentType: 'passport',
    documentCodes: ['P'],
    series: truth.design,
    validFrom: '2020-01-01',
    validTo: null,
    format: truth.format,
    size: { widthMm: truth.page.widthMm, heightMm: truth.page.heightMm },
    dpi: truth.dpi,
    images: {} as DocumentClass["images"],
    zones: truth.regions
      .filter((r) => r.kind === 'field')
      .map((r) => ({ id: r.id.toLowerCase(), kind: 'field' as const, label: r.ref ?? r.id, box: r.box, field: r.ref, personal: true, expect: {} })),
    status: 'active',
    version: 1,
    updatedAt: '2025-01-01T00:00:00Z',
    author: 'test',
  };
  return { cls, reference: {}, homography, score: 1, candidates: [{ id: cls.id, score: 1 }] };
}

/** The capture with one printed field repainted to show `value` (data altered in the VIZ only). */
export async function alterVizField(capture: SpecimenCapture, field: string, value: string): Promise<CheckInput> {
  const { default: sharp } = await import('sharp');
  const region = capture.truth.regions.find((r) => r.id === `field-${field}`)!;
  const ident = identifyFromTruth(capture.truth);
  const [x, y] = [region.box.x, region.box.y];
  const pts = [project(ident.homography, x, y), project(ident.homography, x + region.box.w, y + region.box.h)];
  const bx = Math.round(Math.min(pts[0]![0], pts[1]![0]));
  const by = Math.round(Math.min(pts[0]![1], pts[1]![1]));
  const bw = Math.round(Math.abs(pts[1]![0] - pts[0]![0]));
  const bh = Math.round(Math.abs(pts[1]![1] - pts[0]![1]));
  const size = Math.round(bh * 0.62);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${bw + 200}" height="${bh}"><rect width="${bw + 200}" height="${bh}" fill="#f3efe6"/><text x="2" y="${Math.round(bh * 0.78)}" font-family="DejaVu Sans Condensed" font-weight="bold" font-size="${size}" fill="#1a1a1a">${value}</text></svg>`;
  const out = capture.paths.white.replace(/_white\.(png|jpg)$/, `_altered_${field}.png`);
  await sharp(capture.paths.white).composite([{ input: Buffer.from(svg), left: bx, top: by }]).png().toFile(out);
  const decoded = await decodeCaptureImages({ ...capture.paths, white: out });
  return { ...capture.input, images: decoded };
}
