// Status words (ISO/IEC 7816-4 §5.6, ICAO 9303-11 §9.8.6 and 9303-10 §3.5) that the reader acts on.
export const SW = {
  OK: 0x9000,
  /** Warning: end of file reached before Ne bytes were read (data returned). */
  END_OF_FILE: 0x6282,
  /** Verification failed (BAC / PACE mutual authentication with the wrong MRZ or CAN). */
  AUTHENTICATION_FAILED: 0x6300,
  WRONG_LENGTH: 0x6700,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  AUTHENTICATION_BLOCKED: 0x6983,
  REFERENCE_DATA_NOT_USABLE: 0x6984,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  SM_DATA_OBJECTS_MISSING: 0x6987,
  SM_DATA_OBJECTS_INCORRECT: 0x6988,
  WRONG_DATA: 0x6a80,
  FUNCTION_NOT_SUPPORTED: 0x6a81,
  FILE_NOT_FOUND: 0x6a82,
  INCORRECT_P1_P2: 0x6a86,
  REFERENCED_DATA_NOT_FOUND: 0x6a88,
  /** Wrong parameters P1-P2: offset outside the EF. */
  WRONG_P1_P2: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  UNKNOWN: 0x6f00,
} as const;

export function sw1(sw: number): number {
  return (sw >> 8) & 0xff;
}

/** 61xx: xx more bytes available (GET RESPONSE); 6Cxx: wrong Le, xx is the exact length. */
export function isMoreData(sw: number): boolean {
  return sw1(sw) === 0x61;
}

export function isWrongLe(sw: number): boolean {
  return sw1(sw) === 0x6c;
}

/** 63Cx: verification failed, x tries left (PACE with a CAN or PIN, TR-03110-3 §B.1). */
export function triesLeft(sw: number): number | null {
  return (sw & 0xfff0) === 0x63c0 ? sw & 0x0f : null;
}

/** Normal processing or a warning that still carries data (90xx, 62xx, 63xx except auth failures). */
export function isSuccess(sw: number): boolean {
  return sw === SW.OK || sw === SW.END_OF_FILE;
}

export function swText(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}
