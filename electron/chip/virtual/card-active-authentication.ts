// The software chip's side of Active Authentication (ICAO 9303-11 §6.1): INTERNAL AUTHENTICATE with
// the terminal's 8-byte challenge, signed with the DG15 key — RSA with ISO/IEC 9796-2 digital
// signature scheme 1 (partial message recovery: M1 random, M2 the challenge), or ECDSA with the
// plain r ‖ s format of BSI TR-03111 §5.2.1.
import { constants, createHash, privateEncrypt } from 'node:crypto';
import { ecdsa } from '@noble/curves/abstract/weierstrass.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { concat } from '../bytes';
import { pointType } from '../crypto/ec-curves';
import type { RandomSource } from '../crypto/random-source';
import type { CardAnswer } from './card-file-system';
import type { VirtualActiveAuthentication } from './virtual-chip-config';

/** ISO/IEC 10118-3 hash identifiers for the two-byte trailer 'xx CC' (ISO/IEC 9796-2 §9). */
const HASH_ID = { sha1: 0x33, sha256: 0x34, sha512: 0x35, sha384: 0x36 } as const;
const NOBLE_HASH = { sha1, sha224, sha256, sha384, sha512 } as const;

export function internalAuthenticate(config: VirtualActiveAuthentication, challenge: Uint8Array, random: RandomSource): CardAnswer {
  if (challenge.length !== 8) return { data: new Uint8Array(), sw: 0x6700 };
  if (config.kind === 'RSA') {
    const details = config.privateKey.asymmetricKeyDetails;
    const k = Math.ceil((details?.modulusLength ?? 0) / 8);
    const digestLength = createHash(config.hash).digest().length;
    // SHA-1 uses the implicit trailer 'BC'; the others '<hash id> CC'.
    const trailer = config.hash === 'sha1' ? new Uint8Array([0xbc]) : new Uint8Array([HASH_ID[config.hash], 0xcc]);
    const m1 = random(k - digestLength - trailer.length - 1);
    const h = createHash(config.hash).update(m1).update(challenge).digest();
    // Header '6A': '01' start, '1' partial recovery, then the border nibble 'A' (ISO/IEC 9796-2 §8.1.1).
    const representative = concat(new Uint8Array([0x6a]), m1, h, trailer);
    const signature = privateEncrypt({ key: config.privateKey, padding: constants.RSA_NO_PADDING }, representative);
    return { data: new Uint8Array(signature), sw: 0x9000 };
  }
  const Point = pointType(config.domain);
  const signer = ecdsa(Point, NOBLE_HASH[config.hash]);
  const size = Math.ceil(config.domain.n.toString(16).length / 2);
  const secret = new Uint8Array(Buffer.from(config.privateKey.toString(16).padStart(size * 2, '0'), 'hex'));
  const signature = signer.sign(challenge, secret, { lowS: false, format: 'compact' });
  return { data: new Uint8Array(signature), sw: 0x9000 };
}
