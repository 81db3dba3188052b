// Basic Access Control (ICAO 9303-11 §4.3, Appendix D): GET CHALLENGE, then MUTUAL AUTHENTICATE
// with the keys derived from the MRZ information; the session keys come from K.IFD ⊕ K.IC and
// the SSC from the two challenges. One public run(); the steps are private.
import { concat, equalBytes, equalSecret, xor } from '../bytes';
import { ChipError } from '../chip-error';
import { SW } from '../apdu/status-words';
import { bacKeySeed, type MrzAccessKey } from '../crypto/access-key';
import { tdesCbcDecrypt, tdesCbcEncrypt } from '../crypto/block-cipher';
import { pad } from '../crypto/iso9797-padding';
import { deriveKey, deriveSessionKeys, KDF_COUNTER, type SessionKeys } from '../crypto/key-derivation';
import { retailMac } from '../crypto/retail-mac';
import { systemRandom, type RandomSource } from '../crypto/random-source';
import { bacInitialSsc } from '../crypto/send-sequence-counter';
import type { ChipChannel } from '../sm/chip-channel';
import { accessRefusal } from './protocol-status';

export interface BacResult {
  readonly protocol: 'BAC';
  readonly keys: SessionKeys;
  readonly ssc: Uint8Array;
}

export class BacProtocol {
  constructor(
    private readonly channel: ChipChannel,
    private readonly key: MrzAccessKey,
    /** RND.IFD and K.IFD come from here (fixed in tests replaying Appendix D). */
    private readonly random: RandomSource = systemRandom,
  ) {}

  async run(): Promise<BacResult> {
    const seed = bacKeySeed(this.key);
    const kEnc = deriveKey(seed, KDF_COUNTER.ENC, 'TDES');
    const kMac = deriveKey(seed, KDF_COUNTER.MAC, 'TDES');
    const rndIc = await this.getChallenge();
    const rndIfd = this.random(8);
    const kIfd = this.random(16);
    const kIc = await this.mutualAuthenticate(kEnc, kMac, rndIc, rndIfd, kIfd);
    return Object.freeze({ protocol: 'BAC', keys: deriveSessionKeys(xor(kIfd, kIc), 'TDES'), ssc: bacInitialSsc(rndIc, rndIfd) });
  }

  /** GET CHALLENGE: the chip's 8-byte RND.IC (§4.3.4.1). */
  private async getChallenge(): Promise<Uint8Array> {
    const r = await this.channel.send({ cla: 0x00, ins: 0x84, p1: 0, p2: 0, ne: 8 });
    if (r.sw !== SW.OK) throw accessRefusal('BAC (get challenge)', r.sw);
    if (r.data.length !== 8) throw new ChipError('MalformedData', 'The chip sent a BAC challenge of the wrong length.');
    return r.data;
  }

  /** EXTERNAL/MUTUAL AUTHENTICATE with E_IFD ‖ M_IFD; returns K.IC (§4.3.4.2, Appendix D.3). */
  private async mutualAuthenticate(kEnc: Uint8Array, kMac: Uint8Array, rndIc: Uint8Array, rndIfd: Uint8Array, kIfd: Uint8Array): Promise<Uint8Array> {
    const eIfd = tdesCbcEncrypt(kEnc, concat(rndIfd, rndIc, kIfd));
    const mIfd = retailMac(kMac, pad(eIfd, 8));
    const r = await this.channel.send({ cla: 0x00, ins: 0x82, p1: 0, p2: 0, data: concat(eIfd, mIfd), ne: 40 });
    if (r.sw !== SW.OK) throw accessRefusal('BAC (mutual authentication)', r.sw);
    if (r.data.length !== 40) throw new ChipError('MalformedData', 'The chip sent a BAC answer of the wrong length.');
    const eIc = r.data.subarray(0, 32);
    if (!equalSecret(retailMac(kMac, pad(eIc, 8)), r.data.subarray(32))) {
      throw new ChipError('SecureMessagingFailure', "The chip's BAC answer failed its integrity check.");
    }
    const plain = tdesCbcDecrypt(kEnc, eIc);
    // R = RND.IC ‖ RND.IFD ‖ K.IC: both challenges must come back as sent.
    if (!equalBytes(plain.subarray(0, 8), rndIc) || !equalBytes(plain.subarray(8, 16), rndIfd)) {
      throw new ChipError('SecureMessagingFailure', "The chip's BAC answer does not match the challenge.");
    }
    return plain.subarray(16, 32);
  }
}
