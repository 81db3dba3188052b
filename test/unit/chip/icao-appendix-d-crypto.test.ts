// The pure crypto helpers on ICAO Doc 9303 Part 11, Appendix D (worked example: Basic Access
// Control), every value "given in example", plus the primitives' own references (RFC 4493 for
// AES-CMAC, the parity rule of FIPS 46-3).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { concat, fromHex, hex, xor } from '../../../electron/chip/bytes';
import { bacKeySeed, mrzInformation, pacePasswordSecret } from '../../../electron/chip/crypto/access-key';
import { aesCmac } from '../../../electron/chip/crypto/aes-cmac';
import { tdesCbcDecrypt, tdesCbcEncrypt } from '../../../electron/chip/crypto/block-cipher';
import { checkDigit } from '../../../electron/chip/crypto/check-digit';
import { adjustParity } from '../../../electron/chip/crypto/des-parity';
import { pad, unpad } from '../../../electron/chip/crypto/iso9797-padding';
import { deriveKey, KDF_COUNTER } from '../../../electron/chip/crypto/key-derivation';
import { retailMac } from '../../../electron/chip/crypto/retail-mac';
import { bacInitialSsc, incrementSsc } from '../../../electron/chip/crypto/send-sequence-counter';
import { ChipError } from '../../../electron/chip/chip-error';

const ERIKSSON = { kind: 'MRZ', documentNumber: 'L898902C', dateOfBirth: '690806', dateOfExpiry: '940623' } as const;

describe('ICAO 9303-11 Appendix D.2: keys from the MRZ', () => {
  it('builds MRZ_information with its check digits', () => {
    expect(checkDigit('L898902C<')).toBe('3');
    expect(checkDigit('690806')).toBe('1');
    expect(checkDigit('940623')).toBe('6');
    expect(mrzInformation(ERIKSSON)).toBe('L898902C<369080619406236');
    // A document number longer than 9 characters is used whole.
    expect(mrzInformation({ kind: 'MRZ', documentNumber: 'D23145890734', dateOfBirth: '340712', dateOfExpiry: '950712' })).toBe('D23145890734934071279507122');
  });

  it('gives Kseed = 239AB9CB282DAF66231DC5A4DF6BFBAE (SHA-1 239AB9CB…DF477565)', () => {
    expect(hex(createHash('sha1').update('L898902C<369080619406236').digest())).toBe('239AB9CB282DAF66231DC5A4DF6BFBAEDF477565');
    expect(hex(bacKeySeed(ERIKSSON))).toBe('239AB9CB282DAF66231DC5A4DF6BFBAE');
  });

  it('derives Kenc and Kmac with counters 1 and 2, parity adjusted', () => {
    const seed = fromHex('239AB9CB282DAF66231DC5A4DF6BFBAE');
    expect(hex(deriveKey(seed, KDF_COUNTER.ENC, 'TDES'))).toBe('AB94FDECF2674FDFB9B391F85D7F76F2');
    expect(hex(deriveKey(seed, KDF_COUNTER.MAC, 'TDES'))).toBe('7962D9ECE03D1ACD4C76089DCE131543');
    // D.1: Ka = AB94FCEDF2664EDF, Kb = B9B291F85D7F77F2 before the parity adjustment.
    expect(hex(adjustParity(fromHex('AB94FCEDF2664EDFB9B291F85D7F77F2')))).toBe('AB94FDECF2674FDFB9B391F85D7F76F2');
  });
});

describe('ICAO 9303-11 Appendix D.3: authentication and session keys', () => {
  const kEnc = fromHex('AB94FDECF2674FDFB9B391F85D7F76F2');
  const kMac = fromHex('7962D9ECE03D1ACD4C76089DCE131543');

  it('encrypts S into E_IFD and MACs it into M_IFD', () => {
    const s = fromHex('781723860C06C2264608F919887022120B795240CB7049B01C19B33E32804F0B');
    const eIfd = tdesCbcEncrypt(kEnc, s);
    expect(hex(eIfd)).toBe('72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2');
    expect(hex(retailMac(kMac, pad(eIfd, 8)))).toBe('5F1448EEA8AD90A7');
  });

  it('checks M_IC and decrypts E_IC into R = RND.IC ‖ RND.IFD ‖ K.IC', () => {
    const resp = fromHex('46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449');
    const eIc = resp.subarray(0, 32);
    expect(hex(retailMac(kMac, pad(eIc, 8)))).toBe(hex(resp.subarray(32)));
    expect(hex(tdesCbcDecrypt(kEnc, eIc))).toBe('4608F91988702212781723860C06C2260B4F80323EB3191CB04970CB4052790B');
  });

  it('derives KSenc, KSmac and the SSC', () => {
    const seed = xor(fromHex('0B795240CB7049B01C19B33E32804F0B'), fromHex('0B4F80323EB3191CB04970CB4052790B'));
    expect(hex(seed)).toBe('0036D272F5C350ACAC50C3F572D23600');
    expect(hex(deriveKey(seed, KDF_COUNTER.ENC, 'TDES'))).toBe('979EC13B1CBFE9DCD01AB0FED307EAE5');
    expect(hex(deriveKey(seed, KDF_COUNTER.MAC, 'TDES'))).toBe('F1CB1F1FB5ADF208806B89DC579DC1F8');
    expect(hex(bacInitialSsc(fromHex('4608F91988702212'), fromHex('781723860C06C226')))).toBe('887022120C06C226');
    expect(hex(incrementSsc(fromHex('887022120C06C226')))).toBe('887022120C06C227');
    expect(hex(incrementSsc(fromHex('00000000000000FF')))).toBe('0000000000000100');
    expect(hex(incrementSsc(fromHex('FFFFFFFFFFFFFFFF')))).toBe('0000000000000000');
  });
});

