// Renders one synthetic specimen (truth + three images) in memory, deterministically from
// (seed, index). Nothing here reads the clock or Math.random.
import '../imaging/font-setup';
import sharp from 'sharp';
import type { Light } from '../contract/capture.contract';
import { MRZ_FORMATS, type MrzFormat } from '../contract/mrz.contract';
import type { DegradeLevel, ForgeryKind, SpecimenTruth } from '../contract/specimen.contract';
import { LoupeError } from '../common/loupe-error';
import { applyDegradation, planDegradation } from './capture-degrade';
import { ensureSpecimenFonts } from '../imaging/font-setup';
import { buildPattern, type PatternStroke } from './guilloche-pattern';
import { generateHolder, type HolderData } from './holder-data';
import { encodeMrz } from './mrz-encoder';
import { layoutPage, type PageLayout } from './page-layout';
import { createRng, deriveSeed } from './prng';
import type { RawImage } from './projective-warp';
import { designById, designsForFormat, type SpecimenDesign, type VizField } from './specimen-designs';
import { exclusiveCodes, otherSeriesPair, resolveForgeryKind, unsupportedReason, type ForgeryOption } from './forgery-kinds';
import { planForgery, type ForgeryPlan } from './forgery-plan';
import { resolveAffected, soften } from './forgery-render';
import { buildRegions } from './specimen-regions';
import { buildSvg, makeSignature, type PageContent } from './specimen-svg';
import { vizDate } from './specimen-dates';
import { makeFibres } from './svg-parts';

export interface RenderOptions {
  /** Fixed layout; without it formats cycle TD3, TD1, TD2, MRVA, MRVB by index. */
  format?: MrzFormat;
  /** Fixed design id (must match the format when both are given). */
  design?: string;
  degrade?: DegradeLevel;
  /** Render resolution, 300..600 (default 300). */
  dpi?: number;
  /** Render a forgery of this kind ('any': cycle over the kinds the design supports) instead of a genuine page. */
  forgery?: ForgeryOption;
}

export interface SpecimenImage {
  fileName: string;
  data: Buffer;
}

export interface RenderedSpecimen {
  truth: SpecimenTruth;
  images: Record<Light, SpecimenImage>;
}

export const DEFAULT_DPI = 300;
const LIGHTS: Light[] = ['white', 'ir', 'uv'];

/** `spc-…` for genuine specimens, `spf-…` for forged ones, so both can share a folder. */
export function specimenId(seed: number, index: number, forged = false): string {
  return `${forged ? 'spf' : 'spc'}-${seed}-${String(index).padStart(4, '0')}`;
}

export function validateDpi(dpi: number): number {
  if (!Number.isFinite(dpi) || dpi < 300 || dpi > 600) throw new LoupeError('common', 'InvalidInput', `--dpi must be between 300 and 600 (got ${dpi})`);
  return dpi;
}

const layoutCache = new Map<string, { layout: PageLayout; pattern: PatternStroke[] }>();
function designGeometry(design: SpecimenDesign) {
  let entry = layoutCache.get(design.id);
  if (!entry) {
    const layout = layoutPage(design);
    entry = { layout, pattern: buildPattern(design, layout) };
    layoutCache.set(design.id, entry);
  }
  return entry;
}

function chooseDesign(seed: number, index: number, opts: RenderOptions): SpecimenDesign {
  if (opts.design) {
    const design = designById(opts.design);
    if (opts.format && design.format !== opts.format) throw new LoupeError('common', 'InvalidInput', `design '${design.id}' is ${design.format}, not ${opts.format}`);
    return design;
  }
  // A forgery of one kind cycles only over the layouts that kind can be made on.
  const kind = opts.forgery && opts.forgery !== 'any' ? opts.forgery : null;
  const formats = kind ? MRZ_FORMATS.filter((f) => designsForFormat(f).some((d) => unsupportedReason(kind, d) === null)) : MRZ_FORMATS;
  const format = opts.format ?? (formats[index % formats.length] as MrzFormat);
  const designs = designsForFormat(format);
  return designs[deriveSeed(seed, index, 'design') % designs.length] as SpecimenDesign;
}

function printedValues(data: HolderData, design: SpecimenDesign): Partial<Record<VizField, string>> {
  const all: Record<VizField, string> = {
    type: data.documentCode.replace(/<+$/, ''),
    code: data.issuer.code,
    documentNumber: data.documentNumber,
    surname: data.surname,
    givenNames: data.givenNames,
    nationality: data.nationality.nationality,
    birthDate: vizDate(data.birth),
    // Part 3 §4.5: the VIZ shows X where the MRZ has a filler for unspecified sex.
    sex: data.sex === '<' ? 'X' : data.sex,
    placeOfBirth: data.placeOfBirth,
    issueDate: vizDate(data.issue),
    authority: data.authority,
    expiryDate: vizDate(data.expiry),
    entries: data.visa?.entries ?? '',
    duration: data.visa ? `${data.visa.durationDays} DAYS` : '',
  };
  const printed: Partial<Record<VizField, string>> = {};
  for (const row of design.rows) for (const field of row) printed[field] = all[field];
  return printed;
}

async function rasterise(svg: string, light: Light): Promise<RawImage> {
  let pipeline = sharp(Buffer.from(svg)).removeAlpha();
  if (light === 'ir') pipeline = pipeline.greyscale().toColourspace('b-w');
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: info.channels };
}

