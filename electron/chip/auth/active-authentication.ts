// Active authentication (ICAO 9303-11 §6.1): the chip signs an 8-byte challenge with the private
// key matching DG15 — RSA with ISO/IEC 9796-2 scheme 1, or ECDSA with the hash named by DG14's
// ActiveAuthenticationInfo (§9.2.9). One public run(); the result says whether the chip proved it
// holds the key. Whether that proves the document genuine depends on DG15 being authenticated by
// passive authentication: the result names its key source for the caller's rule.
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
}

export interface ActiveAuthenticationOptions {
  /** DG14's SecurityInfos (for the ECDSA signature algorithm). */
  readonly securityInfos?: readonly SecurityInfo[];
  /** The chip takes extended length (needed for signatures longer than about 200 bytes under SM). */
  readonly extendedLength?: boolean;
  readonly random?: RandomSource;
}

export class ActiveAuthenticationProtocol {
  constructor(
    private readonly channel: ChipChannel,
    private readonly key: PublicKeyInfo,
    private readonly options: ActiveAuthenticationOptions = {},
  ) {}

  async run(): Promise<ActiveAuthenticationResult> {
    const challenge = (this.options.random ?? systemRandom)(8);
    const result = (status: CloneCheck['status'], algorithm: string, detail: string): ActiveAuthenticationResult =>
      Object.freeze({ method: 'active-authentication', status, keySource: 'DG15', algorithm, detail, challenge });
    const ecScheme = this.key.kind === 'EC' ? this.ecdsaScheme() : null;
    if (this.key.kind === 'EC' && !ecScheme) return result('failed', 'ECDSA', 'DG14 names no signature algorithm for active authentication with an EC key.');
    if (this.key.kind === 'DH') return result('failed', 'DH', 'DG15 holds a key that cannot sign.');
    const long = this.key.kind === 'RSA' && this.key.bits > 1600;
    const r = await this.channel.send({ cla: 0x00, ins: 0x88, p1: 0, p2: 0, data: challenge, ne: long && this.options.extendedLength ? 65536 : 256 });
    if (r.sw === SW.INS_NOT_SUPPORTED || r.sw === SW.FUNCTION_NOT_SUPPORTED) return result('not-supported', this.algorithmName(ecScheme), `The chip does not answer INTERNAL AUTHENTICATE (${swText(r.sw)}).`);
    if (r.sw !== SW.OK) return result('failed', this.algorithmName(ecScheme), `The chip refused INTERNAL AUTHENTICATE (${swText(r.sw)}).`);
    if (this.key.kind === 'RSA') {
      const v = verifyIso9796Scheme1(this.key, r.data, challenge);
      return result(v.valid ? 'succeeded' : 'failed', `RSA ${this.key.bits} ISO/IEC 9796-2${v.hash ? ` with ${v.hash.toUpperCase()}` : ''}`, v.valid ? 'The chip signed the challenge with the key of DG15.' : `The chip's signature does not verify: ${v.detail}.`);
    }
    const scheme = ecScheme!;
    // Plain r ‖ s (TR-03111) is what chips send; a DER signature is accepted as well.
    const encoding = r.data[0] === 0x30 && r.data.length % 2 === 0 && r.data[1] === r.data.length - 2 ? 'der' : 'plain';
    const ok = verifySignature(this.key, { ...scheme, encoding } as SignatureScheme, challenge, r.data);
    return result(ok ? 'succeeded' : 'failed', schemeName(scheme), ok ? 'The chip signed the challenge with the key of DG15.' : "The chip's signature does not verify with the key of DG15.");
  }

  private ecdsaScheme(): SignatureScheme | null {
    const info = this.options.securityInfos?.find((i): i is Extract<SecurityInfo, { type: 'ActiveAuthenticationInfo' }> => i.type === 'ActiveAuthenticationInfo');
    if (!info) return null;
    try {
      const scheme = signatureScheme({ oid: info.signatureAlgorithm, parameters: null });
      return scheme.kind === 'ecdsa' ? scheme : null;
    } catch {
      const hash: HashName | null = hashByOid(info.signatureAlgorithm);
      return hash ? { kind: 'ecdsa', hash, encoding: 'plain' } : null;
    }
  }

  private algorithmName(scheme: SignatureScheme | null): string {
    return this.key.kind === 'RSA' ? `RSA ${this.key.bits} ISO/IEC 9796-2` : scheme ? schemeName(scheme) : 'ECDSA';
  }
}

