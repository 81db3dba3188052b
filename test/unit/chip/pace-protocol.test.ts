// PACE on the worked examples of ICAO 9303-11: Appendix G.1 (ECDH generic mapping on
// brainpoolP256r1, AES-128) and G.2 (DH generic mapping on the 1024-bit RFC 5114 group), step by
// step — nonce decryption, mapping, mapped generator, key agreement, session keys, tokens — and
// replayed APDU by APDU through PaceProtocol; Appendix I.1 for the chip authentication mapping.
import { describe, expect, it } from 'vitest';
import { authenticationToken, publicKeyDataObject } from '../../../electron/chip/access/authentication-token';
import { paceAlgorithm } from '../../../electron/chip/access/pace-algorithm';
import { resolvePaceDomain } from '../../../electron/chip/access/pace-domain';
import { genericMapping, verifyChipAuthenticationMapping } from '../../../electron/chip/access/pace-mapping';
import { decryptCamData, PaceProtocol, type PrivateKeySource } from '../../../electron/chip/access/pace-protocol';
import { bytesToBigInt, fromHex, hex } from '../../../electron/chip/bytes';
import { ChipError } from '../../../electron/chip/chip-error';
import { dhGroup, ecGroup } from '../../../electron/chip/crypto/agreement-group';
import { aesCbcDecrypt } from '../../../electron/chip/crypto/block-cipher';
import { DH_GROUPS } from '../../../electron/chip/crypto/dh-groups';
import { curveByName } from '../../../electron/chip/crypto/ec-curves';
import { deriveKey, deriveSessionKeys, KDF_COUNTER } from '../../../electron/chip/crypto/key-derivation';
import { pacePasswordSecret } from '../../../electron/chip/crypto/access-key';
import { decodeSecurityInfos } from '../../../electron/chip/lds/security-infos.codec';
import { PlainChannel } from '../../../electron/chip/sm/chip-channel';
import { ScriptedTransport } from '../../helpers/chip/scripted-transport';

const KEY = { kind: 'MRZ', documentNumber: 'T22000129', dateOfBirth: '640812', dateOfExpiry: '101031' } as const;
const BP256 = curveByName('brainpoolP256r1')!;

// ── Appendix G.1 ─────────────────────────────────────────────────────────────────────────────────
const G1 = {
  z: '95A3A016522EE98D01E76CB6B98B42C3',
  s: '3F00C4D39D153F2B2A214A078D899B22',
  skMapIfd: '7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99',
  pkMapIfd: '047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D',
  skMapIc: '498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560',
  pkMapIc: '04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F5730D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54',
  h: '0460332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD50840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181',
  gHat: '048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E28C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522',
  skIfd: 'A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595',
  pkIfd: '042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462',
  skIc: '107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A',
  pkIc: '049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094',
  k: '28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925',
  ksEnc: 'F5F0E35C0D7161EE6724EE513A0D9A7F',
  ksMac: 'FE251C7858B356B24514B3BD5F4297D1',
  tIfd: 'C2B0BD78D94BA866',
  tIc: '3ABB9674BCE93C08',
};
const G1_OID = '0.4.0.127.0.7.2.2.4.2.2';

