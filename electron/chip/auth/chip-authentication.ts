// Chip authentication (ICAO 9303-11 §6.2, BSI TR-03110-2 §3.4 version 1): the terminal sends an
// ephemeral key on the domain of the chip's static key from DG14, both sides agree a secret, and
// secure messaging restarts under keys derived from it, SSC at zero — 3DES through MSE:Set KAT,
// AES through MSE:Set AT and GENERAL AUTHENTICATE. Only a chip holding the static private key can
// answer under the new keys, so the first answer that verifies proves it. One public run(); the
// result names DG14 as its key source, for the caller's rule that the check counts only when
// passive authentication covered DG14.
// The result keeps a transcript — the terminal's ephemeral key pair and the first protected command
// and answer under the new keys — from which recheckChipAuthentication repeats the check offline.
// Unlike active authentication's signature, the answer is a MAC under keys the terminal could also
// compute: the recheck shows the record is consistent with DG14's key, and its weight as evidence
// rests on the signature of the station that recorded it. The ephemeral private key served this one
// session only; it opens nothing but that session's traffic.
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
import { bigIntToBytes, byteLength, bytesToBigInt, concat, equalBytes } from '../bytes';
import { tlv } from '../tlv/ber-tlv-writer';
import { encodeOid } from '../tlv/object-identifier';
import { chipAuthenticationAlgorithm, type ChipAuthenticationAlgorithm } from './chip-authentication-algorithm';

type CaInfo = Extract<SecurityInfo, { type: 'ChipAuthenticationInfo' }>;
type CaKey = Extract<SecurityInfo, { type: 'ChipAuthenticationPublicKeyInfo' }>;

/** What the terminal sent and received for chip authentication, enough to repeat the check offline. */
export interface ChipAuthenticationTranscript {
  /** The chip authentication protocol OID (DG14's ChipAuthenticationInfo) and key id used. */
  readonly oid: string;
  readonly keyId: number | null;
  /** The terminal's ephemeral key pair on the domain of DG14's key. */
  readonly terminalPrivateKey: Uint8Array;
  readonly terminalPublicKey: Uint8Array;
  /** The first command protected under the new keys, as sent, and the chip's answer, as received. */
  readonly command: Uint8Array;
  readonly response: Uint8Array;
}

export interface ChipAuthenticationResult {
  readonly check: CloneCheck;
  /** The channel to go on with: re-keyed after success, the old one otherwise (null if it broke). */
  readonly channel: ChipChannel | null;
  /** Present once the chip was asked to answer under the new keys, whatever it answered. */
  readonly transcript: ChipAuthenticationTranscript | null;
}

/** The first command under the new keys: SELECT EF.COM, which every LDS application holds. */
const PROBE = { cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: new Uint8Array([0x01, 0x1e]) } as const;

type Verdict = { status: 'succeeded' | 'failed'; algorithm: string; detail: string };

/**
 * Repeats chip authentication from its transcript and DG14: the terminal's key pair must be one,
 * the recorded command must be the one protected under the keys agreed with DG14's key, and the
 * chip's recorded answer must pass its integrity check under them.
 */
