// Examination → PDF bytes: read each capture file, shrink it to a size a case file can carry,
// build the HTML and hand it to whichever PDF back end the caller wired in. A missing or
// unreadable file never stops a report: the report says which file is missing, by hash.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { CaptureImage, Examination, NextSteps } from '../contract/examination.contract';
import type { PdfRenderer } from './pdf-renderer';
import { renderReportHtml } from './report-html';
import type { ReportImage } from './report-images-html';
import type { ReportLanguage } from './report-language';

/** Long side of an embedded image: enough to read a document at A4 width, far less than a scan. */
export const REPORT_IMAGE_MAX_PX = 1600;
const REPORT_JPEG_QUALITY = 85;

export interface CreateReportOptions {
  station: string;
  /** Where the capture file with this sha256 lives, or null when the station does not have it. */
  imagePath(hash: string): string | null;
  renderer: PdfRenderer;
  now?: Date;
  /** The language of the report's own words (default English). */
  language?: ReportLanguage;
  /** The station's next step per verdict level (printed under the overall verdict). */
  nextSteps?: NextSteps;
}

async function readReportImage(image: CaptureImage, path: string | null): Promise<ReportImage> {
  const base = { light: image.light, hash: image.hash, width: image.width, height: image.height, dataUrl: null };
  if (!path) return base;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return base;
  }
  const fileHash = createHash('sha256').update(bytes).digest('hex');
  try {
    // No .rotate(): evidence regions are in the pixel frame of the file as captured.
    const jpeg = await sharp(bytes)
      .resize({ width: REPORT_IMAGE_MAX_PX, height: REPORT_IMAGE_MAX_PX, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: REPORT_JPEG_QUALITY })
      .toBuffer();
    return { ...base, fileHash, dataUrl: `data:image/jpeg;base64,${jpeg.toString('base64')}` };
  } catch {
    return { ...base, fileHash };
  }
}

/** The face section's eye-aligned portraits (small JPEGs already), as data URLs by hash. */
async function readPortraits(exam: Examination, imagePath: (hash: string) => string | null): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const p of exam.face?.portraits ?? []) {
    const path = p.alignedHash ? imagePath(p.alignedHash) : null;
    if (!p.alignedHash || !path) continue;
    try {
      out[p.alignedHash] = `data:image/jpeg;base64,${(await readFile(path)).toString('base64')}`;
    } catch {
      // A missing portrait file shows as "no usable face"; the report is still produced.
    }
  }
  // The chip's portrait (DG2), stored as PNG when the chip was read.
  const chipFace = exam.chip?.reading?.faces[0];
  const chipPath = chipFace ? imagePath(chipFace.imageHash) : null;
  if (chipFace && chipPath) {
    try {
      out[chipFace.imageHash] = `data:image/png;base64,${(await readFile(chipPath)).toString('base64')}`;
    } catch {
      // Without its file the chip section prints without the portrait.
    }
  }
  return out;
}

export async function createReportHtml(exam: Examination, opts: Omit<CreateReportOptions, 'renderer'>): Promise<string> {
  const images = await Promise.all(exam.images.map((img) => readReportImage(img, opts.imagePath(img.hash))));
  const portraits = await readPortraits(exam, opts.imagePath);
  return renderReportHtml(exam, {
    station: opts.station,
    generatedAt: opts.now ?? new Date(),
    images,
    portraits,
    ...(opts.language ? { language: opts.language } : {}),
    ...(opts.nextSteps ? { nextSteps: opts.nextSteps } : {}),
  });
}

export async function createReportPdf(exam: Examination, opts: CreateReportOptions): Promise<Buffer> {
  return opts.renderer(await createReportHtml(exam, opts));
}
