// BacProtocol replays ICAO 9303-11 Appendix D.3 exactly: GET CHALLENGE, MUTUAL AUTHENTICATE with
// the example's RND.IFD and K.IFD, session keys and SSC as given in example; refusals are typed.
import { describe, expect, it } from 'vitest';
import { BacProtocol } from '../../../electron/chip/access/bac-protocol';
import { hex } from '../../../electron/chip/bytes';
import { ChipError } from '../../../electron/chip/chip-error';
import { PlainChannel } from '../../../electron/chip/sm/chip-channel';
import { fixedRandom, ScriptedTransport } from '../../helpers/chip/scripted-transport';

const KEY = { kind: 'MRZ', documentNumber: 'L898902C<', dateOfBirth: '690806', dateOfExpiry: '940623' } as const;
const RANDOM = fixedRandom('781723860C06C226', '0B795240CB7049B01C19B33E32804F0B');

describe('BacProtocol on ICAO 9303-11 Appendix D.3', () => {
  it('sends E_IFD ‖ M_IFD and derives KSenc, KSmac and the SSC of the example', async () => {
    const transport = new ScriptedTransport([
      ['0084000008', '4608F919887022129000'],
      [
        '008200002872C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A728',
        '46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D74499000',
      ],
    ]);
    const result = await new BacProtocol(new PlainChannel(transport), KEY, RANDOM).run();
    expect(transport.done).toBe(true);
    expect(result.protocol).toBe('BAC');
    expect(hex(result.keys.encKey)).toBe('979EC13B1CBFE9DCD01AB0FED307EAE5');
    expect(hex(result.keys.macKey)).toBe('F1CB1F1FB5ADF208806B89DC579DC1F8');
    expect(hex(result.ssc)).toBe('887022120C06C226');
    expect(Object.isFrozen(result)).toBe(true);
  });

  it('reports a refused MRZ as AccessDenied', async () => {
    const transport = new ScriptedTransport([
      ['0084000008', '4608F919887022129000'],
      ['008200002872C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A728', '6300'],
    ]);
    const error = await new BacProtocol(new PlainChannel(transport), KEY, fixedRandom('781723860C06C226', '0B795240CB7049B01C19B33E32804F0B')).run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChipError);
    expect((error as ChipError).kind).toBe('AccessDenied');
  });

  it('refuses an answer with a wrong MAC or a changed challenge', async () => {
    const altered = '46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D74489000';
    const transport = new ScriptedTransport([
      ['0084000008', '4608F919887022129000'],
      ['008200002872C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A728', altered],
    ]);
    const error = await new BacProtocol(new PlainChannel(transport), KEY, fixedRandom('781723860C06C226', '0B795240CB7049B01C19B33E32804F0B')).run().catch((e: unknown) => e);
    expect((error as ChipError).kind).toBe('SecureMessagingFailure');
  });

  it('says the protocol is unsupported when the chip knows no GET CHALLENGE', async () => {
    const transport = new ScriptedTransport([['0084000008', '6D00']]);
    const error = await new BacProtocol(new PlainChannel(transport), KEY, RANDOM).run().catch((e: unknown) => e);
    expect((error as ChipError).kind).toBe('UnsupportedProtocol');
  });
});
