// A complete specimen passport chip: LDS files (EF.COM, DG1, DG2, DG14, DG15), EF.SOD signed by a
// given document signer, EF.CardAccess and EF.CardSecurity for PACE(-CAM), and the chip's private
// keys for chip and active authentication — with the faults a drill needs: data groups changed
// after signing, keys that differ from the published ones (a clone with copied files), 6282 at the
// end of every file.
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { paceOid } from '../../chip/access/pace-algorithm';
import { chipAuthenticationOid } from '../../chip/auth/chip-authentication-algorithm';
import { ecGroup } from '../../chip/crypto/agreement-group';
import { DH_GROUPS, modPow } from '../../chip/crypto/dh-groups';
import { curveByName } from '../../chip/crypto/ec-curves';
import { randomScalar, systemRandom } from '../../chip/crypto/random-source';
import type { SymmetricCipher } from '../../chip/crypto/symmetric-cipher';
import { encodeCardSecurity } from '../../chip/lds/card-security.codec';
import { decodeDg1, encodeDg1 } from '../../chip/lds/dg1-mrz.codec';
import { encodeDg14 } from '../../chip/lds/dg14-security-options.codec';
import { encodeDg15 } from '../../chip/lds/dg15-active-authentication.codec';
import { encodeEfCom } from '../../chip/lds/ef-com.codec';
import { encodeSecurityInfos, readSecurityInfo, type SecurityInfo } from '../../chip/lds/security-infos.codec';
import { encodeSod } from '../../chip/lds/sod.codec';
import { OID } from '../../chip/pki/object-identifiers';
import { encodeDhPublicKeyInfo, encodeEcPublicKeyInfo } from '../../chip/pki/subject-public-key-info';
import type { Certificate } from '../../chip/pki/x509-certificate';
import { decodeTlv } from '../../chip/tlv/ber-tlv-reader';
import { der } from '../../chip/tlv/der-values';
import type { VirtualActiveAuthentication, VirtualChipAuthentication, VirtualChipConfig, VirtualPaceOffer } from '../../chip/virtual/virtual-chip-config';
import { cmsSigner, utc, type TestKey } from './specimen-pki';

/** The holder of ICAO 9303's worked examples (Part 11 Appendix D): her MRZ opens the chip. */
export const ERIKSSON = { kind: 'MRZ', documentNumber: 'L898902C', dateOfBirth: '740812', dateOfExpiry: '120415' } as const;
export const SPECIMEN_MRZ = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C<3UTO7408122F1204159ZE184226B<<<<<10'] as const;
/** The same MRZ with another name (same length, same check digits): DG1 "altered" after signing. */
const ALTERED_MRZ = ['P<UTOERIKSEN<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<<', SPECIMEN_MRZ[1]];

/**
 * Another MRZ with one letter of the name changed: the name has no check digit (ICAO 9303-3 §4.9),
 * so the altered DG1 still reads as a valid MRZ. TD1 holds the name on its third line, TD2 and TD3
 * from the sixth character of the first.
 */
export function alteredName(lines: readonly string[]): string[] {
  const out = [...lines];
  const line = lines.length === 3 ? 2 : 0;
  const from = lines.length === 3 ? 0 : 5;
  const text = out[line]!;
  const at = [...text].findIndex((c, i) => i >= from && /[A-Z]/.test(c));
  if (at < 0) throw new Error('the MRZ has no name to alter');
  const letter = text[at] === 'Z' ? 'A' : String.fromCharCode(text.charCodeAt(at) + 1);
  out[line] = `${text.slice(0, at)}${letter}${text.slice(at + 1)}`;
  return out;
}
/** When the specimen SODs are signed (inside the specimen signers' validity). */
export const SPECIMEN_SIGNING_TIME = utc(2024, 3, 1);

export type CaSpec = { agreement: 'ECDH'; curve: string; cipher: SymmetricCipher } | { agreement: 'DH'; group: 0 | 1 | 2; cipher: SymmetricCipher };
export type AaSpec = 'rsa1024' | 'rsa2048' | 'p256' | 'brainpoolP256r1';
export interface PaceSpec {
  readonly agreement: 'ECDH' | 'DH';
  readonly mapping: 'GM' | 'CAM';
  readonly cipher: SymmetricCipher;
  readonly parameterId: number;
}

