// What a software chip holds and how it behaves: its files, its access data, the protocols it
// offers with their keys, and the limits real chips have (extended length or not, the longest
// READ BINARY answer and the status it gives beyond it, odd INS B1).
import type { KeyObject } from 'node:crypto';
import type { ChipFile } from '../../contract/chip.contract';
import type { MrzAccessKey } from '../crypto/access-key';
import type { DhDomain } from '../crypto/dh-groups';
import type { EcDomain } from '../crypto/ec-curves';
import type { RandomSource } from '../crypto/random-source';

export interface VirtualPaceOffer {
  /** id-PACE-… protocol OID (listed in EF.CardAccess). */
  readonly oid: string;
  /** Standardized domain parameters (ICAO 9303-11 §9.5.1). */
  readonly parameterId: number;
  /** The chip's static key for PACE-CAM (its public key is in EF.CardSecurity). */
  readonly camPrivateKey?: bigint;
}

export type VirtualChipAuthenticationKey =
  | { readonly kind: 'EC'; readonly domain: EcDomain; readonly privateKey: bigint }
  | { readonly kind: 'DH'; readonly domain: DhDomain; readonly privateKey: bigint };

export interface VirtualChipAuthentication {
  /** id-CA-… protocol OID of the ChipAuthenticationInfo in DG14. */
  readonly oid: string;
  readonly keyId: number | null;
  readonly key: VirtualChipAuthenticationKey;
}

export type VirtualActiveAuthentication =
  | { readonly kind: 'RSA'; readonly privateKey: KeyObject; readonly hash: 'sha1' | 'sha256' | 'sha384' | 'sha512' }
  | { readonly kind: 'ECDSA'; readonly domain: EcDomain; readonly privateKey: bigint; readonly hash: 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512' };

export interface VirtualChipConfig {
  /** Files by name; EF.CardAccess and EF.CardSecurity live in the master file, the rest in the eMRTD application. */
  readonly files: Partial<Record<ChipFile, Uint8Array>>;
  /** Raw EF.ATR/INFO (ISO/IEC 7816-4 §8.2.1.1) under the master file, if the chip has one. */
  readonly atrInfo?: Uint8Array;
  readonly mrz: MrzAccessKey;
  readonly can?: string;
  readonly bac: boolean;
  readonly pace: readonly VirtualPaceOffer[];
  readonly chipAuthentication?: VirtualChipAuthentication;
  readonly activeAuthentication?: VirtualActiveAuthentication;
  /** Accepts extended-length APDUs (and says so in its ATR's historical bytes). */
  readonly extendedLength: boolean;
  /** The longest plain answer to READ BINARY. */
  readonly maxReadLength: number;
  /** What the chip answers when asked for more: '6700' (wrong length) or a shorter answer ('truncate'). */
  readonly tooLong: 'wrong-length' | 'truncate';
  /**
   * How the chip answers reads at the end of a file. 'iso' (the default): 6282 only when fewer bytes
   * than asked remain (ISO/IEC 7816-4 Table 5), 6B00 for an offset past the end. 'end-of-file-warning',
   * as some chips do: every answer that reaches the end of the file carries 6282, and a read at or past
   * the end answers 6282 with no data.
   */
  readonly readPastEnd?: 'iso' | 'end-of-file-warning';
  /** READ BINARY with odd INS (B1) for offsets beyond 32 767. */
  readonly oddInsRead: boolean;
  /** EF.CardAccess can be read by short file identifier only (SELECT by identifier is refused). */
  readonly cardAccessBySfiOnly?: boolean;
  readonly random?: RandomSource;
  /** Fixed PACE private keys (mapping, then agreement), to replay a worked example from the chip's side. */
  readonly paceKeys?: (step: 'mapping' | 'agreement') => bigint;
}

export const DEFAULT_LIMITS = { extendedLength: false, maxReadLength: 0xdf, tooLong: 'wrong-length', oddInsRead: true } as const;