async function encode(img: RawImage, dpi: number, jpegQuality: number | null): Promise<Buffer> {
  let pipeline = sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels as 1 | 3 } }).withDensity(dpi);
  // Without an explicit colour space sharp writes single-channel raw input as RGB.
  if (img.channels === 1) pipeline = pipeline.toColourspace('b-w');
  return jpegQuality === null ? pipeline.png({ compressionLevel: 6 }).toBuffer() : pipeline.jpeg({ quality: jpegQuality, chromaSubsampling: '4:2:0' }).toBuffer();
}

export async function renderSpecimen(seed: number, index: number, opts: RenderOptions = {}): Promise<RenderedSpecimen> {
  ensureSpecimenFonts();
  const dpi = validateDpi(opts.dpi ?? DEFAULT_DPI);
  const level = opts.degrade ?? 'none';
  const chosen = chooseDesign(seed, index, opts);
  const kind: ForgeryKind | null = opts.forgery ? resolveForgeryKind(opts.forgery, chosen, index) : null;
  // A forgery draws its own choices from a separate stream: the holder stays the genuine one.
  const forgeryRng = createRng(deriveSeed(seed, index, 'forgery', kind ?? ''));
  const series = kind === 'other-series' ? otherSeriesPair(chosen) : null;
  const design = series?.page ?? chosen;
  const { layout, pattern } = designGeometry(design);
  const rng = createRng(deriveSeed(seed, index, 'document'));
  const data = generateHolder(rng, design.format, (series?.claimed ?? design).documentCodes);
  if (series) data.documentCode = forgeryRng.pick(exclusiveCodes(series.claimed, series.page)).padEnd(2, '<');
  let mrz = encodeMrz(design.format, data);
  let printed = printedValues(data, design);
  const page = { x: 0, y: 0, w: layout.widthMm, h: layout.heightMm };
  const fibres = makeFibres(rng, page, design.uv.fibreCount, design.uv.fibres);
  const numberSize = 2.6 * (layout.heightMm / 88);
  const uvNumber = design.uv.numberInk
    ? { x: layout.fieldArea.x + layout.fieldArea.w - data.documentNumber.length * numberSize * 0.62 - 0.5, y: layout.content.y + layout.content.h * 0.78, size: numberSize, text: data.documentNumber }
    : null;
  const widthPx = Math.round((layout.widthMm / 25.4) * dpi);
  const heightPx = Math.round((layout.heightMm / 25.4) * dpi);
  let content: PageContent = {
    design,
    layout,
    pattern,
    printed,
    stateName: data.issuer.name,
    mrzLines: mrz.lines,
    signature: makeSignature(rng, layout),
    fibres,
    uvNumber,
    widthPx,
    heightPx,
  };
  let plan: ForgeryPlan | null = null;
  if (kind) {
    plan = planForgery({ kind, rng: forgeryRng, design, claimed: series?.claimed ?? design, data, mrz, content });
    ({ content, mrz } = plan);
    printed = content.printed;
  }
  const raws = await Promise.all(LIGHTS.map((light) => rasterise(buildSvg(light, content), light)));
  let images: Record<Light, RawImage> = { white: raws[0] as RawImage, ir: raws[1] as RawImage, uv: raws[2] as RawImage };
  if (plan?.soften) images = { ...images, white: await soften(images.white, plan.soften), ir: await soften(images.ir, plan.soften) };
  let degradation: SpecimenTruth['degradation'] = { level: 'none', applied: [], output: { widthPx, heightPx, dpi } };
  let jpegQuality: number | null = null;
  if (level !== 'none') {
    const plan = planDegradation(level, createRng(deriveSeed(seed, index, 'degrade')), dpi);
    const result = await applyDegradation(plan, images, dpi, deriveSeed(seed, index, 'noise'));
    images = result.images;
    jpegQuality = plan.jpegQuality;
    degradation = { level, applied: result.applied, output: result.output };
  }
  const id = specimenId(seed, index, kind !== null);
  const ext = jpegQuality === null ? 'png' : 'jpg';
  const encoded = await Promise.all(LIGHTS.map((light) => encode(images[light], degradation.output.dpi, jpegQuality)));
  const files = Object.fromEntries(LIGHTS.map((light, i) => [light, { fileName: `${id}_${light}.${ext}`, data: encoded[i] as Buffer }])) as Record<Light, SpecimenImage>;

  const regions = buildRegions({ design, layout, printed, fibres, uvNumber, dpi });
  const truth: SpecimenTruth = {
    schema: 'loupe.specimen/1',
    id,
    seed,
    index,
    format: design.format,
    design: design.id,
    dpi,
    page: { widthMm: layout.widthMm, heightMm: layout.heightMm, widthPx, heightPx },
    printed: printed as Record<string, string>,
    mrzFields: mrz.fields,
    mrz: { lines: mrz.lines },
    regions,
    images: { white: files.white.fileName, ir: files.ir.fileName, uv: files.uv.fileName },
    degradation,
  };
  if (kind && plan) {
    truth.forgery = {
      kind,
      description: plan.description,
      expectedChecks: plan.expectedChecks,
      affected: resolveAffected(plan.affected, regions, layout, dpi),
      ...(series ? { claimedDesign: series.claimed.id } : {}),
    };
  }
  return { truth, images: files };
}