describe('ICAO 9303-11 Appendix G.1: PACE ECDH generic mapping, step by step', () => {
  const group = ecGroup(BP256);
  it('decrypts the nonce with Kπ', () => {
    const kPi = deriveKey(pacePasswordSecret(KEY), KDF_COUNTER.PACE, 'AES-128');
    expect(hex(kPi)).toBe('89DED1B26624EC1E634C1989302849DD');
    expect(hex(aesCbcDecrypt(kPi, fromHex(G1.z)))).toBe(G1.s);
  });

  it('maps the generator: H, then G~ = s·G + H', () => {
    expect(hex(group.encode(group.multiply(group.generator, BigInt(`0x${G1.skMapIfd}`))))).toBe(G1.pkMapIfd);
    expect(hex(group.encode(group.multiply(group.generator, BigInt(`0x${G1.skMapIc}`))))).toBe(G1.pkMapIc);
    const h = group.multiply(group.decode(fromHex(G1.pkMapIc)), BigInt(`0x${G1.skMapIfd}`));
    expect(hex(group.encode(h))).toBe(G1.h);
    // The chip computes the same H from its side.
    expect(hex(group.encode(group.multiply(group.decode(fromHex(G1.pkMapIfd)), BigInt(`0x${G1.skMapIc}`))))).toBe(G1.h);
    const mapped = genericMapping(group, fromHex(G1.s), h);
    expect(hex(mapped.encode(mapped.generator))).toBe(G1.gHat);
  });

  it('agrees the keys on the mapped generator and derives KSenc, KSmac', () => {
    const mapped = group.withGenerator(group.decode(fromHex(G1.gHat)));
    expect(hex(mapped.encode(mapped.multiply(mapped.generator, BigInt(`0x${G1.skIfd}`))))).toBe(G1.pkIfd);
    expect(hex(mapped.encode(mapped.multiply(mapped.generator, BigInt(`0x${G1.skIc}`))))).toBe(G1.pkIc);
    const k = mapped.sharedSecret(mapped.multiply(mapped.decode(fromHex(G1.pkIc)), BigInt(`0x${G1.skIfd}`)));
    expect(hex(k)).toBe(G1.k);
    const keys = deriveSessionKeys(k, 'AES-128');
    expect(hex(keys.encKey)).toBe(G1.ksEnc);
    expect(hex(keys.macKey)).toBe(G1.ksMac);
  });

  it('computes both authentication tokens', () => {
    expect(hex(publicKeyDataObject(G1_OID, 'EC', fromHex(G1.pkIc)))).toBe(`7F494F060A04007F00070202040202864104${G1.pkIc.slice(2)}`);
    expect(hex(authenticationToken('AES-128', fromHex(G1.ksMac), G1_OID, 'EC', fromHex(G1.pkIc)))).toBe(G1.tIfd);
    expect(hex(authenticationToken('AES-128', fromHex(G1.ksMac), G1_OID, 'EC', fromHex(G1.pkIfd)))).toBe(G1.tIc);
  });
});

function fixedKeys(mapping: string, agreement: string): PrivateKeySource {
  return (_group, step) => BigInt(`0x${step === 'mapping' ? mapping : agreement}`);
}

describe('PaceProtocol replays Appendix G.1 APDU by APDU', () => {
  // EF.CardAccess of the example: one PACEInfo, id-PACE-ECDH-GM-AES-CBC-CMAC-128, version 2, parameterId 13.
  const cardAccess = decodeSecurityInfos(fromHex('31143012060A04007F0007020204020202010202010D'));
  const info = cardAccess[0]!;
  if (info.type !== 'PACEInfo') throw new Error('not a PACEInfo');

  const script = (lastResponse: string) => [
    ['0022C1A412800A04007F0007020204020283010184010D', '9000'],
    ['10860000027C0000', `7C128010${G1.z}9000`],
    [`10860000457C438141${G1.pkMapIfd}00`, `7C438241${G1.pkMapIc}9000`],
    [`10860000457C438341${G1.pkIfd}00`, `7C438441${G1.pkIc}9000`],
    [`008600000C7C0A8508${G1.tIfd}00`, lastResponse],
  ] as const;

  it('establishes the session keys of the example', async () => {
    const transport = new ScriptedTransport(script(`7C0A8608${G1.tIc}9000`));
    const algorithm = paceAlgorithm(info.oid)!;
    const result = await new PaceProtocol(new PlainChannel(transport), {
      key: KEY, algorithm, domain: resolvePaceDomain(info, [])!, parameterId: info.parameterId, privateKeys: fixedKeys(G1.skMapIfd, G1.skIfd),
    }).run();
    expect(transport.done).toBe(true);
    expect(result).toMatchObject({ protocol: 'PACE', oid: G1_OID, parameterId: 13, domainName: 'brainpoolP256r1', cam: null });
    expect(hex(result.keys.encKey)).toBe(G1.ksEnc);
    expect(hex(result.keys.macKey)).toBe(G1.ksMac);
    expect(hex(result.ssc)).toBe('00000000000000000000000000000000');
  });

  it('reports a refused password as AccessDenied and a wrong chip token as a failure', async () => {
    const algorithm = paceAlgorithm(info.oid)!;
    const run = (last: string) => new PaceProtocol(new PlainChannel(new ScriptedTransport(script(last))), {
      key: KEY, algorithm, domain: resolvePaceDomain(info, [])!, parameterId: 13, privateKeys: fixedKeys(G1.skMapIfd, G1.skIfd),
    }).run().then(() => new ChipError('Internal', 'no error'), (e: unknown) => e as ChipError);
    expect((await run('6300')).kind).toBe('AccessDenied');
    expect((await run('63C1')).message).toMatch(/1 try left/);
    expect((await run('7C0A86080000000000000000' + '9000')).kind).toBe('SecureMessagingFailure');
  });
});

