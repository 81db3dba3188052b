// The specimen page as SVG, once per light. What each light shows follows ICAO 9303 Part 2's
// inspection model: white light shows every ink; under B900 infrared only carbon-based
// (IR-absorbing) print stays dark — always the MRZ, plus the zones the design prints in such ink;
// under 365 nm UV the substrate stays dull and only the planned fluorescent features glow.
import type { Light } from '../contract/capture.contract';
import { assertNever } from '../common/loupe-error';
import { irBandPath, uvEmblemPath, type PatternStroke } from './guilloche-pattern';
import { estimateTextWidth, type FieldSlot, type PageLayout } from './page-layout';
import type { SpecimenDesign, VizField } from './specimen-designs';
import {
  VIZ_VALUE_FONT,
  mrzLineText,
  rect,
  signaturePath,
  silhouette,
  svgText,
  type Fibre,
  type PortraitInks,
} from './svg-parts';
import type { Rng } from './prng';

export interface PageContent {
  design: SpecimenDesign;
  layout: PageLayout;
  pattern: PatternStroke[];
  printed: Partial<Record<VizField, string>>;
  stateName: string;
  mrzLines: string[];
  signature: string;
  fibres: Fibre[];
  uvNumber: { x: number; y: number; size: number; text: string } | null;
  widthPx: number;
  heightPx: number;
  /** Deviations from the design's genuine print (forged specimens only). */
  variant?: PrintVariant;
}

/** How a forged page is printed differently from the genuine design; absent = genuine. */
export interface PrintVariant {
  /** UV colour of an ordinary, brightener-laden substrate; the planned UV features are then absent. */
  uvPaper?: string;
  /** The MRZ ink as seen under B900 infrared (genuine: carbon black, absorbing). */
  mrzIrInk?: string;
  /** The MRZ's typeface, size and cell pitch (genuine: OCR-B size 1 at 2.54 mm). */
  mrzType?: { family: string; centreEm: number; fontSize: number; pitch: number; left: number };
  /** Zones the design prints in IR-absorbing ink but this page has in IR-transparent ink. */
  irMissing?: { fields: VizField[]; band: boolean; portrait: boolean };
  /** Ink of individual VIZ values in white light (a re-printed field rarely matches the original ink). */
  valueInk?: Partial<Record<VizField, string>>;
  /** SVG drawn just before the VIZ values, per light (e.g. an erased patch). */
  underlay?: Partial<Record<Light, string>>;
  /** SVG drawn last, per light (e.g. a pasted photo). */
  overlay?: Partial<Record<Light, string>>;
}

export function valueFontSize(slot: FieldSlot, text: string): number {
  const fit = slot.maxWidth / Math.max(1, estimateTextWidth(text, 1, true));
  return Math.min(slot.valueSize, fit);
}

export function makeSignature(rng: Rng, layout: PageLayout): string {
  const s = layout.signature;
  return signaturePath(rng, { x: s.x + s.w * 0.05, y: s.y, w: s.w * 0.9, h: s.h * 0.8 });
}

const UV_PAPER = '#1c1733';
const UV_PRINT = '#100c20';

