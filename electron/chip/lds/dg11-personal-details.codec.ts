// DG11, additional personal details (ICAO 9303-10 §4.7.11).
import { LDS_TAG } from './lds-files';
import { readTextFields, textBytes, utf8, writeTextFields } from './text-fields';

export const DG11_TAG = {
  FULL_NAME: 0x5f0e,
  OTHER_NAME: 0x5f0f,
  PERSONAL_NUMBER: 0x5f10,
  FULL_DATE_OF_BIRTH: 0x5f2b,
  PLACE_OF_BIRTH: 0x5f11,
  ADDRESS: 0x5f42,
  TELEPHONE: 0x5f12,
  PROFESSION: 0x5f13,
  TITLE: 0x5f14,
  PERSONAL_SUMMARY: 0x5f15,
  PROOF_OF_CITIZENSHIP: 0x5f16,
  OTHER_TRAVEL_DOCUMENT_NUMBERS: 0x5f17,
  CUSTODY_INFORMATION: 0x5f18,
} as const;

export interface Dg11 {
  readonly fullName?: string;
  readonly otherNames: readonly string[];
  readonly personalNumber?: string;
  /** YYYYMMDD as stored. */
  readonly fullDateOfBirth?: string;
  readonly placeOfBirth?: string;
  readonly address?: string;
  readonly telephone?: string;
  readonly profession?: string;
  readonly title?: string;
  readonly personalSummary?: string;
  /** An image (JPEG / JPEG 2000) of the proof of citizenship. */
  readonly proofOfCitizenship?: Uint8Array;
  readonly otherTravelDocumentNumbers: readonly string[];
  readonly custodyInformation?: string;
}

export function decodeDg11(bytes: Uint8Array): Dg11 {
  const { single, repeated } = readTextFields(bytes, LDS_TAG.DG11, 'DG11');
  const text = (tag: number) => {
    const t = single.get(tag);
    return t ? utf8(t.value) : undefined;
  };
  return {
    fullName: text(DG11_TAG.FULL_NAME),
    otherNames: (repeated.get(DG11_TAG.OTHER_NAME) ?? (single.has(DG11_TAG.OTHER_NAME) ? [single.get(DG11_TAG.OTHER_NAME)!] : [])).map((t) => utf8(t.value)),
    personalNumber: text(DG11_TAG.PERSONAL_NUMBER),
    fullDateOfBirth: text(DG11_TAG.FULL_DATE_OF_BIRTH),
    placeOfBirth: text(DG11_TAG.PLACE_OF_BIRTH),
    address: text(DG11_TAG.ADDRESS),
    telephone: text(DG11_TAG.TELEPHONE),
    profession: text(DG11_TAG.PROFESSION),
    title: text(DG11_TAG.TITLE),
    personalSummary: text(DG11_TAG.PERSONAL_SUMMARY),
    proofOfCitizenship: single.get(DG11_TAG.PROOF_OF_CITIZENSHIP)?.value,
    otherTravelDocumentNumbers: (repeated.get(DG11_TAG.OTHER_TRAVEL_DOCUMENT_NUMBERS) ?? (single.has(DG11_TAG.OTHER_TRAVEL_DOCUMENT_NUMBERS) ? [single.get(DG11_TAG.OTHER_TRAVEL_DOCUMENT_NUMBERS)!] : [])).map((t) => utf8(t.value)),
    custodyInformation: text(DG11_TAG.CUSTODY_INFORMATION),
  };
}

export function encodeDg11(d: Dg11): Uint8Array {
  return writeTextFields(LDS_TAG.DG11, [
    [DG11_TAG.FULL_NAME, textBytes(d.fullName)],
    [DG11_TAG.OTHER_NAME, d.otherNames.map((n) => textBytes(n)!)],
    [DG11_TAG.PERSONAL_NUMBER, textBytes(d.personalNumber)],
    [DG11_TAG.FULL_DATE_OF_BIRTH, textBytes(d.fullDateOfBirth)],
    [DG11_TAG.PLACE_OF_BIRTH, textBytes(d.placeOfBirth)],
    [DG11_TAG.ADDRESS, textBytes(d.address)],
    [DG11_TAG.TELEPHONE, textBytes(d.telephone)],
    [DG11_TAG.PROFESSION, textBytes(d.profession)],
    [DG11_TAG.TITLE, textBytes(d.title)],
    [DG11_TAG.PERSONAL_SUMMARY, textBytes(d.personalSummary)],
    [DG11_TAG.PROOF_OF_CITIZENSHIP, d.proofOfCitizenship],
    [DG11_TAG.OTHER_TRAVEL_DOCUMENT_NUMBERS, d.otherTravelDocumentNumbers.map((n) => textBytes(n)!)],
    [DG11_TAG.CUSTODY_INFORMATION, textBytes(d.custodyInformation)],
  ]);
}
