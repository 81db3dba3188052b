// The biometric information templates of DG2–DG4 (ICAO 9303-10 §4.7.2, ISO/IEC 7816-11 and CBEFF):
//   '7F61' group template { '02' count, '7F60' template { 'A1' header, '5F2E' | '7F2E' data block }… }
// '5F2E' holds an ISO/IEC 19794 record (binary), '7F2E' an ISO/IEC 39794 one (tagged, DER).
import { bigIntToMinimalBytes, bytesToBigInt } from '../bytes';
import { malformed } from '../chip-error';
import { decodeTlv, expectTag, tlvChildren, type Tlv } from '../tlv/ber-tlv-reader';
import { tlv } from '../tlv/ber-tlv-writer';

export const BIOMETRIC_TAG = {
  GROUP_TEMPLATE: 0x7f61,
  COUNT: 0x02,
  TEMPLATE: 0x7f60,
  HEADER: 0xa1,
  DATA_BLOCK: 0x5f2e,
  DATA_BLOCK_CONSTRUCTED: 0x7f2e,
  // Inside the header (ISO/IEC 7816-11 Table 5):
  ICAO_HEADER_VERSION: 0x80,
  BIOMETRIC_TYPE: 0x81,
  BIOMETRIC_SUBTYPE: 0x82,
  CREATION_DATE: 0x83,
  VALIDITY_PERIOD: 0x85,
  CREATOR: 0x86,
  FORMAT_OWNER: 0x87,
  FORMAT_TYPE: 0x88,
} as const;

export interface BiometricHeader {
  /** 2 = facial features, 8 = finger, 16 = iris (CBEFF biometric type). */
  readonly biometricType: number | null;
  readonly biometricSubtype: number | null;
  readonly formatOwner: number | null;
  readonly formatType: number | null;
}

export interface BiometricTemplate {
  readonly header: BiometricHeader;
  readonly encoding: 'ISO19794' | 'ISO39794';
  /** The data block (value of '5F2E', or the element '7F2E' itself for 39794). */
  readonly dataBlock: Uint8Array;
  readonly dataBlockTlv: Tlv;
}

function number(v: Uint8Array | undefined): number | null {
  return v && v.length > 0 && v.length <= 4 ? Number(bytesToBigInt(v)) : null;
}

/** The templates of a data group whose outermost tag is `groupTag` (0x75 for DG2). */
export function decodeBiometricTemplates(bytes: Uint8Array, groupTag: number): BiometricTemplate[] {
  const dg = expectTag(decodeTlv(bytes, { skipPadding: true }), groupTag, 'biometric data group');
  const group = tlvChildren(dg).find((c) => c.tag === BIOMETRIC_TAG.GROUP_TEMPLATE);
  if (!group) throw malformed('biometric data group without its group template');
  const out: BiometricTemplate[] = [];
  for (const child of tlvChildren(group)) {
    if (child.tag !== BIOMETRIC_TAG.TEMPLATE) continue;
    const parts = tlvChildren(child);
    const headerTlv = parts.find((p) => p.tag === BIOMETRIC_TAG.HEADER);
    const fields = new Map(headerTlv ? tlvChildren(headerTlv).map((f) => [f.tag, f.value]) : []);
    const header: BiometricHeader = {
      biometricType: number(fields.get(BIOMETRIC_TAG.BIOMETRIC_TYPE)),
      biometricSubtype: number(fields.get(BIOMETRIC_TAG.BIOMETRIC_SUBTYPE)),
      formatOwner: number(fields.get(BIOMETRIC_TAG.FORMAT_OWNER)),
      formatType: number(fields.get(BIOMETRIC_TAG.FORMAT_TYPE)),
    };
    const block = parts.find((p) => p.tag === BIOMETRIC_TAG.DATA_BLOCK || p.tag === BIOMETRIC_TAG.DATA_BLOCK_CONSTRUCTED);
    if (!block) throw malformed('biometric template without a data block');
    out.push({ header, encoding: block.tag === BIOMETRIC_TAG.DATA_BLOCK ? 'ISO19794' : 'ISO39794', dataBlock: block.value, dataBlockTlv: block });
  }
  return out;
}

export interface BiometricTemplateInput {
  readonly header: BiometricHeader;
  readonly encoding: 'ISO19794' | 'ISO39794';
  /** The record: bytes of the 19794 record, or the value (children) of '7F2E' for 39794. */
  readonly record: Uint8Array;
}

export function encodeBiometricTemplates(groupTag: number, templates: readonly BiometricTemplateInput[]): Uint8Array {
  const field = (tag: number, v: number | null, size: number) => (v === null ? new Uint8Array() : tlv(tag, pad(bigIntToMinimalBytes(BigInt(v)), size)));
  const items = templates.map((t) =>
    tlv(
      BIOMETRIC_TAG.TEMPLATE,
      tlv(
        BIOMETRIC_TAG.HEADER,
        tlv(BIOMETRIC_TAG.ICAO_HEADER_VERSION, new Uint8Array([1, 1])),
        field(BIOMETRIC_TAG.BIOMETRIC_TYPE, t.header.biometricType, 1),
        field(BIOMETRIC_TAG.BIOMETRIC_SUBTYPE, t.header.biometricSubtype, 1),
        field(BIOMETRIC_TAG.FORMAT_OWNER, t.header.formatOwner, 2),
        field(BIOMETRIC_TAG.FORMAT_TYPE, t.header.formatType, 2),
      ),
      tlv(t.encoding === 'ISO19794' ? BIOMETRIC_TAG.DATA_BLOCK : BIOMETRIC_TAG.DATA_BLOCK_CONSTRUCTED, t.record),
    ),
  );
  return tlv(groupTag, tlv(BIOMETRIC_TAG.GROUP_TEMPLATE, tlv(BIOMETRIC_TAG.COUNT, new Uint8Array([templates.length])), ...items));
}

function pad(bytes: Uint8Array, size: number): Uint8Array {
  if (bytes.length >= size) return bytes;
  const out = new Uint8Array(size);
  out.set(bytes, size - bytes.length);
  return out;
}
