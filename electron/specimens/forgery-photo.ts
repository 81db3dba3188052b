// Photo substitution: another holder's portrait, printed on photo paper with a clumsy imitation of
// the surrounding background print, glued over the original. What an examiner looks for (ICAO 9303
// Part 2 and the usual examination guides): a cut edge with a shadow, a portrait that is not the
// ghost image, background lines that do not continue across the photo boundary; photo-paper dyes
// are transparent in B900 infrared and the paper covers the UV overlay printed on the portrait.
import type { Light } from '../contract/capture.contract';
import type { PatternStroke } from './guilloche-pattern';
import type { PageLayout, Rect } from './page-layout';
import type { Rng } from './prng';

const f = (n: number): string => (Math.round(n * 1000) / 1000).toString();

export interface PastedPhoto {
  /** The pasted sheet before rotation, in mm. */
  frame: Rect;
  /** The portrait inside it. */
  photo: Rect;
  angleDeg: number;
  /** Offset of the imitated background print against the page's, in mm. */
  patternShift: { x: number; y: number };
  /** Axis-aligned bounds of the rotated sheet, in mm. */
  bounds: Rect;
  overlay: Record<Light, string>;
}

interface Face {
  background: string;
  figure: string;
  hair: string;
  headW: number;
  headH: number;
  headY: number;
  shoulders: number;
  longHair: boolean;
}

const BACKGROUNDS = ['#cdd9e6', '#e8dcc8', '#d2ddd3', '#ddd0de', '#f2f2f0'];
const FIGURES = ['#5b6169', '#a4a9ae', '#7d6f64', '#6c7480'];
const HAIRS = ['#2f2a26', '#7a6040', '#3d4148', '#b8a680'];

/** A head-and-shoulders placeholder with its own proportions, so it visibly differs from the ghost. */
function portrait(r: Rect, face: Face, inks?: { background: string; figure: string; hair: string }): string {
  const ink = inks ?? face;
  const cx = r.x + r.w / 2;
  const hy = r.y + r.h * face.headY;
  const rx = r.w * face.headW;
  const ry = r.h * face.headH;
  const sy = hy + ry * 1.35;
  const half = (r.w * face.shoulders) / 2;
  const body = `M${f(cx - half)} ${f(r.y + r.h)}C${f(cx - half)} ${f(sy)} ${f(cx - rx)} ${f(sy - ry * 0.15)} ${f(cx)} ${f(sy - ry * 0.2)}C${f(cx + rx)} ${f(sy - ry * 0.15)} ${f(cx + half)} ${f(sy)} ${f(cx + half)} ${f(r.y + r.h)}Z`;
  const hair = face.longHair
    ? `<path d="M${f(cx - rx * 1.15)} ${f(hy + ry * 1.3)}C${f(cx - rx * 1.5)} ${f(hy - ry * 1.6)} ${f(cx + rx * 1.5)} ${f(hy - ry * 1.6)} ${f(cx + rx * 1.15)} ${f(hy + ry * 1.3)}Z" fill="${ink.hair}"/>`
    : '';
  const fringe = `<path d="M${f(cx - rx)} ${f(hy - ry * 0.2)}C${f(cx - rx * 0.9)} ${f(hy - ry * 1.3)} ${f(cx + rx * 0.9)} ${f(hy - ry * 1.3)} ${f(cx + rx)} ${f(hy - ry * 0.2)}C${f(cx + rx * 0.4)} ${f(hy - ry * 0.7)} ${f(cx - rx * 0.4)} ${f(hy - ry * 0.6)} ${f(cx - rx)} ${f(hy - ry * 0.2)}Z" fill="${ink.hair}"/>`;
  return (
    `<rect x="${f(r.x)}" y="${f(r.y)}" width="${f(r.w)}" height="${f(r.h)}" fill="${ink.background}"/>` +
    hair +
    `<path d="${body}" fill="${ink.figure}"/>` +
    `<rect x="${f(cx - rx * 0.4)}" y="${f(hy + ry * 0.6)}" width="${f(rx * 0.8)}" height="${f(ry * 0.8)}" fill="${ink.figure}"/>` +
    `<ellipse cx="${f(cx)}" cy="${f(hy)}" rx="${f(rx)}" ry="${f(ry)}" fill="${ink.figure}"/>` +
    fringe
  );
}

const box = (r: Rect): string => `x="${f(r.x)}" y="${f(r.y)}" width="${f(r.w)}" height="${f(r.h)}"`;

