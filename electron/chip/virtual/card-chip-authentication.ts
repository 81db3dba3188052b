// The software chip's side of Chip Authentication (ICAO 9303-11 §6.2): MSE:Set KAT for 3DES, or
// MSE:Set AT then GENERAL AUTHENTICATE for AES, with the terminal's ephemeral key; the chip agrees
// a secret with its static key from DG14 and, once it has answered under the old keys, protects
// everything with session keys derived from that secret, SSC at zero.
import { equalBytes } from '../bytes';
import { dhGroup, ecGroup, type AgreementGroup } from '../crypto/agreement-group';
import { deriveSessionKeys } from '../crypto/key-derivation';
import type { SymmetricCipher } from '../crypto/symmetric-cipher';
import { OID } from '../pki/object-identifiers';
import { decodeTlv, decodeTlvSeries, tlvChildren } from '../tlv/ber-tlv-reader';
import { encodeOid } from '../tlv/object-identifier';
import type { CardSession } from './card-bac';
import type { CardAnswer } from './card-file-system';
import type { VirtualChipAuthentication } from './virtual-chip-config';

const CIPHERS: Record<string, SymmetricCipher> = { '1': 'TDES', '2': 'AES-128', '3': 'AES-192', '4': 'AES-256' };

const none = (sw: number) => ({ answer: { data: new Uint8Array(), sw }, next: null });

export class CardChipAuthentication {
  private pendingAes = false;

  constructor(private readonly config: VirtualChipAuthentication) {}

  private get cipher(): SymmetricCipher | undefined {
    return CIPHERS[this.config.oid.slice(OID.idCA.length + 1).split('.')[1] ?? ''];
  }

  private group(): AgreementGroup<unknown> {
    const k = this.config.key;
    return (k.kind === 'EC' ? ecGroup(k.domain) : dhGroup(k.domain)) as AgreementGroup<unknown>;
  }

  private keyIdMatches(value: Uint8Array | undefined): boolean {
    if (!value) return true;
    return this.config.keyId !== null && value.reduce((v, b) => v * 256 + b, 0) === this.config.keyId;
  }

  private agree(terminalKey: Uint8Array, cipher: SymmetricCipher): CardSession {
    const g = this.group();
    const secret = g.sharedSecret(g.multiply(g.decode(terminalKey), this.config.key.privateKey));
    return { keys: deriveSessionKeys(secret, cipher), ssc: new Uint8Array(cipher === 'TDES' ? 8 : 16) };
  }

  /** MSE:Set KAT (P1-P2 = 41 A6): 3DES chip authentication in one command. */
  setKeyAgreementTemplate(data: Uint8Array): { answer: CardAnswer; next: CardSession | null } {
    if (this.cipher !== 'TDES') return none(0x6a80);
    try {
      const objects = new Map(decodeTlvSeries(data).map((o) => [o.tag, o.value]));
      const key = objects.get(0x91);
      if (!key || !this.keyIdMatches(objects.get(0x84))) return none(0x6a80);
      return { answer: { data: new Uint8Array(), sw: 0x9000 }, next: this.agree(key, 'TDES') };
    } catch {
      return none(0x6a80);
    }
  }

  /** MSE:Set AT (P1-P2 = 41 A4): chooses AES chip authentication. */
  setAuthenticationTemplate(data: Uint8Array): CardAnswer {
    this.pendingAes = false;
    try {
      const objects = new Map(decodeTlvSeries(data).map((o) => [o.tag, o.value]));
      const oid = objects.get(0x80);
      if (!oid || !equalBytes(oid, encodeOid(this.config.oid)) || !this.keyIdMatches(objects.get(0x84)) || this.cipher === 'TDES') {
        return { data: new Uint8Array(), sw: 0x6a80 };
      }
      this.pendingAes = true;
      return { data: new Uint8Array(), sw: 0x9000 };
    } catch {
      return { data: new Uint8Array(), sw: 0x6a80 };
    }
  }

  /** GENERAL AUTHENTICATE with '7C' { '80' ephemeral key }: answers '7C 00' (9303-11 §6.2.4.2). */
  generalAuthenticate(data: Uint8Array): { answer: CardAnswer; next: CardSession | null } {
    if (!this.pendingAes) return none(0x6985);
    this.pendingAes = false;
    try {
      const outer = decodeTlv(data);
      const key = outer.tag === 0x7c ? tlvChildren(outer).find((o) => o.tag === 0x80)?.value : undefined;
      if (!key) return none(0x6a80);
      return { answer: { data: new Uint8Array([0x7c, 0x00]), sw: 0x9000 }, next: this.agree(key, this.cipher!) };
    } catch {
      return none(0x6a80);
    }
  }

  get expectingGeneralAuthenticate(): boolean {
    return this.pendingAes;
  }
}
