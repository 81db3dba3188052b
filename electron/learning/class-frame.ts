// The frame of a learned class: the page its zones are drawn on, in millimetres and at the class
// resolution. Readers image the page on a dark bed: where the outline is found, the frame is the
// page; otherwise (a capture cropped to the page, a photograph) it is the whole image. The scale
// comes from the MRZ, whose character pitch is fixed (ICAO 9303 Part 3 §4.2: 2.54 mm), else from
// the page outline against the format's nominal size, else from the file's resolution.
import { LoupeError } from '../common/loupe-error';
import { DOCUMENT_SIZE_MM, MRZ_PITCH_MM, type MrzFormat, type MrzReading } from '../contract/mrz.contract';
import { fitHomography, scaleH, type Homography, type Pt } from '../identify/homography';
import { detectPageCorners, type Quad } from '../identify/page-corners';
import type { LightImage } from '../imaging/light-image';

export interface ClassFrame {
  widthMm: number;
  heightMm: number;
  dpi: number;
  /** Frame size in pixels at `dpi`. */
  width: number;
  height: number;
}

export interface CaptureScale {
  /** The page outline in capture pixels (TL, TR, BR, BL), or null when the capture shows no bed around the page. */
  quad: Quad | null;
  /** Capture pixels per millimetre on the document. */
  pxPerMm: number;
  /** The page (or the whole image) in millimetres. */
  widthMm: number;
  heightMm: number;
}

/** The class resolution: fine enough for every check (they sample at 100–150 dpi), never finer than the captures. */
export const MAX_CLASS_DPI = 300;
/** A page within this share of the format's nominal size is taken to be that size (rounding of the outline, pitch error). */
const NOMINAL_TOLERANCE = 0.06;

function side(a: readonly [number, number], b: readonly [number, number]): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

export function captureScale(white: LightImage, mrz: MrzReading | null, format: MrzFormat): CaptureScale {
  const quad = detectPageCorners(white.rgb);
  const widthPx = quad ? (side(quad[0], quad[1]) + side(quad[3], quad[2])) / 2 : white.grey.width;
  const heightPx = quad ? (side(quad[0], quad[3]) + side(quad[1], quad[2])) / 2 : white.grey.height;
  const nominal = DOCUMENT_SIZE_MM[format];
  let pxPerMm: number | null = null;
  if (mrz?.geometry && mrz.geometry.pitchPx > 0) pxPerMm = mrz.geometry.pitchPx / MRZ_PITCH_MM;
  else if (quad) pxPerMm = (widthPx / nominal.w + heightPx / nominal.h) / 2;
  else if (white.dpi) pxPerMm = white.dpi / 25.4;
  if (!pxPerMm) throw new LoupeError('common', 'InvalidInput', 'the scale of a capture could not be told: its MRZ was not read, no page outline was found and the file gives no resolution');
  return { quad, pxPerMm, widthMm: widthPx / pxPerMm, heightMm: heightPx / pxPerMm };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** One frame for every capture of the class: the median page size, snapped to the format's nominal size when close to it. */
export function classFrame(scales: CaptureScale[], format: MrzFormat): ClassFrame {
  let widthMm = median(scales.map((s) => s.widthMm));
  let heightMm = median(scales.map((s) => s.heightMm));
  const nominal = DOCUMENT_SIZE_MM[format];
  if (Math.abs(widthMm / nominal.w - 1) < NOMINAL_TOLERANCE && Math.abs(heightMm / nominal.h - 1) < NOMINAL_TOLERANCE) {
    widthMm = nominal.w;
    heightMm = nominal.h;
  } else {
    widthMm = Math.round(widthMm * 10) / 10;
    heightMm = Math.round(heightMm * 10) / 10;
  }
  const captureDpi = median(scales.map((s) => s.pxPerMm * 25.4));
  const dpi = Math.max(100, Math.min(MAX_CLASS_DPI, Math.round(captureDpi / 10) * 10));
  return { widthMm, heightMm, dpi, width: Math.round((widthMm / 25.4) * dpi), height: Math.round((heightMm / 25.4) * dpi) };
}

/** The first estimate of frame pixels → capture pixels: the page outline, or the whole image. */
export function frameToCapture(scale: CaptureScale, frame: ClassFrame, image: LightImage): Homography {
  const corners: Pt[] = [[0, 0], [frame.width, 0], [frame.width, frame.height], [0, frame.height]];
  const fromQuad = scale.quad ? fitHomography(corners, scale.quad) : null;
  return fromQuad ?? scaleH(image.grey.width / frame.width, image.grey.height / frame.height);
}