// ── Appendix G.2 ─────────────────────────────────────────────────────────────────────────────────
const G2 = {
  z: '854D8DF5827FA6852D1A4FA701CDDDCA',
  s: 'FA5B7E3E49753A0DB9178B7B9BD898C8',
  skMapIfd: '5265030F751F4AD18B08AC565FC7AC952E41618D',
  pkMapIfd: '23FB3749EA030D2A25B278D2A562047ADE3F01B74F17A15402CB7352CA7D2B3EB71C343DB13D1DEBCE9A3666DBCFC920B49174A602CB47965CAA73DC702489A44D41DB914DE9613DC5E98C94160551C0DF86274B9359BC0490D01B03AD54022DCB4F57FAD6322497D7A1E28D46710F461AFE710FBBBC5F8BA166F4311975EC6C',
  skMapIc: '66DDAFEAC1609CB5B963BB0CB3FF8B3E047F336C',
  pkMapIc: '78879F57225AA8080D52ED0FC890A4B25336F699AA89A2D3A189654AF70729E623EA5738B26381E4DA19E004706FACE7B235C2DBF2F38748312F3C98C2DD4882A41947B324AA1259AC22579DB93F7085655AF30889DBB845D9E6783FE42C9F2449400306254C8AE8EE9DD812A804C0B66E8CAFC14F84D8258950A91B44126EE6',
  h: '5BABEBEF5B74E5BA94B5C063FDA15F1F1CDE94873EE0A5D3A2FCAB49F258D07F544F13CB66658C3AFEE9E727389BE3F6CBBBD32128A8C21DD6EEA3CF7091CDDFB08B8D007D40318DCCA4FFBF51208790FB4BD111E5A968ED6B6F08B26CA87C410B3CE0C310CE104EABD16629AA48620C1279270CB0750C0D37C57FFFE302AE7F',
  gHat: '7C9CBFE98F9FBDDA8D143506FA7D9306F4CB17E3C71707AFF5E1C1A12370249684D64EE37AF44B8DBD9D45BF6023919CBAA027AB97ACC771666C8E98FF483301BFA4872DEDE9034EDFACB70814166B7F360676829B826BEA57291B5AD69FBC84EF1E779032A305803F74341793E869742D401325B37EE8565FFCDEE618342DC5',
  skIfd: '89CCD99B0E8D3B1F11E1296DCA68EC53411CF2CA',
  pkIfd: '907D89E2D425A178AA81AF4A7774EC8E388C115CAE67031E85EECE520BD911551B9AE4D04369F29A02626C86FBC6747CC7BC352645B6161A2A42D44EDA80A08FA8D61B76D3A154AD8A5A51786B0BC07147057871A922212C5F67F43173172236B7747D1671E6D692A3C7D40A0C3C5CE397545D015C175EB5130551EDBC2EE5D4',
  skIc: 'A5B780126B7C980E9FCEA1D4539DA1D27C342DFA',
  pkIc: '075693D9AE941877573E634B6E644F8E60AF17A0076B8B123D9201074D36152BD8B3A213F53820C42ADC79AB5D0AEEC3AEFB91394DA476BD97B9B14D0A65C1FC71A0E019CB08AF55E1F729005FBA7E3FA5DC41899238A250767A6D46DB974064386CD456743585F8E5D90CC8B4004B1F6D866C79CE0584E49687FF61BC29AEA1',
  k: '6BABC7B3A72BCD7EA385E4C62DB2625BD8613B24149E146A629311C4CA6698E38B834B6A9E9CD7184BA8834AFF5043D436950C4C1E7832367C10CB8C314D40E5990B0DF7013E64B4549E2270923D06F08CFF6BD3E977DDE6ABE4C31D55C0FA2E465E553E77BDF75E3193D3834FC26E8EB1EE2FA1E4FC97C18C3F6CFFFE2607FD',
  ksEnc: '2F7F46ADCC9E7E521B45D192FAFA9126',
  ksMac: '805A1D27D45A5116F73C54469462B7D8',
  tIfd: 'B46DD9BD4D98381F',
  tIc: '917F37B5C0E6D8D1',
};
const G2_OID = '0.4.0.127.0.7.2.2.4.1.2';

