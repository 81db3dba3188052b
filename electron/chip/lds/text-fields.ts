// The text data objects of DG11 and DG12 (ICAO 9303-10 §4.7.11–4.7.12): a tag list '5C', then
// elements in any order, some grouped in 'A0' { '02' count, element… } when they repeat. Text is
// UTF-8 (9303-10 §4.7: ISO/IEC 10646 in UTF-8).
import { concat } from '../bytes';
import { malformed } from '../chip-error';
import { decodeTlv, expectTag, tlvChildren, type Tlv } from '../tlv/ber-tlv-reader';
import { tlv } from '../tlv/ber-tlv-writer';

export const TAG_LIST = 0x5c;
export const REPEAT_GROUP = 0xa0;

export function utf8(value: Uint8Array): string {
  return Buffer.from(value).toString('utf8');
}

/** The elements of a DG11/DG12: single ones by tag, repeated ones (in 'A0' groups) as arrays. */
export function readTextFields(bytes: Uint8Array, groupTag: number, what: string): { single: Map<number, Tlv>; repeated: Map<number, Tlv[]> } {
  const dg = expectTag(decodeTlv(bytes, { skipPadding: true }), groupTag, what);
  const single = new Map<number, Tlv>();
  const repeated = new Map<number, Tlv[]>();
  for (const t of tlvChildren(dg)) {
    if (t.tag === TAG_LIST) continue;
    if (t.tag === REPEAT_GROUP) {
      const items = tlvChildren(t).filter((c) => c.tag !== 0x02);
      for (const item of items) repeated.set(item.tag, [...(repeated.get(item.tag) ?? []), item]);
      continue;
    }
    if (single.has(t.tag)) throw malformed(`${what} repeats an element outside a group`);
    single.set(t.tag, t);
  }
  return { single, repeated };
}

/** Encodes fields in the given order, with the tag list of what is present. */
export function writeTextFields(groupTag: number, fields: readonly (readonly [number, Uint8Array | readonly Uint8Array[] | undefined])[]): Uint8Array {
  const present = fields.filter(([, v]) => v !== undefined && (!(Array.isArray(v)) || v.length > 0));
  const tags = present.map(([tag, v]) => (Array.isArray(v) ? REPEAT_GROUP : tag));
  const tagBytes = concat(...tags.map((t) => (t > 0xff ? new Uint8Array([t >> 8, t & 0xff]) : new Uint8Array([t]))));
  const items = present.map(([tag, v]) =>
    Array.isArray(v) ? tlv(REPEAT_GROUP, tlv(0x02, new Uint8Array([v.length])), ...v.map((x: Uint8Array) => tlv(tag, x))) : tlv(tag, v as Uint8Array),
  );
  return tlv(groupTag, tlv(TAG_LIST, tagBytes), ...items);
}

export function textBytes(s: string | undefined): Uint8Array | undefined {
  return s === undefined ? undefined : new Uint8Array(Buffer.from(s, 'utf8'));
}
