// DG7, the displayed signature or usual mark (ICAO 9303-10 §4.7.7): '67' { '02' count, '5F43'
// image… }, each image JPEG or JPEG 2000.
import { malformed } from '../chip-error';
import { decodeTlv, expectTag, tlvChildren } from '../tlv/ber-tlv-reader';
import { tlv } from '../tlv/ber-tlv-writer';
import { sniffImageFormat, type ImageFormat } from './image-format';
import { LDS_TAG } from './lds-files';

export const DG7_TAG = { COUNT: 0x02, IMAGE: 0x5f43 } as const;

export interface Dg7 {
  readonly images: readonly { readonly image: Uint8Array; readonly format: ImageFormat }[];
}

export function decodeDg7(bytes: Uint8Array): Dg7 {
  const dg = expectTag(decodeTlv(bytes, { skipPadding: true }), LDS_TAG.DG7, 'DG7');
  const kids = tlvChildren(dg);
  const count = kids.find((k) => k.tag === DG7_TAG.COUNT);
  const images = kids.filter((k) => k.tag === DG7_TAG.IMAGE).map((k) => ({ image: k.value, format: sniffImageFormat(k.value) }));
  if (count && count.value.length === 1 && count.value[0] !== images.length) throw malformed(`DG7 announces ${count.value[0]} images and holds ${images.length}`);
  return { images };
}

export function encodeDg7(images: readonly Uint8Array[]): Uint8Array {
  return tlv(LDS_TAG.DG7, tlv(DG7_TAG.COUNT, new Uint8Array([images.length])), ...images.map((i) => tlv(DG7_TAG.IMAGE, i)));
}