describe('ICAO 9303-11 Appendix G.2: PACE DH generic mapping', () => {
  const group = dhGroup(DH_GROUPS[0]!);
  it('decrypts the nonce, maps, agrees and authenticates as given in example', () => {
    const kPi = deriveKey(pacePasswordSecret(KEY), KDF_COUNTER.PACE, 'AES-128');
    expect(hex(aesCbcDecrypt(kPi, fromHex(G2.z)))).toBe(G2.s);
    expect(hex(group.encode(group.multiply(group.generator, BigInt(`0x${G2.skMapIfd}`))))).toBe(G2.pkMapIfd);
    expect(hex(group.encode(group.multiply(group.generator, BigInt(`0x${G2.skMapIc}`))))).toBe(G2.pkMapIc);
    const h = group.multiply(group.decode(fromHex(G2.pkMapIc)), BigInt(`0x${G2.skMapIfd}`));
    expect(hex(group.encode(h))).toBe(G2.h);
    const mapped = genericMapping(group, fromHex(G2.s), h);
    expect(hex(mapped.encode(mapped.generator))).toBe(G2.gHat);
    expect(hex(mapped.encode(mapped.multiply(mapped.generator, BigInt(`0x${G2.skIfd}`))))).toBe(G2.pkIfd);
    expect(hex(mapped.encode(mapped.multiply(mapped.generator, BigInt(`0x${G2.skIc}`))))).toBe(G2.pkIc);
    const k = mapped.sharedSecret(mapped.multiply(mapped.decode(fromHex(G2.pkIc)), BigInt(`0x${G2.skIfd}`)));
    expect(hex(k)).toBe(G2.k);
    const keys = deriveSessionKeys(k, 'AES-128');
    expect(hex(keys.encKey)).toBe(G2.ksEnc);
    expect(hex(keys.macKey)).toBe(G2.ksMac);
    expect(hex(authenticationToken('AES-128', keys.macKey, G2_OID, 'DH', fromHex(G2.pkIc)))).toBe(G2.tIfd);
    expect(hex(authenticationToken('AES-128', keys.macKey, G2_OID, 'DH', fromHex(G2.pkIfd)))).toBe(G2.tIc);
  });

  it('replays the exchange through PaceProtocol', async () => {
    const transport = new ScriptedTransport([
      ['0022C1A412800A04007F00070202040102830101840100', '9000'],
      ['10860000027C0000', `7C128010${G2.z}9000`],
      [`10860000867C8183818180${G2.pkMapIfd}00`, `7C8183828180${G2.pkMapIc}9000`],
      [`10860000867C8183838180${G2.pkIfd}00`, `7C8183848180${G2.pkIc}9000`],
      [`008600000C7C0A8508${G2.tIfd}00`, `7C0A8608${G2.tIc}9000`],
    ]);
    const info = { type: 'PACEInfo', oid: G2_OID, version: 2, parameterId: 0 } as const;
    const result = await new PaceProtocol(new PlainChannel(transport), {
      key: KEY, algorithm: paceAlgorithm(G2_OID)!, domain: resolvePaceDomain(info, [])!, parameterId: 0, privateKeys: fixedKeys(G2.skMapIfd, G2.skIfd),
    }).run();
    expect(transport.done).toBe(true);
    expect(hex(result.keys.encKey)).toBe(G2.ksEnc);
  });

  it('refuses a chip DH key outside the subgroup', () => {
    expect(() => group.decode(fromHex('02'))).toThrow(ChipError);
    expect(() => group.decode(fromHex(G2.pkMapIc.replace(/^78/, '79')))).toThrow(ChipError);
  });
});

