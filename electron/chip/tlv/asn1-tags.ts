// Universal ASN.1 tags (ITU-T X.680 §8.4) as they appear in DER, and context-specific tag helpers.
export const ASN1 = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** [n] IMPLICIT/EXPLICIT constructed context tag (A0 + n). */
export function contextConstructed(n: number): number {
  return 0xa0 + n;
}

/** [n] IMPLICIT primitive context tag (80 + n). */
export function contextPrimitive(n: number): number {
  return 0x80 + n;
}