function open(c: PageContent): string {
  const { widthMm: w, heightMm: h } = c.layout;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${c.widthPx}" height="${c.heightPx}" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none">`;
}

function values(c: PageContent, fill: (field: VizField) => string | null): string {
  let out = '';
  for (const slot of c.layout.slots) {
    const text = c.printed[slot.field] ?? '';
    const ink = fill(slot.field);
    if (!ink || !text) continue;
    out += svgText(slot.valueX, slot.valueY, valueFontSize(slot, text), text, { family: VIZ_VALUE_FONT, weight: 'bold', fill: ink });
  }
  return out;
}

function mrz(c: PageContent, fill: string): string {
  const m = c.layout.mrz;
  const t = c.variant?.mrzType;
  if (t) return c.mrzLines.map((line, i) => mrzLineText(line, t.left, m.baselines[i] as number, t.pitch, t.fontSize, fill, t)).join('');
  return c.mrzLines.map((line, i) => mrzLineText(line, m.left, m.baselines[i] as number, m.pitch, m.fontSize, fill)).join('');
}

function header(c: PageContent): string {
  const { header: hd, margin, widthMm } = c.layout;
  const p = c.design.palette;
  const h = hd.h;
  const ex = margin + h * 0.4;
  const emblem =
    `<circle cx="${ex}" cy="${h / 2}" r="${h * 0.32}" fill="none" stroke="#ffffff" stroke-width="${h * 0.04}"/>` +
    `<path d="M${ex} ${h * 0.28}L${ex + h * 0.07} ${h * 0.45}L${ex + h * 0.22} ${h * 0.47}L${ex + h * 0.1} ${h * 0.58}L${ex + h * 0.14} ${h * 0.74}L${ex} ${h * 0.65}L${ex - h * 0.14} ${h * 0.74}L${ex - h * 0.1} ${h * 0.58}L${ex - h * 0.22} ${h * 0.47}L${ex - h * 0.07} ${h * 0.45}Z" fill="#ffffff"/>`;
  const tx = margin + h * 0.95;
  const stateSize = Math.min(h * 0.3, (widthMm * 0.62) / Math.max(1, estimateTextWidth(c.stateName, 1)));
  const specimen = { w: h * 1.9, h: h * 0.42 };
  const sx = widthMm - margin - specimen.w;
  return (
    rect(hd, p.header) +
    emblem +
    svgText(tx, h * 0.44, stateSize, c.stateName, { weight: 'bold', fill: '#ffffff' }) +
    svgText(tx, h * 0.82, h * 0.21, `${c.design.title} · ${c.design.subtitle}`, { fill: '#e8eef2' }) +
    `<rect x="${sx}" y="${h * 0.29}" width="${specimen.w}" height="${specimen.h}" rx="${h * 0.05}" fill="#b3261e" stroke="#ffffff" stroke-width="${h * 0.025}"/>` +
    svgText(sx + specimen.w / 2, h * 0.29 + specimen.h * 0.76, specimen.h * 0.7, 'SPECIMEN', { weight: 'bold', fill: '#ffffff', anchor: 'middle' })
  );
}

function ghostScreen(c: PageContent, inks: PortraitInks, screen: string): string {
  const g = c.layout.ghost;
  if (!g) return '';
  // A ghost image is a small, faint second portrait; the line screen mimics its printing raster.
  let lines = '';
  for (let y = g.y + 0.15; y < g.y + g.h; y += 0.35) lines += `M${g.x} ${y.toFixed(2)}h${g.w.toFixed(2)}`;
  return silhouette(g, inks, 0.42) + `<path d="${lines}" stroke="${screen}" stroke-width="0.14"/>`;
}

function white(c: PageContent): string {
  const { layout, design } = c;
  const p = design.palette;
  const portraitInks: PortraitInks = { background: p.portraitBg, figure: '#8c9298', hair: '#5f656b' };
  let out = rect({ x: 0, y: 0, w: layout.widthMm, h: layout.heightMm }, p.paper);
  for (const s of c.pattern) out += `<path d="${s.d}" fill="none" stroke="${s.colour}" stroke-width="${s.width}"/>`;
  if (layout.irBand) out += `<path d="${irBandPath(layout.irBand)}" fill="none" stroke="#b9a9a0" stroke-width="0.12"/>`;
  // The MRZ is printed on a calm band so the reader's OCR is not disturbed by the background print.
  out += rect(layout.mrz.zone, p.paper, 'fill-opacity="0.75"');
  out += header(c);
  out += silhouette(layout.portrait, portraitInks);
  out += ghostScreen(c, portraitInks, p.paper);
  for (const slot of layout.slots) out += svgText(slot.labelX, slot.labelY, slot.labelSize, slot.label, { fill: p.label });
  const v = c.variant;
  out += v?.underlay?.white ?? '';
  out += values(c, (field) => v?.valueInk?.[field] ?? '#1a1a1c');
  out += `<path d="M${layout.signature.x} ${layout.signature.y + layout.signature.h * 0.82}h${layout.signature.w}" stroke="${p.label}" stroke-width="0.12"/>`;
  out += `<path d="${c.signature}" fill="none" stroke="#1b2a6b" stroke-width="0.25" stroke-linecap="round"/>`;
  out += mrz(c, '#0b0b0b');
  out += v?.overlay?.white ?? '';
  return `${open(c)}${out}</svg>`;
}

function infrared(c: PageContent): string {
  const { layout, design } = c;
  const v = c.variant;
  const missing = v?.irMissing;
  const irFields = new Set(design.ir.fields.filter((field) => !missing?.fields.includes(field)));
  let out = rect({ x: 0, y: 0, w: layout.widthMm, h: layout.heightMm }, '#f1f1f1');
  if (layout.irBand && !missing?.band) out += `<path d="${irBandPath(layout.irBand)}" fill="none" stroke="#6e6e6e" stroke-width="0.12"/>`;
  if (design.ir.portrait && !missing?.portrait) {
    const inks: PortraitInks = { background: '#e2e2e2', figure: '#6a6a6a', hair: '#4a4a4a' };
    out += silhouette(layout.portrait, inks);
    out += ghostScreen(c, inks, '#f1f1f1');
  }
  out += values(c, (field) => (irFields.has(field) ? '#202020' : null));
  out += mrz(c, v?.mrzIrInk ?? '#141414');
  out += v?.overlay?.ir ?? '';
  return `${open(c)}${out}</svg>`;
}

function glow(d: string, colour: string, width: number): string {
  // Fluorescence bleeds a little into the paper: a wide faint halo under a bright core.
  return (
    `<path d="${d}" fill="none" stroke="${colour}" stroke-opacity="0.28" stroke-width="${width * 3.2}" stroke-linecap="round"/>` +
    `<path d="${d}" fill="none" stroke="${colour}" stroke-width="${width}" stroke-linecap="round"/>`
  );
}

/** Scales an sRGB hex colour: printed inks absorb UV, so print on a glowing substrate looks darker. */
function shade(hex: string, k: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const ch = (v: number) => Math.max(0, Math.min(255, Math.round(v * k))).toString(16).padStart(2, '0');
  return `#${ch((n >> 16) & 255)}${ch((n >> 8) & 255)}${ch(n & 255)}`;
}

