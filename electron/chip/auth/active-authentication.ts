// Active authentication (ICAO 9303-11 §6.1): the chip signs an 8-byte challenge with the private
// key matching DG15 — RSA with ISO/IEC 9796-2 scheme 1, or ECDSA with the hash named by DG14's
// ActiveAuthenticationInfo (§9.2.9). One public run(); the result says whether the chip proved it
// holds the key, and keeps the challenge and the chip's answer: a signature anyone can check again
// from DG15 alone (verifyActiveAuthenticationAnswer), as an expert does from a recorded reading.
// Whether that proves the document genuine depends on DG15 being authenticated by passive
// authentication: the result names its key source for the caller's rule.
import type { CloneCheck } from '../../contract/chip.contract';
import { SW, swText } from '../apdu/status-words';
import { systemRandom, type RandomSource } from '../crypto/random-source';
import type { PublicKeyInfo } from '../pki/subject-public-key-info';
import { hashByOid, schemeName, signatureScheme, type HashName, type SignatureScheme } from '../pki/signature-algorithm';
import { verifySignature } from '../pki/signature-verifier';
import type { SecurityInfo } from '../lds/security-infos.codec';
import type { ChipChannel } from '../sm/chip-channel';
import { verifyIso9796Scheme1 } from './iso9796-2';

export interface ActiveAuthenticationResult extends CloneCheck {
  readonly challenge: Uint8Array;
  /** The chip's answer to INTERNAL AUTHENTICATE (its signature), or null when it gave none. */
  readonly answer: Uint8Array | null;
}

export interface ActiveAuthenticationOptions {
  /** DG14's SecurityInfos (for the ECDSA signature algorithm). */
  readonly securityInfos?: readonly SecurityInfo[];
  /** The chip takes extended length (needed for signatures longer than about 200 bytes under SM). */
  readonly extendedLength?: boolean;
  readonly random?: RandomSource;
}

export interface ActiveAuthenticationVerdict {
  readonly status: 'succeeded' | 'failed';
  readonly algorithm: string;
  readonly detail: string;
}

function ecdsaScheme(securityInfos: readonly SecurityInfo[]): SignatureScheme | null {
  const info = securityInfos.find((i): i is Extract<SecurityInfo, { type: 'ActiveAuthenticationInfo' }> => i.type === 'ActiveAuthenticationInfo');
  if (!info) return null;
  try {
    const scheme = signatureScheme({ oid: info.signatureAlgorithm, parameters: null });
    return scheme.kind === 'ecdsa' ? scheme : null;
  } catch {
    const hash: HashName | null = hashByOid(info.signatureAlgorithm);
    return hash ? { kind: 'ecdsa', hash, encoding: 'plain' } : null;
  }
}

function algorithmName(key: PublicKeyInfo, scheme: SignatureScheme | null): string {
  return key.kind === 'RSA' ? `RSA ${key.bits} ISO/IEC 9796-2` : key.kind === 'DH' ? 'DH' : scheme ? schemeName(scheme) : 'ECDSA';
}

/** Why active authentication cannot be asked of this key at all, or null when it can. */
function unusableKey(key: PublicKeyInfo, scheme: SignatureScheme | null): ActiveAuthenticationVerdict | null {
  if (key.kind === 'EC' && !scheme) return { status: 'failed', algorithm: 'ECDSA', detail: 'DG14 names no signature algorithm for active authentication with an EC key.' };
  if (key.kind === 'DH') return { status: 'failed', algorithm: 'DH', detail: 'DG15 holds a key that cannot sign.' };
  return null;
}

/** Checks the chip's answer to a challenge with the key of DG15 (and DG14's algorithm for ECDSA). */
export function verifyActiveAuthenticationAnswer(key: PublicKeyInfo, securityInfos: readonly SecurityInfo[], challenge: Uint8Array, answer: Uint8Array): ActiveAuthenticationVerdict {
  const scheme = key.kind === 'EC' ? ecdsaScheme(securityInfos) : null;
  const unusable = unusableKey(key, scheme);
  if (unusable) return unusable;
  if (key.kind === 'RSA') {
    const v = verifyIso9796Scheme1(key, answer, challenge);
    return {
      status: v.valid ? 'succeeded' : 'failed',
      algorithm: `RSA ${key.bits} ISO/IEC 9796-2${v.hash ? ` with ${v.hash.toUpperCase()}` : ''}`,
      detail: v.valid ? 'The chip signed the challenge with the key of DG15.' : `The chip's signature does not verify: ${v.detail}.`,
    };
  }
  // Plain r ‖ s (TR-03111) is what chips send; a DER signature is accepted as well.
  const encoding = answer[0] === 0x30 && answer.length % 2 === 0 && answer[1] === answer.length - 2 ? 'der' : 'plain';
  let ok: boolean;
  try {
    ok = verifySignature(key, { ...scheme!, encoding } as SignatureScheme, challenge, answer);
  } catch {
    ok = false;
  }
  return { status: ok ? 'succeeded' : 'failed', algorithm: schemeName(scheme!), detail: ok ? 'The chip signed the challenge with the key of DG15.' : "The chip's signature does not verify with the key of DG15." };
}

export class ActiveAuthenticationProtocol {
  constructor(
    private readonly channel: ChipChannel,
    private readonly key: PublicKeyInfo,
    private readonly options: ActiveAuthenticationOptions = {},
  ) {}

  async run(): Promise<ActiveAuthenticationResult> {
    const challenge = (this.options.random ?? systemRandom)(8);
    const infos = this.options.securityInfos ?? [];
    const result = (status: CloneCheck['status'], algorithm: string, detail: string, answer: Uint8Array | null = null): ActiveAuthenticationResult =>
      Object.freeze({ method: 'active-authentication', status, keySource: 'DG15', algorithm, detail, challenge, answer });
    const scheme = this.key.kind === 'EC' ? ecdsaScheme(infos) : null;
    const unusable = unusableKey(this.key, scheme);
    if (unusable) return result(unusable.status, unusable.algorithm, unusable.detail);
    const long = this.key.kind === 'RSA' && this.key.bits > 1600;
    const r = await this.channel.send({ cla: 0x00, ins: 0x88, p1: 0, p2: 0, data: challenge, ne: long && this.options.extendedLength ? 65536 : 256 });
    if (r.sw === SW.INS_NOT_SUPPORTED || r.sw === SW.FUNCTION_NOT_SUPPORTED) return result('not-supported', algorithmName(this.key, scheme), `The chip does not answer INTERNAL AUTHENTICATE (${swText(r.sw)}).`);
    if (r.sw !== SW.OK) return result('failed', algorithmName(this.key, scheme), `The chip refused INTERNAL AUTHENTICATE (${swText(r.sw)}).`);
    const verdict = verifyActiveAuthenticationAnswer(this.key, infos, challenge, r.data);
    return result(verdict.status, verdict.algorithm, verdict.detail, new Uint8Array(r.data));
  }
}
