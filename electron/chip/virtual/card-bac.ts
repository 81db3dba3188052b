// The software chip's side of Basic Access Control (ICAO 9303-11 §4.3.4): GET CHALLENGE, then
// MUTUAL AUTHENTICATE checked with the keys of its own MRZ.
import { concat, equalBytes, equalSecret, xor } from '../bytes';
import { bacKeySeed, type MrzAccessKey } from '../crypto/access-key';
import { tdesCbcDecrypt, tdesCbcEncrypt } from '../crypto/block-cipher';
import { pad } from '../crypto/iso9797-padding';
import { deriveKey, deriveSessionKeys, KDF_COUNTER, type SessionKeys } from '../crypto/key-derivation';
import type { RandomSource } from '../crypto/random-source';
import { retailMac } from '../crypto/retail-mac';
import type { CardAnswer } from './card-file-system';

export interface CardSession {
  readonly keys: SessionKeys;
  readonly ssc: Uint8Array;
}

export class CardBac {
  private challenge: Uint8Array | null = null;

  constructor(
    private readonly mrz: MrzAccessKey,
    private readonly random: RandomSource,
  ) {}

  getChallenge(ne: number): CardAnswer {
    if (ne !== 8) return { data: new Uint8Array(), sw: 0x6700 };
    this.challenge = this.random(8);
    return { data: this.challenge, sw: 0x9000 };
  }

  mutualAuthenticate(data: Uint8Array): { answer: CardAnswer; session: CardSession | null } {
    const fail = (sw: number) => ({ answer: { data: new Uint8Array(), sw }, session: null });
    const rndIc = this.challenge;
    this.challenge = null;
    if (!rndIc) return fail(0x6985);
    if (data.length !== 40) return fail(0x6700);
    const seed = bacKeySeed(this.mrz);
    const kEnc = deriveKey(seed, KDF_COUNTER.ENC, 'TDES');
    const kMac = deriveKey(seed, KDF_COUNTER.MAC, 'TDES');
    const eIfd = data.subarray(0, 32);
    if (!equalSecret(retailMac(kMac, pad(eIfd, 8)), data.subarray(32))) return fail(0x6300);
    const s = tdesCbcDecrypt(kEnc, eIfd);
    const rndIfd = s.subarray(0, 8);
    if (!equalBytes(s.subarray(8, 16), rndIc)) return fail(0x6300);
    const kIfd = s.subarray(16, 32);
    const kIc = this.random(16);
    const eIc = tdesCbcEncrypt(kEnc, concat(rndIc, rndIfd, kIc));
    const mIc = retailMac(kMac, pad(eIc, 8));
    return {
      answer: { data: concat(eIc, mIc), sw: 0x9000 },
      session: { keys: deriveSessionKeys(xor(kIfd, kIc), 'TDES'), ssc: concat(rndIc.subarray(4), rndIfd.subarray(4)) },
    };
  }
}
