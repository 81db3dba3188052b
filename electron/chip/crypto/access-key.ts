// The access data an officer gives for a chip, and the secrets derived from it (ICAO 9303-11
// §9.7.2 for BAC, §9.7.3 for the PACE password): the MRZ's document number, date of birth and date
// of expiry with their check digits ("MRZ information"), or the card access number (CAN).
import { createHash } from 'node:crypto';
import { ChipError } from '../chip-error';
import { fromAscii } from '../bytes';
import { checkDigit } from './check-digit';

export interface MrzAccessKey {
  readonly kind: 'MRZ';
  /** As printed in the MRZ, '<' fillers included or not (they are added back to 9 characters). */
  readonly documentNumber: string;
  /** YYMMDD */
  readonly dateOfBirth: string;
  /** YYMMDD */
  readonly dateOfExpiry: string;
}

export interface CanAccessKey {
  readonly kind: 'CAN';
  /** The card access number printed on the document (usually 6 digits). */
  readonly can: string;
}

export type AccessKey = MrzAccessKey | CanAccessKey;

function badKey(what: string): ChipError {
  return new ChipError('AccessDenied', `The access data is not valid: ${what}.`);
}

/**
 * MRZ_information (9303-11 §9.7.2 / Appendix D.2): document number (at least 9 characters, padded
 * with '<'), its check digit, date of birth, check digit, date of expiry, check digit. A document
 * number longer than 9 characters is used whole (Appendix D.2's second example).
 */
export function mrzInformation(key: MrzAccessKey): string {
  const number = key.documentNumber.toUpperCase().replace(/\s/g, '');
  if (!/^[0-9A-Z<]{1,22}$/.test(number)) throw badKey('document number');
  if (!/^\d{6}$/.test(key.dateOfBirth)) throw badKey('date of birth');
  if (!/^\d{6}$/.test(key.dateOfExpiry)) throw badKey('date of expiry');
  const padded = number.padEnd(9, '<');
  return `${padded}${checkDigit(padded)}${key.dateOfBirth}${checkDigit(key.dateOfBirth)}${key.dateOfExpiry}${checkDigit(key.dateOfExpiry)}`;
}

/** Kseed for BAC: the first 16 bytes of SHA-1(MRZ_information) (9303-11 §9.7.2). */
export function bacKeySeed(key: MrzAccessKey): Uint8Array {
  return new Uint8Array(createHash('sha1').update(fromAscii(mrzInformation(key))).digest().subarray(0, 16));
}

/** The PACE password's K = f(π) (9303-11 §9.7.3): SHA-1(MRZ_information) for the MRZ, the CAN's characters otherwise. */
export function pacePasswordSecret(key: AccessKey): Uint8Array {
  if (key.kind === 'MRZ') return new Uint8Array(createHash('sha1').update(fromAscii(mrzInformation(key))).digest());
  if (!/^\d{1,12}$/.test(key.can)) throw badKey('card access number');
  return fromAscii(key.can);
}

/** The password reference of MSE:Set AT (TR-03110-3 §D.2.1.1 / 9303-11 §4.4.4.1): 1 MRZ, 2 CAN. */
export function passwordReference(key: AccessKey): number {
  return key.kind === 'MRZ' ? 1 : 2;
}
