// GENERAL AUTHENTICATE (ISO/IEC 7816-4 §11.5.5, BSI TR-03110-3 §B.1.2): data in a dynamic
// authentication data object '7C'; chained ('10') for every step but the last.
import type { CommandApdu } from '../apdu/command-apdu';
import { malformed } from '../chip-error';
import { decodeTlv, expectTag, tlvChildren } from '../tlv/ber-tlv-reader';
import { tlv } from '../tlv/ber-tlv-writer';

export const DYNAMIC_AUTHENTICATION_DATA = 0x7c;

export function generalAuthenticate(objects: Uint8Array, last: boolean): CommandApdu {
  return { cla: last ? 0x00 : 0x10, ins: 0x86, p1: 0, p2: 0, data: tlv(DYNAMIC_AUTHENTICATION_DATA, objects), ne: 256 };
}

/** The data objects of a '7C' response, by tag. */
export function readDynamicAuthenticationData(data: Uint8Array): Map<number, Uint8Array> {
  const outer = expectTag(decodeTlv(data), DYNAMIC_AUTHENTICATION_DATA, 'dynamic authentication data');
  const out = new Map<number, Uint8Array>();
  for (const child of tlvChildren(outer)) out.set(child.tag, child.value);
  return out;
}

export function requireObject(objects: Map<number, Uint8Array>, tag: number, what: string): Uint8Array {
  const value = objects.get(tag);
  if (!value) throw malformed(`the chip's answer lacks ${what}`);
  return value;
}
