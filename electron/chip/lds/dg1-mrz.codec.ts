// DG1 (ICAO 9303-10 §4.7.1): the MRZ in DO '5F1F' inside '61'; its length tells the format — TD1
// (3 × 30), TD2 (2 × 36), TD3 (2 × 44) — and the fields sit where ICAO 9303-4/-5/-6 put them.
import { ascii, fromAscii } from '../bytes';
import { malformed } from '../chip-error';
import { decodeTlv, expectTag, requireChild } from '../tlv/ber-tlv-reader';
import { tlv } from '../tlv/ber-tlv-writer';
import { LDS_TAG } from './lds-files';

export const DG1_TAG = { MRZ: 0x5f1f } as const;

export type MrzFormat = 'TD1' | 'TD2' | 'TD3';

export interface Dg1 {
  readonly format: MrzFormat;
  readonly lines: readonly string[];
  readonly documentCode: string;
  /** Without filler ('D' for Germany). */
  readonly issuingState: string;
  /** Without filler, the long form of TD1 included (9303-5 §4.2.2 Note j). */
  readonly documentNumber: string;
  readonly dateOfBirth: string;
  readonly sex: string;
  readonly dateOfExpiry: string;
  readonly nationality: string;
  /** The name field as printed ('<<' between primary and secondary identifiers). */
  readonly name: string;
}

const LAYOUT: Record<number, { format: MrzFormat; width: number }> = { 90: { format: 'TD1', width: 30 }, 72: { format: 'TD2', width: 36 }, 88: { format: 'TD3', width: 44 } };

const trimFiller = (s: string) => s.replace(/<+$/, '');

export function decodeDg1(bytes: Uint8Array): Dg1 {
  const dg1 = expectTag(decodeTlv(bytes, { skipPadding: true }), LDS_TAG.DG1, 'DG1');
  const text = ascii(requireChild(dg1, DG1_TAG.MRZ, 'MRZ').value);
  const layout = LAYOUT[text.length];
  if (!layout) throw malformed(`DG1 holds an MRZ of ${text.length} characters, not TD1, TD2 or TD3`);
  if (!/^[0-9A-Z<]+$/.test(text)) throw malformed('DG1 holds characters that are not MRZ characters');
  const lines = Array.from({ length: text.length / layout.width }, (_, i) => text.slice(i * layout.width, (i + 1) * layout.width));
  const [l1, l2, l3] = lines as [string, string, string | undefined];
  if (layout.format === 'TD1') {
    let number = l1.slice(5, 14);
    // A number longer than 9: the check digit position holds '<', the rest continues in the optional data.
    if (l1[14] === '<') number += trimFiller(l1.slice(15, 30)).slice(0, -1);
    return {
      format: 'TD1', lines, documentCode: trimFiller(l1.slice(0, 2)), issuingState: trimFiller(l1.slice(2, 5)), documentNumber: trimFiller(number),
      dateOfBirth: l2.slice(0, 6), sex: l2[7]!, dateOfExpiry: l2.slice(8, 14), nationality: trimFiller(l2.slice(15, 18)), name: trimFiller(l3!),
    };
  }
  return {
    format: layout.format, lines, documentCode: trimFiller(l1.slice(0, 2)), issuingState: trimFiller(l1.slice(2, 5)), documentNumber: trimFiller(l2.slice(0, 9)),
    dateOfBirth: l2.slice(13, 19), sex: l2[20]!, dateOfExpiry: l2.slice(21, 27), nationality: trimFiller(l2.slice(10, 13)), name: trimFiller(l1.slice(5)),
  };
}

/** DG1 for MRZ lines (concatenated without line breaks, as DG1 stores them). */
export function encodeDg1(lines: readonly string[]): Uint8Array {
  const text = lines.join('');
  if (!LAYOUT[text.length]) throw new RangeError(`an MRZ of ${text.length} characters`);
  return tlv(LDS_TAG.DG1, tlv(DG1_TAG.MRZ, fromAscii(text)));
}
