// DG12, additional document details (ICAO 9303-10 §4.7.12).
import { LDS_TAG } from './lds-files';
import { readTextFields, textBytes, utf8, writeTextFields } from './text-fields';

export const DG12_TAG = {
  ISSUING_AUTHORITY: 0x5f19,
  DATE_OF_ISSUE: 0x5f26,
  OTHER_PERSON: 0x5f1a,
  ENDORSEMENTS: 0x5f1b,
  TAX_EXIT_REQUIREMENTS: 0x5f1c,
  IMAGE_OF_FRONT: 0x5f1d,
  IMAGE_OF_REAR: 0x5f1e,
  PERSONALIZATION_TIME: 0x5f55,
  PERSONALIZATION_DEVICE: 0x5f56,
} as const;

export interface Dg12 {
  readonly issuingAuthority?: string;
  /** YYYYMMDD as stored. */
  readonly dateOfIssue?: string;
  readonly otherPersons: readonly string[];
  readonly endorsements?: string;
  readonly taxExitRequirements?: string;
  readonly imageOfFront?: Uint8Array;
  readonly imageOfRear?: Uint8Array;
  /** YYYYMMDDhhmmss as stored. */
  readonly personalizationTime?: string;
  readonly personalizationDevice?: string;
}

export function decodeDg12(bytes: Uint8Array): Dg12 {
  const { single, repeated } = readTextFields(bytes, LDS_TAG.DG12, 'DG12');
  const text = (tag: number) => {
    const t = single.get(tag);
    return t ? utf8(t.value) : undefined;
  };
  return {
    issuingAuthority: text(DG12_TAG.ISSUING_AUTHORITY),
    dateOfIssue: text(DG12_TAG.DATE_OF_ISSUE),
    otherPersons: (repeated.get(DG12_TAG.OTHER_PERSON) ?? (single.has(DG12_TAG.OTHER_PERSON) ? [single.get(DG12_TAG.OTHER_PERSON)!] : [])).map((t) => utf8(t.value)),
    endorsements: text(DG12_TAG.ENDORSEMENTS),
    taxExitRequirements: text(DG12_TAG.TAX_EXIT_REQUIREMENTS),
    imageOfFront: single.get(DG12_TAG.IMAGE_OF_FRONT)?.value,
    imageOfRear: single.get(DG12_TAG.IMAGE_OF_REAR)?.value,
    personalizationTime: text(DG12_TAG.PERSONALIZATION_TIME),
    personalizationDevice: text(DG12_TAG.PERSONALIZATION_DEVICE),
  };
}

export function encodeDg12(d: Dg12): Uint8Array {
  return writeTextFields(LDS_TAG.DG12, [
    [DG12_TAG.ISSUING_AUTHORITY, textBytes(d.issuingAuthority)],
    [DG12_TAG.DATE_OF_ISSUE, textBytes(d.dateOfIssue)],
    [DG12_TAG.OTHER_PERSON, d.otherPersons.map((n) => textBytes(n)!)],
    [DG12_TAG.ENDORSEMENTS, textBytes(d.endorsements)],
    [DG12_TAG.TAX_EXIT_REQUIREMENTS, textBytes(d.taxExitRequirements)],
    [DG12_TAG.IMAGE_OF_FRONT, d.imageOfFront],
    [DG12_TAG.IMAGE_OF_REAR, d.imageOfRear],
    [DG12_TAG.PERSONALIZATION_TIME, textBytes(d.personalizationTime)],
    [DG12_TAG.PERSONALIZATION_DEVICE, textBytes(d.personalizationDevice)],
  ]);
}
