// The software chip's answer to reset as a PC/SC reader reports a contactless ISO/IEC 14443-4
// card (PC/SC Part 3 §3.1.3.2.3): 3B 8n 80 01, historical bytes, TCK. The historical bytes carry
// the card capabilities (ISO/IEC 7816-4 §12.1.1.9, compact-TLV '73'): byte 3, b7 = extended Lc and
// Le fields, b6 = extended length information in EF.ATR/INFO.
export function buildCardAtr(options: { extendedLength: boolean; extendedLengthInfo: boolean }): Uint8Array {
  const capabilities3 = (options.extendedLength ? 0x40 : 0) | (options.extendedLengthInfo ? 0x20 : 0);
  const historical = [0x80, 0x73, 0x80, 0x01, capabilities3];
  const body = [0x80 | historical.length, 0x80, 0x01, ...historical];
  const tck = body.reduce((x, b) => x ^ b, 0);
  return new Uint8Array([0x3b, ...body, tck]);
}
