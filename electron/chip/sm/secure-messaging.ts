// Secure messaging on the reader's side (ICAO 9303-11 §9.8): protects command APDUs and checks and
// decrypts response APDUs, with the send sequence counter incremented once before each. A response
// whose MAC does not verify is refused with SecureMessagingFailure; after any failure the session
// is over (its counter can no longer be trusted to match the chip's) and access must be
// established again.
import { concat, equalSecret } from '../bytes';
import { ChipError } from '../chip-error';
import { encodeCommandApdu, isExtended, type CommandApdu } from '../apdu/command-apdu';
import { parseResponseApdu, type ResponseApdu } from '../apdu/response-apdu';
import { SW } from '../apdu/status-words';
import { pad, unpad } from '../crypto/iso9797-padding';
import { incrementSsc } from '../crypto/send-sequence-counter';
import { smCipherSuite, type SmCipherSuite } from '../crypto/sm-cipher-suite';
import type { SessionKeys } from '../crypto/key-derivation';
import { decodeTlvSeries, type Tlv } from '../tlv/ber-tlv-reader';
import { tlv } from '../tlv/ber-tlv-writer';
import { TlvError } from '../tlv/tlv-error';
import { PADDING_INDICATOR, SM_CLA_BITS, SM_TAG } from './sm-tags';

export interface ProtectedResponse extends ResponseApdu {
  /** False when the chip answered with a bare status word, outside secure messaging. */
  readonly protected: boolean;
}

function smFailure(message: string, cause?: unknown): ChipError {
  return new ChipError('SecureMessagingFailure', message, undefined, cause ? { cause } : undefined);
}

/** DO'97' content: Ne on one byte ('00' = 256) or two ('0000' = 65536). */
function encodeLe(ne: number): Uint8Array {
  if (ne <= 256) return new Uint8Array([ne & 0xff]);
  return new Uint8Array([(ne >> 8) & 0xff, ne & 0xff]);
}

export class SecureMessaging {
  private readonly suite: SmCipherSuite;
  private ssc: Uint8Array;
  private broken = false;

  constructor(keys: SessionKeys, initialSsc: Uint8Array) {
    this.suite = smCipherSuite(keys);
    if (initialSsc.length !== this.suite.blockSize) throw new RangeError('SSC length does not match the cipher');
    this.ssc = new Uint8Array(initialSsc);
  }

  get cipher(): SessionKeys['cipher'] {
    return this.suite.cipher;
  }

  /** The current counter (a copy), for tests and diagnostics. */
  get sendSequenceCounter(): Uint8Array {
    return new Uint8Array(this.ssc);
  }

  get usable(): boolean {
    return !this.broken;
  }

  /** Marks the session unusable (the transport failed mid-exchange, or the chip left it). */
  invalidate(): void {
    this.broken = true;
  }

  /** The protected command APDU (9303-11 §9.8.4, Figure 5). */
  wrap(command: CommandApdu): Uint8Array {
    if (this.broken) throw smFailure('The protected session with the chip has ended.');
    if ((command.cla & SM_CLA_BITS) === SM_CLA_BITS) throw new RangeError('command is already protected');
    const cla = command.cla | SM_CLA_BITS;
    const header = pad(new Uint8Array([cla, command.ins, command.p1, command.p2]), this.suite.blockSize);
    const odd = (command.ins & 1) === 1;
    this.ssc = incrementSsc(this.ssc);
    let dataObject: Uint8Array = new Uint8Array(0);
    if (command.data && command.data.length > 0) {
      const cryptogram = this.suite.encrypt(this.ssc, pad(command.data, this.suite.blockSize));
      dataObject = odd
        ? tlv(SM_TAG.CRYPTOGRAM_ODD, cryptogram)
        : tlv(SM_TAG.CRYPTOGRAM, new Uint8Array([PADDING_INDICATOR]), cryptogram);
    }
    const leObject = command.ne ? tlv(SM_TAG.LE, encodeLe(command.ne)) : new Uint8Array(0);
    const mac = this.suite.mac(this.ssc, concat(header, dataObject, leObject));
    const body = concat(dataObject, leObject, tlv(SM_TAG.MAC, mac));
    const extended = isExtended(command) || body.length > 255;
    // Le' is '00' (or '0000'): the protected response's length is not known in advance.
    return encodeCommandApdu({ cla, ins: command.ins, p1: command.p1, p2: command.p2, data: body, ne: extended ? 65536 : 256, extended });
  }

  /** Checks and decrypts a protected response APDU (9303-11 §9.8.5, Figure 6). */
  unwrap(responseBytes: Uint8Array): ProtectedResponse {
    if (this.broken) throw smFailure('The protected session with the chip has ended.');
    const response = parseResponseApdu(responseBytes);
    this.ssc = incrementSsc(this.ssc);
    if (response.data.length === 0) {
      this.broken = true;
      if (response.sw === SW.SM_DATA_OBJECTS_MISSING || response.sw === SW.SM_DATA_OBJECTS_INCORRECT) {
        throw smFailure('The chip refused the protected command (secure messaging data objects wrong or missing).');
      }
      if (response.sw === SW.OK) throw smFailure('The chip answered without its integrity check.');
      // §9.8.6.2: a chip answers outside secure messaging only when it has left the session.
      return { data: response.data, sw: response.sw, protected: false };
    }
    let objects: Tlv[];
    try {
      objects = decodeTlvSeries(response.data);
    } catch (e) {
      this.broken = true;
      throw smFailure('The chip sent a protected answer that is not well formed.', e instanceof TlvError ? e : undefined);
    }
    const macObject = objects[objects.length - 1];
    if (!macObject || macObject.tag !== SM_TAG.MAC || macObject.value.length !== 8) {
      this.broken = true;
      throw smFailure('The chip sent a protected answer without its integrity check.');
    }
    const covered = objects.slice(0, -1);
    const expected = this.suite.mac(this.ssc, concat(...covered.map((o) => o.encoded)));
    if (!equalSecret(expected, macObject.value)) {
      this.broken = true;
      throw smFailure("The chip's answer failed its integrity check (secure messaging MAC).");
    }
    let data: Uint8Array = new Uint8Array(0);
    let sw = response.sw;
    for (const o of covered) {
      switch (o.tag) {
        case SM_TAG.CRYPTOGRAM: {
          if (o.value[0] !== PADDING_INDICATOR || (o.value.length - 1) % this.suite.blockSize !== 0) {
            this.broken = true;
            throw smFailure('The chip sent an encrypted answer of the wrong shape.');
          }
          data = unpad(this.suite.decrypt(this.ssc, o.value.subarray(1)), this.suite.blockSize);
          break;
        }
        case SM_TAG.CRYPTOGRAM_ODD: {
          if (o.value.length % this.suite.blockSize !== 0) {
            this.broken = true;
            throw smFailure('The chip sent an encrypted answer of the wrong shape.');
          }
          data = unpad(this.suite.decrypt(this.ssc, o.value), this.suite.blockSize);
          break;
        }
        case SM_TAG.STATUS:
          if (o.value.length !== 2) {
            this.broken = true;
            throw smFailure('The chip sent a protected status of the wrong length.');
          }
          sw = (o.value[0]! << 8) | o.value[1]!;
          break;
        default:
          this.broken = true;
          throw smFailure(`The chip sent an unexpected data object in a protected answer.`);
      }
    }
    return { data, sw, protected: true };
  }
}