export interface DocumentSigner {
  readonly certificate: Certificate;
  readonly key: TestKey;
}

export interface SpecimenPassportSpec {
  /** Signs EF.SOD and EF.CardSecurity. */
  readonly signer: DocumentSigner;
  /** DG2 as stored on the chip (see synthetic-portrait.ts). */
  readonly dg2: Uint8Array;
  /** Basic access control offered (default true). */
  readonly bac?: boolean;
  readonly pace?: readonly PaceSpec[];
  readonly ca?: CaSpec;
  readonly aa?: AaSpec;
  /** Signs DG14/DG15 with keys other than the chip's (a clone with copied files). */
  readonly cloneKeys?: boolean;
  readonly extendedLength?: boolean;
  /** DG1 changed after EF.SOD was signed: its hash no longer matches. */
  readonly alteredDg1?: boolean;
  readonly readPastEnd?: VirtualChipConfig['readPastEnd'];
  /** The MRZ in DG1 (default ICAO's specimen): the chip opens with its document number and dates. */
  readonly mrz?: readonly string[];
}

export interface VirtualPassport {
  readonly config: VirtualChipConfig;
  /** The data groups as signed in EF.SOD (before any alteration). */
  readonly dataGroups: ReadonlyMap<number, Uint8Array>;
}

function ecKeyInfo(curve: string, privateKey: bigint): { spki: Uint8Array; info: SecurityInfo } {
  const domain = curveByName(curve)!;
  const g = ecGroup(domain);
  const spki = encodeEcPublicKeyInfo(domain, g.encode(g.multiply(g.generator, privateKey)));
  return { spki, info: readSecurityInfo(decodeTlv(der.sequence(der.oid(`${OID.idPK}.2`), spki, der.integer(1)))) };
}

function aaKey(spec: AaSpec): { virtual: VirtualActiveAuthentication; spki: Uint8Array; info?: SecurityInfo } {
  if (spec === 'rsa1024' || spec === 'rsa2048') {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: spec === 'rsa1024' ? 1024 : 2048 });
    return { virtual: { kind: 'RSA', privateKey: privateKey as KeyObject, hash: spec === 'rsa1024' ? 'sha1' : 'sha256' }, spki: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })) };
  }
  const curve = spec === 'p256' ? 'secp256r1' : 'brainpoolP256r1';
  const domain = curveByName(curve)!;
  const d = randomScalar(domain.n, systemRandom);
  const g = ecGroup(domain);
  const point = g.encode(g.multiply(g.generator, d));
  return {
    virtual: { kind: 'ECDSA', domain, privateKey: d, hash: 'sha256' },
    spki: spec === 'p256' ? encodeEcPublicKeyInfo(domain, point, domain.oid) : encodeEcPublicKeyInfo(domain, point),
    info: { type: 'ActiveAuthenticationInfo', oid: OID.aaProtocolObject, version: 1, signatureAlgorithm: OID.ecdsaPlainSha256 },
  };
}

/** PACE-CAM's standardized curves (ICAO 9303-11 §9.5.1) this builder knows. */
const CAM_CURVES: Readonly<Record<number, string>> = { 12: 'secp256r1', 13: 'brainpoolP256r1', 15: 'secp384r1', 16: 'brainpoolP384r1' };

