// Raster-side helpers of forged specimens: the softness of a desktop inkjet print, and the
// ground-truth boxes of a defect in page pixels.
import sharp from 'sharp';
import type { SpecimenForgery, SpecimenRegion } from '../contract/specimen.contract';
import { LoupeError } from '../common/loupe-error';
import type { AffectedSpec } from './forgery-plan';
import type { PageLayout } from './page-layout';
import type { RawImage } from './projective-warp';
import { pageBoxPx } from './specimen-regions';

/** Gaussian blur of `sigma` px: an inkjet's dot gain blurs edges that an offset/laser print keeps sharp. */
export async function soften(img: RawImage, sigma: number): Promise<RawImage> {
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels as 1 | 3 } })
    .blur(Math.max(0.3, sigma))
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: info.channels };
}

export function resolveAffected(specs: AffectedSpec[], regions: SpecimenRegion[], layout: PageLayout, dpi: number): SpecimenForgery['affected'] {
  return specs.map((spec) => {
    if (spec.mm) return { light: spec.light, box: pageBoxPx(spec.mm, layout, dpi), note: spec.note };
    const region = regions.find((r) => r.id === spec.region);
    if (!region) throw new LoupeError('common', 'Internal', `forgery names a region the page does not have: ${spec.region ?? '(none)'}`);
    return { light: spec.light, box: { ...region.box }, note: spec.note };
  });
}