describe('ICAO 9303-11 Appendix D.4: the MACs of the secure-messaging example', () => {
  const ksMac = fromHex('F1CB1F1FB5ADF208806B89DC579DC1F8');
  it('computes CC of SELECT EF.COM and the chip\'s response', () => {
    const n = fromHex('887022120C06C2270CA4020C800000008709016375432908C044F68000000000');
    expect(hex(retailMac(ksMac, n))).toBe('BF8B92D635FF24F8');
    const k = fromHex('887022120C06C2289902900080000000');
    expect(hex(retailMac(ksMac, k))).toBe('FA855A5D4C50A8ED');
  });
});

describe('key derivation for AES (9303-11 §9.7.1) and the PACE password (Appendix G)', () => {
  it('derives Kπ from the MRZ of Appendix G with SHA-1 for AES-128', () => {
    const k = pacePasswordSecret({ kind: 'MRZ', documentNumber: 'T22000129', dateOfBirth: '640812', dateOfExpiry: '101031' });
    expect(hex(k)).toBe('7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD');
    expect(hex(deriveKey(k, KDF_COUNTER.PACE, 'AES-128'))).toBe('89DED1B26624EC1E634C1989302849DD');
  });

  it('uses SHA-256 for AES-192 (24 bytes) and AES-256 (32 bytes)', () => {
    const secret = fromHex('28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925');
    const full = createHash('sha256').update(concat(secret, fromHex('00000001'))).digest();
    expect(hex(deriveKey(secret, KDF_COUNTER.ENC, 'AES-256'))).toBe(hex(full));
    expect(hex(deriveKey(secret, KDF_COUNTER.ENC, 'AES-192'))).toBe(hex(full.subarray(0, 24)));
    // Appendix G.1's session keys (AES-128).
    expect(hex(deriveKey(secret, KDF_COUNTER.ENC, 'AES-128'))).toBe('F5F0E35C0D7161EE6724EE513A0D9A7F');
    expect(hex(deriveKey(secret, KDF_COUNTER.MAC, 'AES-128'))).toBe('FE251C7858B356B24514B3BD5F4297D1');
  });

  it('takes the CAN as its characters', () => {
    expect(hex(pacePasswordSecret({ kind: 'CAN', can: '123456' }))).toBe('313233343536');
    expect(() => pacePasswordSecret({ kind: 'CAN', can: '12a' })).toThrow(ChipError);
  });
});

describe('primitives', () => {
  it('AES-CMAC matches RFC 4493 §4', () => {
    const key = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
    expect(hex(aesCmac(key, new Uint8Array()))).toBe('BB1D6929E95937287FA37D129B756746');
    expect(hex(aesCmac(key, fromHex('6bc1bee22e409f96e93d7e117393172a')))).toBe('070A16B46B4D4144F79BDD9DD04A287C');
    expect(hex(aesCmac(key, fromHex('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411')))).toBe('DFA66747DE9AE63030CA32611497C827');
  });

  it('pads with method 2 and refuses broken padding', () => {
    expect(hex(pad(fromHex('011E'), 8))).toBe('011E800000000000');
    expect(hex(pad(new Uint8Array(8), 8))).toBe('00000000000000008000000000000000');
    expect(hex(unpad(fromHex('011E800000000000'), 8))).toBe('011E');
    expect(() => unpad(fromHex('011E000000000000'), 8)).toThrow(ChipError);
    expect(() => unpad(fromHex('0000000000000000'), 8)).toThrow(ChipError);
  });
});
