// Redacted crops of security features: the zone (or an expert's drawn hotspot) is cut from the
// capture through the identification homography, and every zone that can show the holder (marked
// personal, or a photo, ghost image, MRZ, data field or signature) is painted over where it
// overlaps the crop. The examiner sees the result and confirms it before it is attached to a
// record or an alert.
import sharp from 'sharp';
import { LoupeError } from '../common/loupe-error';
import type { Light } from '../contract/capture.contract';
import type { Examination } from '../contract/examination.contract';
import type { DocumentClass } from '../contract/reference.contract';
import type { Hotspot, RedactedCrop } from '../contract/trends.contract';
import { boxInCapture, isPersonalZone, lightOfZone, zoneInCapture } from './trend-record-builder';

const MAX_SIDE = 480;

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

function intersect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const r = Math.min(a.x + a.w, b.x + b.w);
  const bottom = Math.min(a.y + a.h, b.y + b.h);
  return r > x && bottom > y ? { x, y, w: r - x, h: bottom - y } : null;
}

/** What to crop: a box in the class's reference pixels, under one light, with its label. */
export interface CropTarget {
  /** Names the crop in the record or alert: a zone id, or `hotspot-N` for a drawn hotspot. */
  id: string;
  label: string;
  light: Light;
  box: Rect;
}

/** A security-feature zone of the class as a crop target; personal zones are refused. */
export function zoneCropTarget(cls: DocumentClass, zoneId: string): CropTarget {
  const zone = cls.zones.find((z) => z.id === zoneId);
  if (!zone) throw new LoupeError('reference', 'ZoneNotFound', `the class ${cls.id} has no zone ${zoneId}`);
  if (isPersonalZone(zone)) throw new LoupeError('trends', 'PersonalData', `zone ${zoneId} holds personal data and cannot be cropped`);
  return { id: zone.id, label: zone.label.slice(0, 120), light: lightOfZone(zone), box: zone.box };
}

/** A drawn hotspot as a crop target (its place was checked against the personal zones first). */
export function hotspotCropTarget(hotspot: Hotspot, index: number): CropTarget {
  return { id: `hotspot-${index + 1}`, label: hotspot.label, light: hotspot.light, box: hotspot };
}

export async function redactedCrop(exam: Examination, cls: DocumentClass, zoneId: string, imagePath: (hash: string) => string | null): Promise<RedactedCrop> {
  return redactedCropOf(exam, cls, zoneCropTarget(cls, zoneId), imagePath);
}

export async function redactedCropOf(exam: Examination, cls: DocumentClass, target: CropTarget, imagePath: (hash: string) => string | null): Promise<RedactedCrop> {
  if (!exam.identification || exam.identification.classId !== cls.id) throw new LoupeError('trends', 'InvalidInput', 'the document was not identified as this class: no crop can be placed');
  const light = target.light;
  const image = exam.images.find((i) => i.light === light) ?? exam.images.find((i) => i.light === 'white');
  const path = image ? imagePath(image.hash) : null;
  if (!image || !path) throw new LoupeError('trends', 'CaptureNotHeld', `no ${light} capture to crop from`);

  const h = exam.identification.homography;
  const page: Rect = { x: 0, y: 0, w: image.width, h: image.height };
  const box = intersect(boxInCapture(target.box, h), page);
  if (!box) throw new LoupeError('trends', 'InvalidInput', `${target.label} falls outside the capture`);
  const crop = { x: Math.floor(box.x), y: Math.floor(box.y), w: Math.max(1, Math.ceil(box.w)), h: Math.max(1, Math.ceil(box.h)) };
  const { data, info } = await sharp(path).extract({ left: crop.x, top: crop.y, width: Math.min(crop.w, image.width - crop.x), height: Math.min(crop.h, image.height - crop.y) }).removeAlpha().raw().toBuffer({ resolveWithObject: true });

  // Mask after cropping, in crop coordinates; a one-pixel margin covers the projection's rounding.
  for (const other of cls.zones) {
    if (!isPersonalZone(other)) continue;
    const hit = intersect(zoneInCapture(other, h), crop);
    if (!hit) continue;
    const x0 = Math.max(0, Math.floor(hit.x - crop.x) - 1);
    const y0 = Math.max(0, Math.floor(hit.y - crop.y) - 1);
    const x1 = Math.min(info.width, Math.ceil(hit.x + hit.w - crop.x) + 1);
    const y1 = Math.min(info.height, Math.ceil(hit.y + hit.h - crop.y) + 1);
    for (let y = y0; y < y1; y++) data.fill(0, (y * info.width + x0) * info.channels, (y * info.width + x1) * info.channels);
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(info.width, info.height));
  const png = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .resize(Math.max(1, Math.round(info.width * scale)), Math.max(1, Math.round(info.height * scale)))
    .png({ compressionLevel: 9 })
    .toBuffer({ resolveWithObject: true });
  return { light, zoneId: target.id, label: target.label.slice(0, 120), widthPx: png.info.width, heightPx: png.info.height, pngBase64: png.data.toString('base64') };
}
