// PACE (ICAO 9303-11 §4.4, BSI TR-03110-2 §3.2 and -3 §B.1): generic mapping over ECDH or DH, and
// chip authentication mapping (PACE-CAM, §4.4.3.5), with the MRZ or the CAN as password. One public
// run(); the steps follow §4.4.1: MSE:Set AT, then four GENERAL AUTHENTICATE — encrypted nonce,
// mapping, key agreement, mutual authentication.
import { concat, equalSecret } from '../bytes';
import { ChipError } from '../chip-error';
import { SW, triesLeft } from '../apdu/status-words';
import { pacePasswordSecret, passwordReference, type AccessKey } from '../crypto/access-key';
import type { AgreementGroup } from '../crypto/agreement-group';
import { aesCbcDecrypt, aesEcbEncrypt, tdesCbcDecrypt } from '../crypto/block-cipher';
import { unpad } from '../crypto/iso9797-padding';
import { deriveKey, deriveSessionKeys, KDF_COUNTER, type SessionKeys } from '../crypto/key-derivation';
import { zeroSsc } from '../crypto/send-sequence-counter';
import { blockSize } from '../crypto/symmetric-cipher';
import type { ChipChannel } from '../sm/chip-channel';
import { tlv } from '../tlv/ber-tlv-writer';
import { encodeOid } from '../tlv/object-identifier';
import { authenticationToken } from './authentication-token';
import { generalAuthenticate, readDynamicAuthenticationData, requireObject } from './dynamic-authentication-data';
import type { PaceAlgorithm } from './pace-algorithm';
import type { PaceDomain } from './pace-domain';
import { genericMapping } from './pace-mapping';
import { accessRefusal } from './protocol-status';

/** Chooses the terminal's private keys: random by default, fixed when replaying a worked example. */
export type PrivateKeySource = (group: AgreementGroup<unknown>, step: 'mapping' | 'agreement') => bigint;

export interface PaceOptions {
  readonly key: AccessKey;
  readonly algorithm: PaceAlgorithm;
  readonly domain: PaceDomain;
  /** parameterId of the PACEInfo, sent as '84' when known (9303-11 §4.4.4.1). */
  readonly parameterId: number | null;
  readonly privateKeys: PrivateKeySource;
}

export interface PaceCamData {
  /** CA_IC, decrypted from the chip's '8A' (9303-11 §4.4.3.5.1). */
  readonly chipAuthenticationData: Uint8Array;
  /** The chip's mapping public key PK_Map,IC, to check against its static key. */
  readonly chipMappingPublicKey: Uint8Array;
}

export interface PaceResult {
  readonly protocol: 'PACE' | 'PACE-CAM';
  readonly oid: string;
  readonly parameterId: number | null;
  readonly domainName: string;
  readonly keys: SessionKeys;
  /** The SSC starts at zero after PACE (9303-11 §9.8.2). */
  readonly ssc: Uint8Array;
  readonly chipEphemeralPublicKey: Uint8Array;
  /** Present for PACE-CAM when the chip sent its chip authentication data; null otherwise. */
  readonly cam: PaceCamData | null;
}

const TAG = { NONCE: 0x80, MAP_IFD: 0x81, MAP_IC: 0x82, EPH_IFD: 0x83, EPH_IC: 0x84, TOKEN_IFD: 0x85, TOKEN_IC: 0x86, CAM: 0x8a } as const;

export class PaceProtocol {
  constructor(
    private readonly channel: ChipChannel,
    private readonly options: PaceOptions,
  ) {}

  async run(): Promise<PaceResult> {
    const { algorithm } = this.options;
    if (algorithm.mapping === 'IM') throw new ChipError('UnsupportedProtocol', 'The chip offers PACE with integrated mapping only, which this station does not support.');
    const group = this.options.domain.group;
    await this.setAuthenticationTemplate();
    const nonce = await this.requestNonce();
    const { mapped, chipMappingKey } = await this.map(group, nonce);
    const { keys, terminalKey, chipKey } = await this.agreeKeys(mapped);
    const camCiphertext = await this.authenticate(keys, group, terminalKey, chipKey);
    const cam = camCiphertext ? { chipAuthenticationData: decryptCamData(keys, camCiphertext), chipMappingPublicKey: chipMappingKey } : null;
    return Object.freeze({
      protocol: algorithm.mapping === 'CAM' ? 'PACE-CAM' : 'PACE',
      oid: algorithm.oid,
      parameterId: this.options.parameterId,
      domainName: this.options.domain.name,
      keys,
      ssc: zeroSsc(blockSize(algorithm.cipher)),
      chipEphemeralPublicKey: chipKey,
      cam,
    });
  }

  /** MSE:Set AT (9303-11 §4.4.4.1): protocol, password reference, domain parameters. */
  private async setAuthenticationTemplate(): Promise<void> {
    const { algorithm, key, parameterId } = this.options;
    const data = concat(
      tlv(0x80, encodeOid(algorithm.oid)),
      tlv(0x83, new Uint8Array([passwordReference(key)])),
      ...(parameterId !== null ? [tlv(0x84, new Uint8Array([parameterId]))] : []),
    );
    const r = await this.channel.send({ cla: 0x00, ins: 0x22, p1: 0xc1, p2: 0xa4, data });
    // 63Cx here only reports the password's retry counter (TR-03110-3 §B.1.1).
    if (r.sw !== SW.OK && triesLeft(r.sw) === null) throw accessRefusal('MSE:Set AT', r.sw);
  }

