// DG2, the encoded face (ICAO 9303-10 §4.7.2): biometric templates whose data blocks are ISO/IEC
// 19794-5 records ('5F2E') or ISO/IEC 39794-5 face blocks ('7F2E'). Each face is given with its
// image bytes, the format found in them, and the size its header declares; what disagrees (a
// header naming JPEG over a JPEG 2000 image) is a finding, not an error.
import { decodeBiometricTemplates, encodeBiometricTemplates } from './biometric-template.codec';
import { sniffImageFormat, type ImageFormat } from './image-format';
import { decodeFacialRecords, encodeFacialRecords } from './iso19794-5.codec';
import { decodeFaceImageDataBlock, encodeFaceImageDataBlock } from './iso39794-5.codec';
import { LDS_TAG } from './lds-files';

export interface Dg2Face {
  readonly encoding: 'ISO19794-5' | 'ISO39794-5';
  readonly image: Uint8Array;
  readonly format: ImageFormat;
  readonly declaredWidth: number | null;
  readonly declaredHeight: number | null;
  readonly findings: readonly string[];
}

export interface Dg2 {
  readonly faces: readonly Dg2Face[];
}

/** CBEFF values for a face in ISO/IEC 19794-5 (format owner JTC 1/SC 37 '0101', type '0008'). */
export const FACE_FORMAT = { biometricType: 2, formatOwner: 0x0101, formatType: 0x0008 } as const;

export function decodeDg2(bytes: Uint8Array): Dg2 {
  const faces: Dg2Face[] = [];
  for (const template of decodeBiometricTemplates(bytes, LDS_TAG.DG2)) {
    if (template.encoding === 'ISO19794') {
      const set = decodeFacialRecords(template.dataBlock);
      for (const r of set.records) {
        const format = sniffImageFormat(r.image);
        const findings = [...set.findings];
        const declared = r.imageDataType === 0 ? 'JPEG' : r.imageDataType === 1 ? 'JPEG2000' : null;
        if (declared && format !== 'unknown' && declared !== format) findings.push(`the record declares ${declared} but holds ${format}`);
        if (format === 'unknown') findings.push('the image format is not recognized');
        faces.push({ encoding: 'ISO19794-5', image: r.image, format, declaredWidth: r.width || null, declaredHeight: r.height || null, findings });
      }
    } else {
      for (const r of decodeFaceImageDataBlock(template.dataBlock)) {
        const format = sniffImageFormat(r.image);
        faces.push({ encoding: 'ISO39794-5', image: r.image, format, declaredWidth: r.width, declaredHeight: r.height, findings: format === 'unknown' ? ['the image format is not recognized'] : [] });
      }
    }
  }
  return { faces };
}

export interface Dg2FaceInput {
  readonly image: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly encoding?: 'ISO19794-5' | 'ISO39794-5';
}

export function encodeDg2(faces: readonly Dg2FaceInput[]): Uint8Array {
  return encodeBiometricTemplates(
    LDS_TAG.DG2,
    faces.map((f) => {
      const header = { biometricType: FACE_FORMAT.biometricType, biometricSubtype: null, formatOwner: FACE_FORMAT.formatOwner, formatType: FACE_FORMAT.formatType };
      if (f.encoding === 'ISO39794-5') return { header, encoding: 'ISO39794' as const, record: encodeFaceImageDataBlock([f]) };
      const type = sniffImageFormat(f.image) === 'JPEG2000' ? 1 : 0;
      return { header, encoding: 'ISO19794' as const, record: encodeFacialRecords([{ image: f.image, imageDataType: type, width: f.width, height: f.height }]) };
    }),
  );
}

