// Cutting VIZ text out of the white-light capture for OCR: field zones mapped through the
// identification's homography and stacked into one image (one OCR call), or the page area above
// the MRZ when the document is not identified.
import sharp from 'sharp';
import type { Box } from '../../contract/capture.contract';
import type { GreyImage } from '../../imaging/grey-image';
import type { CheckInput } from '../check-input';
import { boundingBox, project, type Point } from './capture-geometry';
import { findCapturePage } from './page-area';

export interface FieldCrop {
  field: string;
  /** Box in capture pixels. */
  box: Box;
  /** Vertical band of the crop in the stacked image. */
  top: number;
  bottom: number;
}

const GAP = 24;
const PAD = 6;

function toPng(img: GreyImage): Promise<Buffer> {
  return sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), { raw: { width: img.width, height: img.height, channels: 1 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

function copyBox(src: GreyImage, box: Box, dst: GreyImage, dx: number, dy: number): void {
  for (let y = 0; y < box.h; y++) {
    const row = (box.y + y) * src.width + box.x;
    dst.data.set(src.data.subarray(row, row + box.w), (dy + y) * dst.width + dx);
  }
}

/** Field zones of the identified class in capture pixels, stacked top to bottom on paper white. */
export async function stackFieldCrops(input: CheckInput, fields: readonly string[]): Promise<{ png: Buffer; crops: FieldCrop[] } | null> {
  const id = input.identification;
  const white = input.images.white;
  if (!id || !white) return null;
  const { width, height } = white.grey;
  const crops: FieldCrop[] = [];
  let y = GAP;
  let maxW = 0;
  for (const zone of id.cls.zones) {
    if (zone.kind !== 'field' || !zone.field || !fields.includes(zone.field)) continue;
    const { x, y: zy, w, h } = zone.box;
    const corners: Point[] = [project(id.homography, x, zy), project(id.homography, x + w, zy), project(id.homography, x + w, zy + h), project(id.homography, x, zy + h)];
    const b = boundingBox(corners, width, height);
    const box = boundingBox([[b.x - PAD, b.y - PAD], [b.x + b.w + PAD, b.y + b.h + PAD]], width, height);
    if (box.w < 4 || box.h < 4) continue;
    crops.push({ field: zone.field, box, top: y, bottom: y + box.h });
    y += box.h + GAP;
    maxW = Math.max(maxW, box.w);
  }
  if (!crops.length) return null;
  const canvas: GreyImage = { data: new Uint8Array((maxW + 2 * GAP) * y).fill(255), width: maxW + 2 * GAP, height: y };
  for (const c of crops) copyBox(white.grey, c.box, canvas, GAP, c.top);
  return { png: await toPng(canvas), crops };
}

/** The page area above the MRZ (where the VIZ is), in capture pixels, as a PNG. */
export async function pageAboveMrz(input: CheckInput): Promise<{ png: Buffer; box: Box } | null> {
  const white = input.images.white;
  const g = input.mrz?.geometry;
  if (!white || !g) return null;
  const { width, height } = white.grey;
  const page = findCapturePage(input.images);
  const pageBox = page ? boundingBox(page.corners, width, height) : { x: 0, y: 0, w: width, h: height };
  const mrzTop = Math.min(...g.corners.map((c) => c[1]));
  const box: Box = { x: pageBox.x, y: pageBox.y, w: pageBox.w, h: Math.max(0, Math.floor(mrzTop) - pageBox.y) };
  if (box.h < 20) return null;
  const crop: GreyImage = { data: new Uint8Array(box.w * box.h), width: box.w, height: box.h };
  copyBox(white.grey, box, crop, 0, 0);
  return { png: await toPng(crop), box };
}
