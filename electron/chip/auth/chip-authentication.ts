// Chip authentication (ICAO 9303-11 §6.2, BSI TR-03110-2 §3.4 version 1): the terminal sends an
// ephemeral key on the domain of the chip's static key from DG14, both sides agree a secret, and
// secure messaging restarts under keys derived from it, SSC at zero — 3DES through MSE:Set KAT,
// AES through MSE:Set AT and GENERAL AUTHENTICATE. Only a chip holding the static private key can
// answer under the new keys, so the first answer that verifies proves it. One public run(); the
// result names DG14 as its key source, for the caller's rule that the check counts only when
// passive authentication covered DG14.
import type { CloneCheck } from '../../contract/chip.contract';
import type { ApduTransport } from '../apdu/apdu-transport';
import { SW, swText } from '../apdu/status-words';
import { ChipError } from '../chip-error';
import { dhGroup, ecGroup, type AgreementGroup } from '../crypto/agreement-group';
import { deriveSessionKeys } from '../crypto/key-derivation';
import { systemRandom, type RandomSource } from '../crypto/random-source';
import { zeroSsc } from '../crypto/send-sequence-counter';
import { blockSize } from '../crypto/symmetric-cipher';
import type { SecurityInfo } from '../lds/security-infos.codec';
import { SecureChannel, type ChipChannel } from '../sm/chip-channel';
import { SecureMessaging } from '../sm/secure-messaging';
import { concat } from '../bytes';
import { tlv } from '../tlv/ber-tlv-writer';
import { encodeOid } from '../tlv/object-identifier';
import { chipAuthenticationAlgorithm, type ChipAuthenticationAlgorithm } from './chip-authentication-algorithm';

type CaInfo = Extract<SecurityInfo, { type: 'ChipAuthenticationInfo' }>;
type CaKey = Extract<SecurityInfo, { type: 'ChipAuthenticationPublicKeyInfo' }>;

export interface ChipAuthenticationResult {
  readonly check: CloneCheck;
  /** The channel to go on with: re-keyed after success, the old one otherwise (null if it broke). */
  readonly channel: ChipChannel | null;
}

/** The protocol and key of DG14 to use: matched by key id, else the single pair that fits. */
export function chooseChipAuthentication(infos: readonly SecurityInfo[]): { info: CaInfo; key: CaKey; algorithm: ChipAuthenticationAlgorithm } | null {
  const keys = infos.filter((i): i is CaKey => i.type === 'ChipAuthenticationPublicKeyInfo');
  const protocols = infos.filter((i): i is CaInfo => i.type === 'ChipAuthenticationInfo');
  for (const info of protocols) {
    const algorithm = chipAuthenticationAlgorithm(info.oid);
    if (!algorithm) continue;
    const fitting = keys.filter((k) => (algorithm.agreement === 'ECDH' ? k.publicKey.kind === 'EC' : k.publicKey.kind === 'DH'));
    const key = info.keyId !== null ? fitting.find((k) => k.keyId === info.keyId) : fitting.length === 1 ? fitting[0] : fitting.find((k) => k.keyId === null);
    if (key) return { info, key, algorithm };
  }
  // DG14 of the first generation may list only the key (TR-03110 v1: 3DES implied).
  if (protocols.length === 0 && keys.length === 1) {
    const key = keys[0]!;
    const algorithm = chipAuthenticationAlgorithm(`0.4.0.127.0.7.2.2.3.${key.publicKey.kind === 'EC' ? 2 : 1}.1`)!;
    return { info: { type: 'ChipAuthenticationInfo', oid: algorithm.oid, version: 1, keyId: key.keyId }, key, algorithm };
  }
  return null;
}

export class ChipAuthenticationProtocol {
  constructor(
    private readonly transport: ApduTransport,
    private readonly channel: ChipChannel,
    private readonly securityInfos: readonly SecurityInfo[],
    private readonly random: RandomSource = systemRandom,
  ) {}

  async run(): Promise<ChipAuthenticationResult> {
    const choice = chooseChipAuthentication(this.securityInfos);
    const check = (status: CloneCheck['status'], algorithm: string, detail: string): CloneCheck => ({ method: 'chip-authentication', status, keySource: 'DG14', algorithm, detail });
    if (!choice) return { check: check('not-supported', '', 'DG14 offers no chip authentication this station supports.'), channel: this.channel };
    const { info, key, algorithm } = choice;
    const name = `CA ${algorithm.agreement} ${algorithm.cipher}`;
    const pk = key.publicKey;
    const group = (pk.kind === 'EC' ? ecGroup(pk.domain) : pk.kind === 'DH' ? dhGroup(pk.domain) : null) as AgreementGroup<unknown> | null;
    if (!group) return { check: check('failed', name, 'DG14 holds a key of the wrong kind.'), channel: this.channel };
    let chipKey: unknown;
    try {
      chipKey = group.decode(pk.kind === 'EC' ? pk.point : group.encode(pk.kind === 'DH' ? pk.y : 0n));
    } catch {
      return { check: check('failed', name, 'The chip authentication key in DG14 is not valid on its domain.'), channel: this.channel };
    }
    const secret = group.randomPrivateKey(this.random);
    const ephemeral = group.encode(group.multiply(group.generator, secret));
    const keyRef = info.keyId !== null ? tlv(0x84, new Uint8Array(minimal(info.keyId))) : new Uint8Array();
    try {
      if (algorithm.cipher === 'TDES') {
        const r = await this.channel.send({ cla: 0x00, ins: 0x22, p1: 0x41, p2: 0xa6, data: concat(tlv(0x91, ephemeral), keyRef) });
        if (r.sw !== SW.OK) return { check: check('failed', name, `The chip refused MSE:Set KAT (${swText(r.sw)}).`), channel: this.channel };
      } else {
        const set = await this.channel.send({ cla: 0x00, ins: 0x22, p1: 0x41, p2: 0xa4, data: concat(tlv(0x80, encodeOid(info.oid)), keyRef) });
        if (set.sw !== SW.OK) return { check: check('failed', name, `The chip refused MSE:Set AT (${swText(set.sw)}).`), channel: this.channel };
        const ga = await this.channel.send({ cla: 0x00, ins: 0x86, p1: 0, p2: 0, data: tlv(0x7c, tlv(0x80, ephemeral)), ne: 256 });
        if (ga.sw !== SW.OK) return { check: check('failed', name, `The chip refused GENERAL AUTHENTICATE (${swText(ga.sw)}).`), channel: this.channel };
      }
    } catch (e) {
      if (e instanceof ChipError && e.kind === 'SecureMessagingFailure') return { check: check('failed', name, e.message), channel: null };
      throw e;
    }
    const keys = deriveSessionKeys(group.sharedSecret(group.multiply(chipKey, secret)), algorithm.cipher);
    const next = new SecureChannel(this.transport, new SecureMessaging(keys, zeroSsc(blockSize(algorithm.cipher))));
    // The first answer under the new keys: only the holder of the static key can protect it.
    try {
      const probe = await next.send({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: new Uint8Array([0x01, 0x1e]) });
      if (!probe.protected) return { check: check('failed', name, 'The chip left secure messaging after chip authentication.'), channel: null };
    } catch (e) {
      if (e instanceof ChipError && e.kind === 'SecureMessagingFailure') return { check: check('failed', name, 'The chip could not answer under the keys agreed with DG14\'s key.'), channel: null };
      throw e;
    }
    return { check: check('succeeded', name, 'The chip proved it holds the private key of DG14.'), channel: next };
  }
}

function minimal(n: number): number[] {
  const out: number[] = [];
  for (let v = n; v > 0 || out.length === 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return out;
}