  /** Step 1: the chip's nonce, encrypted with Kπ = KDF(f(π), 3) (§4.4.3.1). */
  private async requestNonce(): Promise<Uint8Array> {
    const r = await this.channel.send(generalAuthenticate(new Uint8Array(), false));
    if (r.sw !== SW.OK) throw accessRefusal('PACE (encrypted nonce)', r.sw);
    const z = requireObject(readDynamicAuthenticationData(r.data), TAG.NONCE, 'the encrypted nonce');
    const cipher = this.options.algorithm.cipher;
    if (z.length === 0 || z.length % blockSize(cipher) !== 0) throw new ChipError('MalformedData', 'The chip sent a PACE nonce of the wrong length.');
    const kPi = deriveKey(pacePasswordSecret(this.options.key), KDF_COUNTER.PACE, cipher);
    return cipher === 'TDES' ? tdesCbcDecrypt(kPi, z) : aesCbcDecrypt(kPi, z);
  }

  /** Step 2: generic mapping (§4.4.3.3.1); CAM maps the same way. */
  private async map(group: AgreementGroup<unknown>, nonce: Uint8Array): Promise<{ mapped: AgreementGroup<unknown>; chipMappingKey: Uint8Array }> {
    const secret = this.options.privateKeys(group, 'mapping');
    const terminalKey = group.encode(group.multiply(group.generator, secret));
    const r = await this.channel.send(generalAuthenticate(tlv(TAG.MAP_IFD, terminalKey), false));
    if (r.sw !== SW.OK) throw accessRefusal('PACE (mapping)', r.sw);
    const chipMappingKey = requireObject(readDynamicAuthenticationData(r.data), TAG.MAP_IC, "the chip's mapping key");
    const shared = group.multiply(group.decode(chipMappingKey), secret);
    return { mapped: genericMapping(group, nonce, shared), chipMappingKey };
  }

  /** Step 3: ephemeral key agreement on the mapped generator, then KSenc and KSmac (§4.4.3.4). */
  private async agreeKeys(mapped: AgreementGroup<unknown>): Promise<{ keys: SessionKeys; terminalKey: Uint8Array; chipKey: Uint8Array }> {
    const secret = this.options.privateKeys(mapped, 'agreement');
    const terminalKey = mapped.encode(mapped.multiply(mapped.generator, secret));
    const r = await this.channel.send(generalAuthenticate(tlv(TAG.EPH_IFD, terminalKey), false));
    if (r.sw !== SW.OK) throw accessRefusal('PACE (key agreement)', r.sw);
    const chipKey = requireObject(readDynamicAuthenticationData(r.data), TAG.EPH_IC, "the chip's ephemeral key");
    // §4.4.1 step 4: the terminal checks that the chip's key differs from its own.
    if (equalSecret(chipKey, terminalKey)) throw new ChipError('SecureMessagingFailure', 'The chip echoed the terminal\'s PACE key.');
    const shared = mapped.sharedSecret(mapped.multiply(mapped.decode(chipKey), secret));
    return { keys: deriveSessionKeys(shared, this.options.algorithm.cipher), terminalKey, chipKey };
  }

  /** Step 4: mutual authentication with the tokens; returns CAM's encrypted data if any (§4.4.3.4). */
  private async authenticate(keys: SessionKeys, group: AgreementGroup<unknown>, terminalKey: Uint8Array, chipKey: Uint8Array): Promise<Uint8Array | null> {
    const { oid, cipher, mapping } = this.options.algorithm;
    const tIfd = authenticationToken(cipher, keys.macKey, oid, group.kind, chipKey);
    const r = await this.channel.send(generalAuthenticate(tlv(TAG.TOKEN_IFD, tIfd), true));
    if (r.sw !== SW.OK) throw accessRefusal('PACE (mutual authentication)', r.sw);
    const objects = readDynamicAuthenticationData(r.data);
    const tIc = requireObject(objects, TAG.TOKEN_IC, "the chip's authentication token");
    if (!equalSecret(tIc, authenticationToken(cipher, keys.macKey, oid, group.kind, terminalKey))) {
      throw new ChipError('SecureMessagingFailure', "The chip's PACE authentication token did not verify.");
    }
    return mapping === 'CAM' ? objects.get(TAG.CAM) ?? null : null;
  }
}

/** A_IC decrypted with KSenc in CBC mode, IV = E(KSenc, −1) (9303-11 §4.4.3.5.1). */
export function decryptCamData(keys: SessionKeys, ciphertext: Uint8Array): Uint8Array {
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) throw new ChipError('MalformedData', 'The chip sent chip authentication data of the wrong length.');
  const iv = aesEcbEncrypt(keys.encKey, new Uint8Array(16).fill(0xff));
  return unpad(aesCbcDecrypt(keys.encKey, ciphertext, iv), 16);
}

/** The default: fresh random private keys in [1, order − 1]. */
export function randomPrivateKeys(random: (n: number) => Uint8Array): PrivateKeySource {
  return (group) => group.randomPrivateKey(random);
}

