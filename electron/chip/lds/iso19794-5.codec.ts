// ISO/IEC 19794-5:2005 facial records as ICAO 9303-10 §4.7.2 requires in DG2: a general header
// ("FAC\0", version "010\0", record length, number of images), then per image a facial record
// header (block length, feature points, gender, eye and hair colour, feature mask, expression,
// pose) and the image information (face image type, image data type 0 JPEG / 1 JPEG 2000, width,
// height, colour space, source type, device type, quality) before the image itself.
import { ascii, concat, fromAscii } from '../bytes';
import { malformed } from '../chip-error';
import { findImageStart } from './image-format';

export interface FacialRecord {
  readonly gender: number;
  readonly eyeColour: number;
  readonly hairColour: number;
  readonly expression: number;
  readonly featurePoints: number;
  readonly faceImageType: number;
  /** 0 = JPEG, 1 = JPEG 2000 (19794-5 §5.7.2). */
  readonly imageDataType: number;
  readonly width: number;
  readonly height: number;
  readonly colourSpace: number;
  readonly sourceType: number;
  readonly image: Uint8Array;
}

export interface FacialRecordSet {
  readonly version: string;
  readonly records: readonly FacialRecord[];
  /** Findings: what in the record did not follow the standard (reported, not fatal). */
  readonly findings: readonly string[];
}

const GENERAL_HEADER = 14;
const FACIAL_HEADER = 20;
const IMAGE_INFO = 12;

export function decodeFacialRecords(bdb: Uint8Array): FacialRecordSet {
  const view = new DataView(bdb.buffer, bdb.byteOffset, bdb.byteLength);
  if (bdb.length < GENERAL_HEADER || ascii(bdb.subarray(0, 4)) !== 'FAC\0') throw malformed('the face record does not start with FAC');
  const version = ascii(bdb.subarray(4, 7));
  const findings: string[] = [];
  if (version !== '010') {
    // Other versions lay their headers out differently: take the image by its signature.
    const start = findImageStart(bdb);
    if (start < 0) throw malformed(`face record version ${version} holds no recognizable image`);
    findings.push(`face record version ${version} (ICAO requires 010): image located by its signature`);
    return { version, records: [{ gender: 0, eyeColour: 0, hairColour: 0, expression: 0, featurePoints: 0, faceImageType: 0, imageDataType: -1, width: 0, height: 0, colourSpace: 0, sourceType: 0, image: bdb.subarray(start) }], findings };
  }
  const recordLength = view.getUint32(8);
  const count = view.getUint16(12);
  if (recordLength !== bdb.length) findings.push(`record length ${recordLength} differs from the data block's ${bdb.length} bytes`);
  if (count === 0) throw malformed('the face record holds no image');
  const records: FacialRecord[] = [];
  let at = GENERAL_HEADER;
  for (let i = 0; i < count; i++) {
    if (at + FACIAL_HEADER > bdb.length) throw malformed('the face record ends inside a facial record header');
    const blockLength = view.getUint32(at);
    const featurePoints = view.getUint16(at + 4);
    const infoAt = at + FACIAL_HEADER + 8 * featurePoints;
    const end = at + blockLength;
    if (blockLength < FACIAL_HEADER + IMAGE_INFO || end > bdb.length || infoAt + IMAGE_INFO > end) throw malformed('a facial record block length is out of range');
    records.push({
      gender: bdb[at + 6]!,
      eyeColour: bdb[at + 7]!,
      hairColour: bdb[at + 8]!,
      expression: view.getUint16(at + 12),
      featurePoints,
      faceImageType: bdb[infoAt]!,
      imageDataType: bdb[infoAt + 1]!,
      width: view.getUint16(infoAt + 2),
      height: view.getUint16(infoAt + 4),
      colourSpace: bdb[infoAt + 6]!,
      sourceType: bdb[infoAt + 7]!,
      image: bdb.subarray(infoAt + IMAGE_INFO, end),
    });
    at = end;
  }
  return { version, records, findings };
}

export interface FacialImageInput {
  readonly image: Uint8Array;
  readonly imageDataType: 0 | 1;
  readonly width: number;
  readonly height: number;
  readonly faceImageType?: number;
  readonly gender?: number;
}

export function encodeFacialRecords(images: readonly FacialImageInput[]): Uint8Array {
  const blocks = images.map((img) => {
    const header = new Uint8Array(FACIAL_HEADER + IMAGE_INFO);
    const v = new DataView(header.buffer);
    v.setUint32(0, FACIAL_HEADER + IMAGE_INFO + img.image.length);
    v.setUint16(4, 0);
    header[6] = img.gender ?? 0;
    header[FACIAL_HEADER] = img.faceImageType ?? 1;
    header[FACIAL_HEADER + 1] = img.imageDataType;
    v.setUint16(FACIAL_HEADER + 2, img.width);
    v.setUint16(FACIAL_HEADER + 4, img.height);
    header[FACIAL_HEADER + 6] = 1; // colour space: 24-bit RGB
    header[FACIAL_HEADER + 7] = 2; // source: digital still camera
    return concat(header, img.image);
  });
  const body = concat(...blocks);
  const head = new Uint8Array(GENERAL_HEADER);
  head.set(fromAscii('FAC\x00010\x00'));
  const hv = new DataView(head.buffer);
  hv.setUint32(8, GENERAL_HEADER + body.length);
  hv.setUint16(12, images.length);
  return concat(head, body);
}