export function pastePhoto(rng: Rng, layout: PageLayout, pattern: PatternStroke[], paperBg: string): PastedPhoto {
  const p = layout.portrait;
  const shift = { x: rng.range(-0.35, 0.35), y: rng.range(-0.3, 0.15) };
  const margin = { l: rng.range(0.8, 1.3), r: rng.range(0.8, 1.3), t: rng.range(0.7, 1.2), b: 0.5 };
  const x = Math.max(0.5, p.x - margin.l + shift.x);
  const y = Math.max(layout.header.h + 0.3, p.y - margin.t + shift.y);
  const frame: Rect = { x, y, w: p.x + p.w + margin.r + shift.x - x, h: p.y + p.h + margin.b + shift.y - y };
  const photo: Rect = { x: p.x + shift.x, y: p.y + shift.y, w: p.w, h: p.h };
  const angleDeg = rng.range(0.3, 0.8) * (rng.chance(0.5) ? 1 : -1);
  const patternShift = { x: rng.range(1.2, 2.4) * (rng.chance(0.5) ? 1 : -1), y: rng.range(0.8, 1.8) * (rng.chance(0.5) ? 1 : -1) };
  const face: Face = {
    background: rng.pick(BACKGROUNDS),
    figure: rng.pick(FIGURES),
    hair: rng.pick(HAIRS),
    headW: rng.range(0.15, 0.25),
    headH: rng.range(0.15, 0.23),
    headY: rng.range(0.33, 0.45),
    shoulders: rng.range(0.75, 1.0),
    longHair: rng.chance(0.5),
  };
  const cx = frame.x + frame.w / 2;
  const cy = frame.y + frame.h / 2;
  const rot = `transform="rotate(${f(angleDeg)} ${f(cx)} ${f(cy)})"`;
  const a = (Math.abs(angleDeg) * Math.PI) / 180;
  const bw = frame.w * Math.cos(a) + frame.h * Math.sin(a);
  const bh = frame.w * Math.sin(a) + frame.h * Math.cos(a);
  const bounds: Rect = { x: cx - bw / 2 - 0.3, y: cy - bh / 2 - 0.3, w: bw + 0.6, h: bh + 0.6 };
  // The ring between the sheet's edge and the portrait carries the forger's reprint of the
  // background: the same inks, but shifted, so no line continues across the cut.
  const ring = `M${f(frame.x)} ${f(frame.y)}h${f(frame.w)}v${f(frame.h)}h${f(-frame.w)}Z M${f(photo.x)} ${f(photo.y)}h${f(photo.w)}v${f(photo.h)}h${f(-photo.w)}Z`;
  const reprint = pattern
    .map((s) => `<path d="${s.d}" fill="none" stroke="${s.colour}" stroke-width="${f(s.width * 1.4)}" transform="translate(${f(patternShift.x)} ${f(patternShift.y)})"/>`)
    .join('');
  const defs =
    `<defs><filter id="fgy-shadow" x="-10%" y="-10%" width="120%" height="120%"><feGaussianBlur stdDeviation="0.12"/></filter>` +
    `<clipPath id="fgy-ring"><path d="${ring}" clip-rule="evenodd"/></clipPath></defs>`;
  const shadow = (colour: string, opacity: number): string =>
    `<rect ${box({ x: frame.x + 0.14, y: frame.y + 0.18, w: frame.w, h: frame.h })} fill="${colour}" fill-opacity="${opacity}" filter="url(#fgy-shadow)"/>`;
  const edge = (colour: string, width: number): string => `<rect ${box(frame)} fill="none" stroke="${colour}" stroke-width="${width}"/>`;

  const white =
    defs +
    `<g ${rot}>` +
    shadow('#000000', 0.45) +
    `<rect ${box(frame)} fill="${paperBg}"/>` +
    `<g clip-path="url(#fgy-ring)">${reprint}</g>` +
    portrait(photo, face) +
    edge('#8a8a8a', 0.07) +
    `</g>`;
  // Photo dyes do not absorb at B900: only the sheet's edge and a trace of the print remain.
  const ir =
    defs +
    `<g ${rot}>` +
    shadow('#000000', 0.3) +
    `<rect ${box(frame)} fill="#ededed"/>` +
    portrait(photo, face, { background: '#ebebeb', figure: '#e1e1e1', hair: '#dadada' }) +
    edge('#a6a6a6', 0.08) +
    `</g>`;
  // Under UV the photo paper is dull but its brightened core glows faintly along the cut edge.
  const uv =
    `<g ${rot}>` +
    `<rect ${box(frame)} fill="#211b3a"/>` +
    portrait(photo, face, { background: '#201a38', figure: '#17122b', hair: '#120e22' }) +
    edge('#6b64b4', 0.12) +
    `</g>`;
  return { frame, photo, angleDeg, patternShift, bounds, overlay: { white, ir, uv } };
}
