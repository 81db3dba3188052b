// A channel to the chip at the level of command and response APDUs: plain, or protected by secure
// messaging. Protocols and the file reader talk through it and never see the wrapping.
import type { ApduTransport } from '../apdu/apdu-transport';
import { encodeCommandApdu, type CommandApdu } from '../apdu/command-apdu';
import { parseResponseApdu } from '../apdu/response-apdu';
import type { ProtectedResponse, SecureMessaging } from './secure-messaging';

export interface ChipChannel {
  send(command: CommandApdu): Promise<ProtectedResponse>;
  /** The secure-messaging session in use, if any. */
  readonly secureMessaging: SecureMessaging | null;
}

export class PlainChannel implements ChipChannel {
  readonly secureMessaging = null;
  constructor(private readonly transport: ApduTransport) {}

  async send(command: CommandApdu): Promise<ProtectedResponse> {
    const response = parseResponseApdu(await this.transport.transmit(encodeCommandApdu(command)));
    return { ...response, protected: false };
  }
}

export class SecureChannel implements ChipChannel {
  constructor(
    private readonly transport: ApduTransport,
    readonly secureMessaging: SecureMessaging,
  ) {}

  async send(command: CommandApdu): Promise<ProtectedResponse> {
    const wrapped = this.secureMessaging.wrap(command);
    let answer: Uint8Array;
    try {
      answer = await this.transport.transmit(wrapped);
    } catch (e) {
      // The chip may or may not have seen the command: its counter and ours may differ now.
      this.secureMessaging.invalidate();
      throw e;
    }
    return this.secureMessaging.unwrap(answer);
  }
}