// ── Appendix I.1: chip authentication mapping ───────────────────────────────────────────────────
describe('ICAO 9303-11 Appendix I.1: PACE-CAM', () => {
  const pkIc = '041872709494399E7470A6431BE25E83EEE24FEA568C2ED28DB48E05DB3A610DC884D256A40E35EFCB59BF6753D3A489D28C7A4D973C2DA138A6E7A4A08F68E16F';
  const pkMapIc = '04A234236AA9B9621E8EFB73B5245C0E09D2576E5277183C1208BDD55280CAE8B304F365713A356E65A451E165ECC9AC0AC46E3771342C8FE5AEDD092685338E23';
  const aIc = '1EEA964DAAE372AC990E3EFDE6333353BFC89A6704D93DA8798CF77F5B7A54BD10CBA372B42BE0B9B5F28AA8DE2F4F92';
  const caIc = '85DC3FA93D0952BFA82F5FD189EE75BD82F11D1F0B8ED4BF5319AC9B53C426B3';

  it('decrypts A_IC with IV = E(KSenc, −1) and checks PK_Map,IC = CA_IC · PK_IC', () => {
    const keys = { cipher: 'AES-128', encKey: fromHex('0A9DA4DB03BDDE39FC5202BC44B2E89E'), macKey: new Uint8Array(16) } as const;
    const recovered = decryptCamData(keys, fromHex(aIc));
    expect(hex(recovered)).toBe(caIc);
    const group = ecGroup(BP256);
    expect(verifyChipAuthenticationMapping(group, group.decode(fromHex(pkMapIc)), group.decode(fromHex(pkIc)), bytesToBigInt(recovered))).toBe(true);
    // Another static key (here the mapping key itself) does not verify.
    expect(verifyChipAuthenticationMapping(group, group.decode(fromHex(pkMapIc)), group.decode(fromHex(pkMapIc)), bytesToBigInt(recovered))).toBe(false);
  });
});

describe('PACE protocol identifiers', () => {
  it('reads mapping, agreement and cipher from the OID', () => {
    expect(paceAlgorithm('0.4.0.127.0.7.2.2.4.2.2')).toMatchObject({ agreement: 'ECDH', mapping: 'GM', cipher: 'AES-128' });
    expect(paceAlgorithm('0.4.0.127.0.7.2.2.4.1.1')).toMatchObject({ agreement: 'DH', mapping: 'GM', cipher: 'TDES' });
    expect(paceAlgorithm('0.4.0.127.0.7.2.2.4.6.4')).toMatchObject({ agreement: 'ECDH', mapping: 'CAM', cipher: 'AES-256' });
    expect(paceAlgorithm('0.4.0.127.0.7.2.2.4.6.1')).toBeNull();
    expect(paceAlgorithm('0.4.0.127.0.7.2.2.3.2.1')).toBeNull();
  });
});
