// The software chip's side of secure messaging (ICAO 9303-11 §9.8): checks and decrypts protected
// commands, protects responses. It shares only the cipher suite (pinned by Appendix D.4) with the
// reader; parsing and building of the data objects are its own.
import { concat, equalSecret } from '../bytes';
import { pad } from '../crypto/iso9797-padding';
import type { SessionKeys } from '../crypto/key-derivation';
import { incrementSsc } from '../crypto/send-sequence-counter';
import { smCipherSuite, type SmCipherSuite } from '../crypto/sm-cipher-suite';
import { decodeTlvSeries } from '../tlv/ber-tlv-reader';
import { tlv } from '../tlv/ber-tlv-writer';
import type { CardCommand } from './card-command';

export class CardSecureMessaging {
  private readonly suite: SmCipherSuite;
  private ssc: Uint8Array;

  constructor(keys: SessionKeys, ssc: Uint8Array) {
    this.suite = smCipherSuite(keys);
    this.ssc = new Uint8Array(ssc);
  }

  /** The plain command inside a protected one, or null when its structure or MAC is wrong. */
  unwrapCommand(command: CardCommand): CardCommand | null {
    if ((command.cla & 0x0c) !== 0x0c) return null;
    this.ssc = incrementSsc(this.ssc);
    let objects;
    try {
      objects = decodeTlvSeries(command.data);
    } catch {
      return null;
    }
    const mac = objects[objects.length - 1];
    if (!mac || mac.tag !== 0x8e) return null;
    const covered = objects.slice(0, -1);
    const header = pad(new Uint8Array([command.cla, command.ins, command.p1, command.p2]), this.suite.blockSize);
    const expected = this.suite.mac(this.ssc, concat(header, ...covered.map((o) => o.encoded)));
    if (!equalSecret(expected, mac.value)) return null;
    let data: Uint8Array = new Uint8Array();
    let ne = 0;
    for (const o of covered) {
      if (o.tag === 0x87 || o.tag === 0x85) {
        const cryptogram = o.tag === 0x87 ? o.value.subarray(1) : o.value;
        if (o.tag === 0x87 && o.value[0] !== 0x01) return null;
        if (cryptogram.length === 0 || cryptogram.length % this.suite.blockSize !== 0) return null;
        const plain = this.suite.decrypt(this.ssc, cryptogram);
        const end = plain.lastIndexOf(0x80);
        if (end < 0 || plain.subarray(end + 1).some((b) => b !== 0)) return null;
        data = plain.subarray(0, end);
      } else if (o.tag === 0x97) {
        if (o.value.length === 1) ne = o.value[0] === 0 ? 256 : o.value[0]!;
        else if (o.value.length === 2) ne = ((o.value[0]! << 8) | o.value[1]!) || 65536;
        else return null;
      } else {
        return null;
      }
    }
    return { cla: command.cla & ~0x0c, ins: command.ins, p1: command.p1, p2: command.p2, data, ne, extended: command.extended };
  }

  /** The protected response: [DO'87'/'85'] DO'99' DO'8E' and the status word. */
  wrapResponse(data: Uint8Array, sw: number, oddIns: boolean): Uint8Array {
    this.ssc = incrementSsc(this.ssc);
    const status = new Uint8Array([sw >> 8, sw & 0xff]);
    let dataObject: Uint8Array = new Uint8Array();
    if (data.length > 0) {
      const cryptogram = this.suite.encrypt(this.ssc, pad(data, this.suite.blockSize));
      dataObject = oddIns ? tlv(0x85, cryptogram) : tlv(0x87, concat(new Uint8Array([0x01]), cryptogram));
    }
    const statusObject = tlv(0x99, status);
    const mac = this.suite.mac(this.ssc, concat(dataObject, statusObject));
    return concat(dataObject, statusObject, tlv(0x8e, mac), status);
  }
}