export function specimenPassport(spec: SpecimenPassportSpec): VirtualPassport {
  const mrzLines = spec.mrz ?? SPECIMEN_MRZ;
  const dg1 = encodeDg1([...mrzLines]);
  const holder = decodeDg1(dg1);
  const dg2 = spec.dg2;
  const dg14Infos: SecurityInfo[] = [];
  let chipAuthentication: VirtualChipAuthentication | undefined;
  if (spec.ca) {
    const oid = chipAuthenticationOid(spec.ca.agreement, spec.ca.cipher);
    if (spec.ca.agreement === 'ECDH') {
      const domain = curveByName(spec.ca.curve)!;
      const d = randomScalar(domain.n, systemRandom);
      const published = spec.cloneKeys ? randomScalar(domain.n, systemRandom) : d;
      dg14Infos.push(ecKeyInfo(spec.ca.curve, published).info);
      chipAuthentication = { oid, keyId: 1, key: { kind: 'EC', domain, privateKey: d } };
    } else {
      const group = DH_GROUPS[spec.ca.group]!;
      const x = randomScalar(group.q!, systemRandom);
      const published = spec.cloneKeys ? randomScalar(group.q!, systemRandom) : x;
      const spki = encodeDhPublicKeyInfo(group, modPow(group.g, published, group.p));
      dg14Infos.push(readSecurityInfo(decodeTlv(der.sequence(der.oid(`${OID.idPK}.1`), spki, der.integer(1)))));
      chipAuthentication = { oid, keyId: 1, key: { kind: 'DH', domain: group, privateKey: x } };
    }
    dg14Infos.push({ type: 'ChipAuthenticationInfo', oid, version: 1, keyId: 1 });
  }
  let activeAuthentication: VirtualActiveAuthentication | undefined;
  let dg15: Uint8Array | undefined;
  if (spec.aa) {
    const k = aaKey(spec.aa);
    activeAuthentication = k.virtual;
    dg15 = encodeDg15(spec.cloneKeys ? aaKey(spec.aa).spki : k.spki);
    if (k.info) dg14Infos.push(k.info);
  }
  const dg14 = dg14Infos.length ? encodeDg14(dg14Infos) : undefined;
  const groups = new Map<number, Uint8Array>([[1, dg1], [2, dg2], ...(dg14 ? [[14, dg14] as [number, Uint8Array]] : []), ...(dg15 ? [[15, dg15] as [number, Uint8Array]] : [])]);
  const signer = cmsSigner(spec.signer.certificate, spec.signer.key);
  const sod = encodeSod({
    hash: 'sha256',
    hashes: new Map([...groups].map(([n, b]) => [n, new Uint8Array(createHash('sha256').update(b).digest())])),
    signer,
    signingTime: SPECIMEN_SIGNING_TIME,
  });
  const com = encodeEfCom({ ldsVersion: '0107', unicodeVersion: '040000', tags: [0x61, 0x75, ...(dg14 ? [0x6e] : []), ...(dg15 ? [0x6f] : [])] });
  const pace: VirtualPaceOffer[] = [];
  const cardSecurityInfos: SecurityInfo[] = [];
  for (const p of spec.pace ?? []) {
    const oid = paceOid(p.agreement, p.mapping, p.cipher);
    if (p.mapping === 'CAM') {
      const curve = CAM_CURVES[p.parameterId];
      if (!curve) throw new Error(`PACE-CAM with parameter ${p.parameterId} is not built here`);
      const camKey = randomScalar(curveByName(curve)!.n, systemRandom);
      cardSecurityInfos.push(ecKeyInfo(curve, camKey).info);
      pace.push({ oid, parameterId: p.parameterId, camPrivateKey: camKey });
    } else {
      pace.push({ oid, parameterId: p.parameterId });
    }
  }
  const paceInfos: SecurityInfo[] = pace.map((o) => ({ type: 'PACEInfo', oid: o.oid, version: 2, parameterId: o.parameterId }));
  const cardAccess = pace.length ? encodeSecurityInfos(paceInfos) : undefined;
  const cardSecurity = pace.length ? encodeCardSecurity([...paceInfos, ...cardSecurityInfos], signer, SPECIMEN_SIGNING_TIME) : undefined;
  const storedDg1 = spec.alteredDg1 ? encodeDg1(spec.mrz ? alteredName(mrzLines) : [...ALTERED_MRZ]) : dg1;
  return {
    dataGroups: groups,
    config: {
      files: {
        COM: com, SOD: sod, DG1: storedDg1, DG2: dg2,
        ...(dg14 ? { DG14: dg14 } : {}), ...(dg15 ? { DG15: dg15 } : {}),
        ...(cardAccess ? { CardAccess: cardAccess } : {}), ...(cardSecurity ? { CardSecurity: cardSecurity } : {}),
      },
      mrz: spec.mrz ? { kind: 'MRZ', documentNumber: holder.documentNumber, dateOfBirth: holder.dateOfBirth, dateOfExpiry: holder.dateOfExpiry } : ERIKSSON, bac: spec.bac ?? true, pace, chipAuthentication, activeAuthentication,
      extendedLength: spec.extendedLength ?? false, maxReadLength: spec.extendedLength ? 0xffff : 0xdf, tooLong: 'wrong-length', oddInsRead: true,
      ...(spec.readPastEnd ? { readPastEnd: spec.readPastEnd } : {}),
    },
  };
}