/** Ordinary office paper under UV: the brighteners glow blue-white, every printed ink quenches it, no feature glows. */
function ultravioletOrdinary(c: PageContent, paper: string): string {
  const { layout } = c;
  let out = rect({ x: 0, y: 0, w: layout.widthMm, h: layout.heightMm }, paper);
  for (const s of c.pattern) out += `<path d="${s.d}" fill="none" stroke="${shade(paper, 0.8)}" stroke-width="${s.width}"/>`;
  out += rect(layout.header, shade(paper, 0.3));
  out += silhouette(layout.portrait, { background: shade(paper, 0.78), figure: shade(paper, 0.42), hair: shade(paper, 0.3) });
  if (layout.ghost) out += silhouette(layout.ghost, { background: shade(paper, 0.9), figure: shade(paper, 0.7), hair: shade(paper, 0.6) });
  out += `<path d="${c.signature}" fill="none" stroke="${shade(paper, 0.45)}" stroke-width="0.25" stroke-linecap="round"/>`;
  out += values(c, () => shade(paper, 0.18));
  out += mrz(c, shade(paper, 0.12));
  return `${open(c)}${out}${c.variant?.overlay?.uv ?? ''}</svg>`;
}

function ultraviolet(c: PageContent): string {
  const { layout, design } = c;
  if (c.variant?.uvPaper) return ultravioletOrdinary(c, c.variant.uvPaper);
  let out = rect({ x: 0, y: 0, w: layout.widthMm, h: layout.heightMm }, UV_PAPER);
  out += rect(layout.header, '#171229');
  out += silhouette(layout.portrait, { background: '#19142f', figure: '#130f25', hair: '#0f0c1e' });
  const e = layout.emblem;
  out += glow(uvEmblemPath(e.cx, e.cy, e.r, 13), design.uv.emblem.colour, 0.12);
  if (design.uv.emblem2) {
    const e2 = layout.emblem2;
    out += glow(uvEmblemPath(e2.cx, e2.cy, e2.r, 7), design.uv.emblem2.colour, 0.1);
  }
  for (const fibre of c.fibres) out += glow(fibre.d, fibre.colour, 0.16);
  if (c.uvNumber && design.uv.numberInk) {
    const n = c.uvNumber;
    out += svgText(n.x, n.y, n.size, n.text, { family: 'DejaVu Sans Mono', weight: 'bold', fill: design.uv.numberInk.colour });
  }
  out += values(c, () => UV_PRINT);
  out += mrz(c, UV_PRINT);
  out += c.variant?.overlay?.uv ?? '';
  return `${open(c)}${out}</svg>`;
}

export function buildSvg(light: Light, content: PageContent): string {
  switch (light) {
    case 'white':
      return white(content);
    case 'ir':
      return infrared(content);
    case 'uv':
      return ultraviolet(content);
    default:
      return assertNever(light, 'light');
  }
}