export function recheckChipAuthentication(securityInfos: readonly SecurityInfo[], t: ChipAuthenticationTranscript): Verdict {
  const choice = chooseChipAuthentication(securityInfos);
  if (!choice) return { status: 'failed', algorithm: '', detail: 'DG14 offers no chip authentication this station supports.' };
  const { info, key, algorithm } = choice;
  const name = `CA ${algorithm.agreement} ${algorithm.cipher}`;
  const failed = (detail: string): Verdict => ({ status: 'failed', algorithm: name, detail });
  if (info.oid !== t.oid || info.keyId !== t.keyId) return failed('DG14 does not offer the chip authentication recorded (protocol or key id differ).');
  const pk = key.publicKey;
  const group = (pk.kind === 'EC' ? ecGroup(pk.domain) : pk.kind === 'DH' ? dhGroup(pk.domain) : null) as AgreementGroup<unknown> | null;
  if (!group) return failed('DG14 holds a key of the wrong kind.');
  let chipKey: unknown;
  try {
    chipKey = group.decode(pk.kind === 'EC' ? pk.point : group.encode(pk.kind === 'DH' ? pk.y : 0n));
  } catch {
    return failed('The chip authentication key in DG14 is not valid on its domain.');
  }
  const secret = bytesToBigInt(t.terminalPrivateKey);
  if (secret <= 0n || !equalBytes(group.encode(group.multiply(group.generator, secret)), t.terminalPublicKey)) return failed("The recorded terminal key pair is not one: the record is not consistent.");
  const sm = new SecureMessaging(deriveSessionKeys(group.sharedSecret(group.multiply(chipKey, secret)), algorithm.cipher), zeroSsc(blockSize(algorithm.cipher)));
  if (!equalBytes(sm.wrap(PROBE), t.command)) return failed("The recorded command was not protected with the keys agreed with DG14's key.");
  try {
    if (!sm.unwrap(t.response).protected) return failed('The chip left secure messaging after chip authentication.');
  } catch (e) {
    if (e instanceof ChipError && e.kind === 'SecureMessagingFailure') return failed("The chip's recorded answer does not verify under the keys agreed with DG14's key.");
    throw e;
  }
  return { status: 'succeeded', algorithm: name, detail: "The chip's recorded answer verifies under the keys agreed with DG14's key." };
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
    if (!choice) return { check: check('not-supported', '', 'DG14 offers no chip authentication this station supports.'), channel: this.channel, transcript: null };
    const { info, key, algorithm } = choice;
    const name = `CA ${algorithm.agreement} ${algorithm.cipher}`;
    const pk = key.publicKey;
    const group = (pk.kind === 'EC' ? ecGroup(pk.domain) : pk.kind === 'DH' ? dhGroup(pk.domain) : null) as AgreementGroup<unknown> | null;
    if (!group) return { check: check('failed', name, 'DG14 holds a key of the wrong kind.'), channel: this.channel, transcript: null };
    let chipKey: unknown;
    try {
      chipKey = group.decode(pk.kind === 'EC' ? pk.point : group.encode(pk.kind === 'DH' ? pk.y : 0n));
    } catch {
      return { check: check('failed', name, 'The chip authentication key in DG14 is not valid on its domain.'), channel: this.channel, transcript: null };
    }
    const secret = group.randomPrivateKey(this.random);
    const ephemeral = group.encode(group.multiply(group.generator, secret));
    const keyRef = info.keyId !== null ? tlv(0x84, new Uint8Array(minimal(info.keyId))) : new Uint8Array();
    try {
      if (algorithm.cipher === 'TDES') {
        const r = await this.channel.send({ cla: 0x00, ins: 0x22, p1: 0x41, p2: 0xa6, data: concat(tlv(0x91, ephemeral), keyRef) });
        if (r.sw !== SW.OK) return { check: check('failed', name, `The chip refused MSE:Set KAT (${swText(r.sw)}).`), channel: this.channel, transcript: null };
      } else {
        const set = await this.channel.send({ cla: 0x00, ins: 0x22, p1: 0x41, p2: 0xa4, data: concat(tlv(0x80, encodeOid(info.oid)), keyRef) });
        if (set.sw !== SW.OK) return { check: check('failed', name, `The chip refused MSE:Set AT (${swText(set.sw)}).`), channel: this.channel, transcript: null };
        const ga = await this.channel.send({ cla: 0x00, ins: 0x86, p1: 0, p2: 0, data: tlv(0x7c, tlv(0x80, ephemeral)), ne: 256 });
        if (ga.sw !== SW.OK) return { check: check('failed', name, `The chip refused GENERAL AUTHENTICATE (${swText(ga.sw)}).`), channel: this.channel, transcript: null };
      }
    } catch (e) {
      if (e instanceof ChipError && e.kind === 'SecureMessagingFailure') return { check: check('failed', name, e.message), channel: null, transcript: null };
      throw e;
    }
    const keys = deriveSessionKeys(group.sharedSecret(group.multiply(chipKey, secret)), algorithm.cipher);
    // The probe's exchange is recorded as it crossed the transport, for the transcript.
    let exchanged: { command: Uint8Array; response: Uint8Array | null } | null = null;
    const recording: ApduTransport = {
      transmit: async (command) => {
        exchanged = { command: new Uint8Array(command), response: null };
        const response = await this.transport.transmit(command);
        exchanged.response = new Uint8Array(response);
        return response;
      },
    };
    const next = new SecureChannel(recording, new SecureMessaging(keys, zeroSsc(blockSize(algorithm.cipher))));
    const transcript = (): ChipAuthenticationTranscript | null => {
      const e = exchanged as { command: Uint8Array; response: Uint8Array | null } | null;
      return e?.response ? { oid: info.oid, keyId: info.keyId, terminalPrivateKey: bigIntToBytes(secret, byteLength(group.order)), terminalPublicKey: ephemeral, command: e.command, response: e.response } : null;
    };
    // The first answer under the new keys: only the holder of the static key can protect it.
    try {
      const probe = await next.send(PROBE);
      if (!probe.protected) return { check: check('failed', name, 'The chip left secure messaging after chip authentication.'), channel: null, transcript: transcript() };
    } catch (e) {
      if (e instanceof ChipError && e.kind === 'SecureMessagingFailure') return { check: check('failed', name, 'The chip could not answer under the keys agreed with DG14\'s key.'), channel: null, transcript: transcript() };
      throw e;
    }
    return { check: check('succeeded', name, 'The chip proved it holds the private key of DG14.'), channel: next, transcript: transcript() };
  }
}

function minimal(n: number): number[] {
  const out: number[] = [];
  for (let v = n; v > 0 || out.length === 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return out;
}
