// ISO/IEC 39794-5 face image data blocks in DG2 (ICAO 9303-10, LDS 1.8 / ICAO's 39794-5
// application profile): DER with implicit context tags. What the reader needs is the image of each
// representation and its size:
//   FaceImageDataBlock { versionBlock [0], representationBlocks [1] SEQUENCE OF Representation }
//   Representation     { …, imageRepresentation [1] { base [0] { imageRepresentation2DBlock [0] {
//                         representationData2D [0] OCTET STRING (the image),
//                         imageInformation2DBlock [1] { …, size [7] { width [0], height [1] } } } } } }
// The data block may carry the FaceImageDataBlock's fields directly or wrapped in one [1].
import { bytesToBigInt } from '../bytes';
import { malformed } from '../chip-error';
import { decodeTlvSeries, tlvChildren, type Tlv } from '../tlv/ber-tlv-reader';
import { tlv } from '../tlv/ber-tlv-writer';

export interface FaceRepresentation39794 {
  readonly image: Uint8Array;
  readonly width: number | null;
  readonly height: number | null;
}

const find = (items: readonly Tlv[], tag: number) => items.find((t) => t.tag === tag);

export function decodeFaceImageDataBlock(value: Uint8Array): FaceRepresentation39794[] {
  let fields = decodeTlvSeries(value);
  if (fields.length === 1 && fields[0]!.tag === 0xa1 && find(tlvChildren(fields[0]!), 0xa1)) fields = tlvChildren(fields[0]!);
  const blocks = find(fields, 0xa1);
  if (!blocks) throw malformed('the 39794-5 face block has no representation blocks');
  const out: FaceRepresentation39794[] = [];
  for (const representation of tlvChildren(blocks)) {
    if (!representation.constructed) continue;
    const image = find(tlvChildren(representation), 0xa1);
    const base = image && find(tlvChildren(image), 0xa0);
    const twoD = base && find(tlvChildren(base), 0xa0);
    if (!twoD) continue;
    const parts = tlvChildren(twoD);
    const data = find(parts, 0x80);
    if (!data) continue;
    const info = find(parts, 0xa1);
    const size = info && find(tlvChildren(info), 0xa7);
    const dim = (tag: number) => {
      const t = size && find(tlvChildren(size), tag);
      return t && t.value.length > 0 && t.value.length <= 4 ? Number(bytesToBigInt(t.value)) : null;
    };
    out.push({ image: data.value, width: dim(0x80), height: dim(0x81) });
  }
  if (out.length === 0) throw malformed('the 39794-5 face block holds no 2D image');
  return out;
}

/** A minimal FaceImageDataBlock (version 0.0, one 2D representation per image), as '7F2E' content. */
export function encodeFaceImageDataBlock(images: readonly { image: Uint8Array; width: number; height: number }[]): Uint8Array {
  const int = (tag: number, n: number) => tlv(tag, n > 255 ? new Uint8Array([n >> 8, n & 0xff]) : new Uint8Array([n]));
  const version = tlv(0xa0, int(0x80, 0), int(0x81, 0));
  const reps = images.map((img) =>
    tlv(0x30, tlv(0xa1, tlv(0xa0, tlv(0xa0, tlv(0x80, img.image), tlv(0xa1, tlv(0xa7, int(0x80, img.width), int(0x81, img.height))))))),
  );
  return tlv(0xa1, version, tlv(0xa1, ...reps));
}
