// Secure messaging on ICAO 9303-11 Appendix D.4 (SELECT EF.COM, READ BINARY of 4 then 18 bytes:
// every protected APDU given in example), and its refusals: a bad MAC, a malformed answer, an
// answer outside the session. AES is checked against responses built independently here.
import { describe, expect, it } from 'vitest';
import { concat, fromHex, hex } from '../../../electron/chip/bytes';
import { ChipError } from '../../../electron/chip/chip-error';
import { aesCbcEncrypt, aesEcbEncrypt } from '../../../electron/chip/crypto/block-cipher';
import { aesCmac } from '../../../electron/chip/crypto/aes-cmac';
import { pad } from '../../../electron/chip/crypto/iso9797-padding';
import { SecureMessaging } from '../../../electron/chip/sm/secure-messaging';

const D3_KEYS = { cipher: 'TDES', encKey: fromHex('979EC13B1CBFE9DCD01AB0FED307EAE5'), macKey: fromHex('F1CB1F1FB5ADF208806B89DC579DC1F8') } as const;

function kindOf(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return e instanceof ChipError ? e.kind : 'other';
  }
}

describe('ICAO 9303-11 Appendix D.4 worked example', () => {
  it('protects and checks SELECT EF.COM and two READ BINARY, with the SSC advancing by two each', () => {
    const sm = new SecureMessaging(D3_KEYS, fromHex('887022120C06C226'));
    expect(hex(sm.wrap({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('011E') }))).toBe('0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800');
    const r1 = sm.unwrap(fromHex('990290008E08FA855A5D4C50A8ED9000'));
    expect(r1).toMatchObject({ sw: 0x9000, protected: true });
    expect(r1.data.length).toBe(0);
    expect(hex(sm.sendSequenceCounter)).toBe('887022120C06C228');

    expect(hex(sm.wrap({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 }))).toBe('0CB000000D9701048E08ED6705417E96BA5500');
    const r2 = sm.unwrap(fromHex('8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000'));
    expect(hex(r2.data)).toBe('60145F01');

    expect(hex(sm.wrap({ cla: 0, ins: 0xb0, p1: 0, p2: 4, ne: 0x12 }))).toBe('0CB000040D9701128E082EA28A70F3C7B53500');
    const r3 = sm.unwrap(fromHex('871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000'));
    expect(hex(r3.data)).toBe('04303130365F36063034303030305C026175');
    expect(hex(sm.sendSequenceCounter)).toBe('887022120C06C22C');
  });

  it('refuses an answer whose MAC does not verify, and the session ends', () => {
    const sm = new SecureMessaging(D3_KEYS, fromHex('887022120C06C226'));
    sm.wrap({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('011E') });
    expect(kindOf(() => sm.unwrap(fromHex('990290008E08FA855A5D4C50A8EE9000')))).toBe('SecureMessagingFailure');
    expect(sm.usable).toBe(false);
    expect(kindOf(() => sm.wrap({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 }))).toBe('SecureMessagingFailure');
  });

  it('refuses altered data and status under a valid-looking structure', () => {
    const sm = new SecureMessaging(D3_KEYS, fromHex('887022120C06C228'));
    sm.wrap({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 });
    // One bit of the cryptogram flipped.
    expect(kindOf(() => sm.unwrap(fromHex('8709019FF0EC34F9922650990290008E08AD55CC17140B2DED9000')))).toBe('SecureMessagingFailure');
  });

  it('treats bare status words as the end of the session', () => {
    const a = new SecureMessaging(D3_KEYS, fromHex('887022120C06C226'));
    a.wrap({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 });
    expect(kindOf(() => a.unwrap(fromHex('6988')))).toBe('SecureMessagingFailure');
    const b = new SecureMessaging(D3_KEYS, fromHex('887022120C06C226'));
    b.wrap({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 });
    expect(kindOf(() => b.unwrap(fromHex('9000')))).toBe('SecureMessagingFailure');
    const c = new SecureMessaging(D3_KEYS, fromHex('887022120C06C226'));
    c.wrap({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('0107') });
    expect(c.unwrap(fromHex('6A82'))).toMatchObject({ sw: 0x6a82, protected: false });
    expect(c.usable).toBe(false);
  });

  it('refuses malformed protected answers with SecureMessagingFailure, not a crash', () => {
    for (const bad of ['87FF019000', '8E0411223344' + '9000', '990290009000', '5302AABB8E080000000000000000' + '9000']) {
      const sm = new SecureMessaging(D3_KEYS, fromHex('887022120C06C226'));
      sm.wrap({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 });
      expect(kindOf(() => sm.unwrap(fromHex(bad)))).toBe('SecureMessagingFailure');
    }
  });

  it('uses extended length when the plain command does, with Le\' = 0000 and a two-byte DO\'97\'', () => {
    const sm = new SecureMessaging(D3_KEYS, fromHex('0000000000000000'));
    const wrapped = sm.wrap({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 1000 });
    expect(hex(wrapped.subarray(0, 7))).toBe('0CB0000000000E');
    expect(hex(wrapped.subarray(7, 11))).toBe('970203E8');
    expect(hex(wrapped.subarray(wrapped.length - 2))).toBe('0000');
  });
});

describe('AES secure messaging (9303-11 §9.8.6.2)', () => {
  const keys = { cipher: 'AES-128', encKey: fromHex('F5F0E35C0D7161EE6724EE513A0D9A7F'), macKey: fromHex('FE251C7858B356B24514B3BD5F4297D1') } as const;

  /** A protected response built here from the spec: IV = E(KSenc, SSC), CMAC over pad(SSC ‖ DOs). */
  function response(ssc: Uint8Array, data: Uint8Array, sw: string): Uint8Array {
    const iv = aesEcbEncrypt(keys.encKey, ssc);
    const c = aesCbcEncrypt(keys.encKey, pad(data, 16), iv);
    const do87 = concat(fromHex(`87${(c.length + 1).toString(16).padStart(2, '0')}01`), c);
    const do99 = fromHex(`9902${sw}`);
    const mac = aesCmac(keys.macKey, pad(concat(ssc, do87, do99), 16)).subarray(0, 8);
    return concat(do87, do99, fromHex('8E08'), mac, fromHex(sw));
  }

  it('checks and decrypts with the SSC starting at zero after PACE', () => {
    const sm = new SecureMessaging(keys, new Uint8Array(16));
    const cmd = sm.wrap({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 });
    // The command MAC: CMAC over pad(SSC=1 ‖ padded header ‖ DO'97').
    const ssc1 = fromHex('00000000000000000000000000000001');
    const expectedMac = aesCmac(keys.macKey, pad(concat(ssc1, fromHex('0CB00000800000000000000000000000'), fromHex('970104')), 16)).subarray(0, 8);
    expect(hex(cmd)).toBe(`0CB000000D9701048E08${hex(expectedMac)}00`);
    const ssc2 = fromHex('00000000000000000000000000000002');
    expect(hex(sm.unwrap(response(ssc2, fromHex('60145F01'), '9000')).data)).toBe('60145F01');
  });

  it('refuses a response protected with the wrong counter', () => {
    const sm = new SecureMessaging(keys, new Uint8Array(16));
    sm.wrap({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 });
    const stale = response(fromHex('00000000000000000000000000000001'), fromHex('60145F01'), '9000');
    expect(kindOf(() => sm.unwrap(stale))).toBe('SecureMessagingFailure');
  });
});
