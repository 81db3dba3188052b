// The software chip's side of PACE (ICAO 9303-11 §4.4, BSI TR-03110-3 §B.1): MSE:Set AT, then the
// four GENERAL AUTHENTICATE steps — encrypted nonce, generic mapping, key agreement, tokens — and
// for PACE-CAM its chip authentication data CA_IC = SK_Map,IC · SK_IC⁻¹ mod n, encrypted under
// KSenc with IV = E(KSenc, −1) (§4.4.3.5.1).
import { bytesToBigInt, concat, equalSecret, bigIntToBytes } from '../bytes';
import { pacePasswordSecret, type AccessKey } from '../crypto/access-key';
import { dhGroup, ecGroup, type AgreementGroup } from '../crypto/agreement-group';
import { aesCbcEncrypt, aesEcbEncrypt, tdesCbcEncrypt } from '../crypto/block-cipher';
import { pad } from '../crypto/iso9797-padding';
import { deriveKey, deriveSessionKeys, KDF_COUNTER, type SessionKeys } from '../crypto/key-derivation';
import { modInverse } from '../crypto/modular-arithmetic';
import { randomScalar, type RandomSource } from '../crypto/random-source';
import { standardDomain } from '../crypto/standardized-domain-parameters';
import { authenticationToken } from '../access/authentication-token';
import { paceAlgorithm, type PaceAlgorithm } from '../access/pace-algorithm';
import { decodeTlv, decodeTlvSeries, tlvChildren } from '../tlv/ber-tlv-reader';
import { tlv } from '../tlv/ber-tlv-writer';
import { decodeOid } from '../tlv/object-identifier';
import type { CardSession } from './card-bac';
import type { CardCommand } from './card-command';
import type { CardAnswer } from './card-file-system';
import type { VirtualChipConfig, VirtualPaceOffer } from './virtual-chip-config';

interface PaceRun {
  readonly offer: VirtualPaceOffer;
  readonly algorithm: PaceAlgorithm;
  readonly group: AgreementGroup<unknown>;
  readonly password: Uint8Array;
  readonly passwordKind: 'MRZ' | 'CAN';
  step: number;
  nonce?: Uint8Array;
  mapSecret?: bigint;
  mapped?: AgreementGroup<unknown>;
  terminalKey?: Uint8Array;
  chipKey?: Uint8Array;
  keys?: SessionKeys;
}

const fail = (sw: number): { answer: CardAnswer; session: null } => ({ answer: { data: new Uint8Array(), sw }, session: null });

export class CardPace {
  private run: PaceRun | null = null;
  /** 63Cx counts down for the CAN (TR-03110-3 §B.1 retry counter); the MRZ has none. */
  private canTries = 3;

  constructor(
    private readonly config: VirtualChipConfig,
    private readonly random: RandomSource,
  ) {}

  reset(): void {
    this.run = null;
  }

  setAuthenticationTemplate(data: Uint8Array): CardAnswer {
    this.run = null;
    let objects;
    try {
      objects = new Map(decodeTlvSeries(data).map((o) => [o.tag, o.value]));
    } catch {
      return { data: new Uint8Array(), sw: 0x6a80 };
    }
    const oidBytes = objects.get(0x80);
    const ref = objects.get(0x83);
    const paramId = objects.get(0x84);
    const oid = oidBytes ? decodeOid(oidBytes) : '';
    const offer = this.config.pace.find((o) => o.oid === oid && (!paramId || paramId[0] === o.parameterId));
    const algorithm = paceAlgorithm(oid);
    if (!offer || !algorithm || !ref || ref.length !== 1) return { data: new Uint8Array(), sw: 0x6a80 };
    let key: AccessKey;
    if (ref[0] === 1) key = this.config.mrz;
    else if (ref[0] === 2 && this.config.can) {
      if (this.canTries === 0) return { data: new Uint8Array(), sw: 0x6983 };
      key = { kind: 'CAN', can: this.config.can };
    } else return { data: new Uint8Array(), sw: 0x6a88 };
    const domain = standardDomain(offer.parameterId);
    if (!domain) return { data: new Uint8Array(), sw: 0x6a80 };
    const group = (domain.kind === 'EC' ? ecGroup(domain.curve) : dhGroup(domain.group)) as AgreementGroup<unknown>;
    this.run = { offer, algorithm, group, password: pacePasswordSecret(key), passwordKind: key.kind, step: 0 };
    return { data: new Uint8Array(), sw: ref[0] === 2 && this.canTries < 3 ? 0x63c0 | this.canTries : 0x9000 };
  }

