// The capability the protocols need: "can transmit APDUs". A PC/SC card, the virtual card behind
// vpcd, a secure-messaging wrapper and the in-memory software chip all provide it.
export interface ApduTransport {
  /** Sends one command APDU and resolves with the response APDU (data followed by SW1 SW2). */
  transmit(command: Uint8Array): Promise<Uint8Array>;
}
