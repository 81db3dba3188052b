// Secure-messaging data objects (ICAO 9303-11 §9.8.4–§9.8.6, ISO/IEC 7816-4 §10.2).
export const SM_TAG = {
  /** Cryptogram, plain value BER-TLV coded: used for odd INS, no padding-content indicator. */
  CRYPTOGRAM_ODD: 0x85,
  /** Padding-content indicator ('01') followed by the cryptogram: used for even INS. */
  CRYPTOGRAM: 0x87,
  /** Protected Le. */
  LE: 0x97,
  /** Protected status word. */
  STATUS: 0x99,
  /** Cryptographic checksum (MAC). */
  MAC: 0x8e,
} as const;

/** CLA bits '0C': secure messaging with the header authenticated (ISO/IEC 7816-4 §5.4.1). */
export const SM_CLA_BITS = 0x0c;

/** Padding-content indicator of DO'87': padding method 2 was applied. */
export const PADDING_INDICATOR = 0x01;