  generalAuthenticate(cmd: CardCommand): { answer: CardAnswer; session: CardSession | null } {
    const run = this.run;
    if (!run) return fail(0x6985);
    let inner: Map<number, Uint8Array>;
    try {
      const outer = decodeTlv(cmd.data);
      if (outer.tag !== 0x7c) return fail(0x6a80);
      inner = new Map(tlvChildren(outer).map((o) => [o.tag, o.value]));
    } catch {
      return fail(0x6a80);
    }
    const chained = (cmd.cla & 0x10) !== 0;
    const reply = (objects: Uint8Array): CardAnswer => ({ data: tlv(0x7c, objects), sw: 0x9000 });
    try {
      switch (run.step) {
        case 0: {
          if (!chained || inner.size !== 0) return this.abort(0x6a80);
          const cipher = run.algorithm.cipher;
          run.nonce = this.random(16);
          const kPi = deriveKey(run.password, KDF_COUNTER.PACE, cipher);
          const z = cipher === 'TDES' ? tdesCbcEncrypt(kPi, run.nonce) : aesCbcEncrypt(kPi, run.nonce);
          run.step = 1;
          return { answer: reply(tlv(0x80, z)), session: null };
        }
        case 1: {
          const terminalMap = inner.get(0x81);
          if (!chained || !terminalMap) return this.abort(0x6a80);
          const g = run.group;
          run.mapSecret = this.config.paceKeys?.('mapping') ?? randomScalar(g.order, this.random);
          const chipMap = g.encode(g.multiply(g.generator, run.mapSecret));
          const shared = g.multiply(g.decode(terminalMap), run.mapSecret);
          run.mapped = g.withGenerator(g.combine(g.multiply(g.generator, bytesToBigInt(run.nonce!)), shared));
          run.step = 2;
          return { answer: reply(tlv(0x82, chipMap)), session: null };
        }
        case 2: {
          const terminalKey = inner.get(0x83);
          if (!chained || !terminalKey) return this.abort(0x6a80);
          const m = run.mapped!;
          const secret = this.config.paceKeys?.('agreement') ?? randomScalar(m.order, this.random);
          run.chipKey = m.encode(m.multiply(m.generator, secret));
          if (equalSecret(run.chipKey, terminalKey)) return this.abort(0x6a80);
          run.terminalKey = terminalKey;
          run.keys = deriveSessionKeys(m.sharedSecret(m.multiply(m.decode(terminalKey), secret)), run.algorithm.cipher);
          run.step = 3;
          return { answer: reply(tlv(0x84, run.chipKey)), session: null };
        }
        case 3: {
          const token = inner.get(0x85);
          if (chained || !token) return this.abort(0x6a80);
          const { oid, cipher } = run.algorithm;
          const keys = run.keys!;
          const expected = authenticationToken(cipher, keys.macKey, oid, run.group.kind, run.chipKey!);
          if (!equalSecret(expected, token)) {
            if (run.passwordKind === 'MRZ') return this.abort(0x6300);
            this.canTries = Math.max(0, this.canTries - 1);
            return this.abort(0x63c0 | this.canTries);
          }
          const objects = [tlv(0x86, authenticationToken(cipher, keys.macKey, oid, run.group.kind, run.terminalKey!))];
          if (run.algorithm.mapping === 'CAM' && run.offer.camPrivateKey !== undefined) objects.push(tlv(0x8a, this.camData(run, keys)));
          this.run = null;
          if (run.passwordKind === 'CAN') this.canTries = 3;
          return { answer: reply(concat(...objects)), session: { keys, ssc: new Uint8Array(cipher === 'TDES' ? 8 : 16) } };
        }
        default:
          return this.abort(0x6985);
      }
    } catch {
      return this.abort(0x6a80);
    }
  }

  private camData(run: PaceRun, keys: SessionKeys): Uint8Array {
    const n = run.group.order;
    const caIc = (run.mapSecret! * modInverse(run.offer.camPrivateKey!, n)) % n;
    const length = Math.ceil(n.toString(16).length / 2);
    const iv = aesEcbEncrypt(keys.encKey, new Uint8Array(16).fill(0xff));
    return aesCbcEncrypt(keys.encKey, pad(bigIntToBytes(caIc, length), 16), iv);
  }

  private abort(sw: number): { answer: CardAnswer; session: null } {
    this.run = null;
    return fail(sw);
  }
}
