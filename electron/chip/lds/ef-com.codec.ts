// EF.COM (ICAO 9303-10 §4.6.1): the LDS version ('5F01', "aabb"), the Unicode version ('5F36',
// "aabbcc") and the tag list ('5C') of the data groups present.
import { ascii, fromAscii } from '../bytes';
import { malformed } from '../chip-error';
import { decodeTlv, expectTag, requireChild, tlvChildren } from '../tlv/ber-tlv-reader';
import { tlv } from '../tlv/ber-tlv-writer';
import { LDS_TAG } from './lds-files';

export const EF_COM_TAG = { LDS_VERSION: 0x5f01, UNICODE_VERSION: 0x5f36, TAG_LIST: 0x5c } as const;

export interface EfCom {
  /** e.g. "0107" for LDS 1.7. */
  readonly ldsVersion: string;
  /** e.g. "040000" for Unicode 4.0.0. */
  readonly unicodeVersion: string;
  /** Tags of the data groups present (e.g. 0x61 for DG1, 0x75 for DG2). */
  readonly tags: readonly number[];
}

export function decodeEfCom(bytes: Uint8Array): EfCom {
  const com = expectTag(decodeTlv(bytes, { skipPadding: true }), LDS_TAG.COM, 'EF.COM');
  const ldsVersion = ascii(requireChild(com, EF_COM_TAG.LDS_VERSION, 'LDS version').value);
  const unicodeVersion = ascii(requireChild(com, EF_COM_TAG.UNICODE_VERSION, 'Unicode version').value);
  const list = requireChild(com, EF_COM_TAG.TAG_LIST, 'tag list').value;
  if (!/^\d{4}$/.test(ldsVersion) || !/^\d{6}$/.test(unicodeVersion)) throw malformed('EF.COM versions are not digits');
  return { ldsVersion, unicodeVersion, tags: [...list] };
}

/** Only the tag list (what the reader needs to know which data groups to ask for). */
export function readEfComTags(bytes: Uint8Array): number[] {
  const com = expectTag(decodeTlv(bytes, { skipPadding: true }), LDS_TAG.COM, 'EF.COM');
  const list = tlvChildren(com).find((c) => c.tag === EF_COM_TAG.TAG_LIST);
  if (!list) throw malformed('EF.COM has no tag list');
  return [...list.value];
}

export function encodeEfCom(com: EfCom): Uint8Array {
  return tlv(
    LDS_TAG.COM,
    tlv(EF_COM_TAG.LDS_VERSION, fromAscii(com.ldsVersion)),
    tlv(EF_COM_TAG.UNICODE_VERSION, fromAscii(com.unicodeVersion)),
    tlv(EF_COM_TAG.TAG_LIST, new Uint8Array(com.tags)),
  );
}
