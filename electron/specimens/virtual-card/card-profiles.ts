// The cards the virtual card tool serves: named profiles for drills and tests, each a set of
// orthogonal choices (access control, document signer, faults, speed, DG2 size) that the command
// line can also set one by one.
import { systemRandom } from '../../chip/crypto/random-source';
import type { VirtualChipConfig } from '../../chip/virtual/virtual-chip-config';
import type { CardPki, SignerKind } from './card-pki';
import { specimenPassport, type PaceSpec, type VirtualPassport } from './specimen-passport';
import { syntheticDg2 } from './synthetic-portrait';

export const CARD_ACCESS = ['bac', 'pace', 'pace-cam', 'bac+pace'] as const;
export type CardAccess = (typeof CARD_ACCESS)[number];

export interface CardProfile {
  /** Access control offered: BAC only, PACE only (generic mapping), PACE-CAM only, or both BAC and PACE. */
  readonly access: CardAccess;
  /** Who signed EF.SOD: a valid signer, one expired when it signed, a revoked one, one under an unknown CSCA. */
  readonly signer: SignerKind;
  /** DG1 changed after signing (its hash in EF.SOD no longer matches). */
  readonly alteredDg1: boolean;
  /** The chip's chip- and active-authentication keys differ from DG14/DG15 (a clone with copied files). */
  readonly clone: boolean;
  /** 6282 at the end of every file (and for reads past it) instead of only on short answers. */
  readonly endOfFileWarning: boolean;
  /** Extended-length APDUs accepted (and announced in the ATR). */
  readonly extendedLength: boolean;
  /** Wait before each answer, in ms (a slow chip, or one far from the antenna). */
  readonly delayMs: number;
  /** Size of DG2's JPEG face, in bytes. */
  readonly dg2Bytes: number;
}

export const DEFAULT_CARD: CardProfile = {
  access: 'bac+pace',
  signer: 'valid',
  alteredDg1: false,
  clone: false,
  endOfFileWarning: false,
  extendedLength: false,
  delayMs: 0,
  dg2Bytes: 20_000,
};

export const CARD_PROFILES = {
  standard: {},
  bac: { access: 'bac' },
  pace: { access: 'pace' },
  'pace-cam': { access: 'pace-cam' },
  'wrong-dg-hash': { alteredDg1: true },
  'unknown-signer': { signer: 'unknown' },
  'expired-signer': { signer: 'expired' },
  'revoked-signer': { signer: 'revoked' },
  clone: { clone: true },
  'eof-6282': { endOfFileWarning: true },
  slow: { delayMs: 250 },
  'big-dg2': { dg2Bytes: 120_000 },
  extended: { extendedLength: true },
} as const satisfies Record<string, Partial<CardProfile>>;
export type CardProfileName = keyof typeof CARD_PROFILES;

export function isCardProfileName(name: string): name is CardProfileName {
  return Object.hasOwn(CARD_PROFILES, name);
}

export function cardProfile(name: CardProfileName, overrides: Partial<CardProfile> = {}): CardProfile {
  return { ...DEFAULT_CARD, ...CARD_PROFILES[name], ...overrides };
}

/** PACE with the generic mapping, or with chip authentication mapping, on brainpoolP256r1 (ICAO 9303-11 §9.5.1, id 13) and AES-128, as many issuers use. */
function paceOffers(access: CardAccess): PaceSpec[] {
  switch (access) {
    case 'bac':
      return [];
    case 'pace':
    case 'bac+pace':
      return [{ agreement: 'ECDH', mapping: 'GM', cipher: 'AES-128', parameterId: 13 }];
    case 'pace-cam':
      return [{ agreement: 'ECDH', mapping: 'CAM', cipher: 'AES-128', parameterId: 13 }];
  }
}

/** The chip of a profile, signed with `pki`; `mrz` puts another document's MRZ in DG1 (a printed specimen's). */
export async function buildCard(profile: CardProfile, pki: CardPki, mrz?: readonly string[]): Promise<VirtualPassport> {
  const passport = specimenPassport({
    ...(mrz ? { mrz } : {}),
    signer: pki.signers[profile.signer],
    dg2: await syntheticDg2(profile.dg2Bytes),
    bac: profile.access === 'bac' || profile.access === 'bac+pace',
    pace: paceOffers(profile.access),
    ca: { agreement: 'ECDH', curve: 'secp256r1', cipher: 'AES-128' },
    aa: 'p256',
    cloneKeys: profile.clone,
    extendedLength: profile.extendedLength,
    alteredDg1: profile.alteredDg1,
    readPastEnd: profile.endOfFileWarning ? 'end-of-file-warning' : 'iso',
  });
  const config: VirtualChipConfig = { ...passport.config, random: systemRandom };
  return { ...passport, config };
}
