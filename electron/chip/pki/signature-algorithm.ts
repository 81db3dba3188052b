// Signature algorithms of the eMRTD PKI (ICAO 9303-12 §5, RFC 3279, RFC 4055, RFC 5758, BSI
// TR-03111): RSA PKCS #1 v1.5, RSASSA-PSS with its parameters, ECDSA with DER or plain (r ‖ s)
// signatures, SHA-1 to SHA-512. CMS SignerInfos sometimes name only the key algorithm
// (rsaEncryption, id-ecPublicKey): the hash then comes from the digest algorithm.
import { malformed } from '../chip-error';
import { ASN1 } from '../tlv/asn1-tags';
import { tlvChildren } from '../tlv/ber-tlv-reader';
import { readSmallInteger } from '../tlv/der-values';
import { readAlgorithmIdentifier, type AlgorithmIdentifier } from './algorithm-identifier';
import { OID } from './object-identifiers';

export type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

export type SignatureScheme =
  | { readonly kind: 'rsa-pkcs1'; readonly hash: HashName }
  | { readonly kind: 'rsa-pss'; readonly hash: HashName; readonly mgfHash: HashName; readonly saltLength: number }
  | { readonly kind: 'ecdsa'; readonly hash: HashName; readonly encoding: 'der' | 'plain' };

const HASHES: Record<string, HashName> = {
  [OID.sha1]: 'sha1', [OID.sha224]: 'sha224', [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512',
};

const SCHEMES: Record<string, SignatureScheme> = {
  [OID.sha1WithRSA]: { kind: 'rsa-pkcs1', hash: 'sha1' },
  [OID.sha224WithRSA]: { kind: 'rsa-pkcs1', hash: 'sha224' },
  [OID.sha256WithRSA]: { kind: 'rsa-pkcs1', hash: 'sha256' },
  [OID.sha384WithRSA]: { kind: 'rsa-pkcs1', hash: 'sha384' },
  [OID.sha512WithRSA]: { kind: 'rsa-pkcs1', hash: 'sha512' },
  [OID.ecdsaWithSha1]: { kind: 'ecdsa', hash: 'sha1', encoding: 'der' },
  [OID.ecdsaWithSha224]: { kind: 'ecdsa', hash: 'sha224', encoding: 'der' },
  [OID.ecdsaWithSha256]: { kind: 'ecdsa', hash: 'sha256', encoding: 'der' },
  [OID.ecdsaWithSha384]: { kind: 'ecdsa', hash: 'sha384', encoding: 'der' },
  [OID.ecdsaWithSha512]: { kind: 'ecdsa', hash: 'sha512', encoding: 'der' },
  [OID.ecdsaPlainSha1]: { kind: 'ecdsa', hash: 'sha1', encoding: 'plain' },
  [OID.ecdsaPlainSha224]: { kind: 'ecdsa', hash: 'sha224', encoding: 'plain' },
  [OID.ecdsaPlainSha256]: { kind: 'ecdsa', hash: 'sha256', encoding: 'plain' },
  [OID.ecdsaPlainSha384]: { kind: 'ecdsa', hash: 'sha384', encoding: 'plain' },
  [OID.ecdsaPlainSha512]: { kind: 'ecdsa', hash: 'sha512', encoding: 'plain' },
};

export function hashOf(alg: AlgorithmIdentifier): HashName {
  const hash = HASHES[alg.oid];
  if (!hash) throw malformed(`unsupported hash algorithm ${alg.oid}`);
  return hash;
}

export function hashByOid(oid: string): HashName | null {
  return HASHES[oid] ?? null;
}

export function oidOfHash(hash: HashName): string {
  return Object.entries(HASHES).find(([, h]) => h === hash)![0];
}

/** The scheme of a signature algorithm; `digest` gives the hash when the OID names only a key type. */
export function signatureScheme(alg: AlgorithmIdentifier, digest?: AlgorithmIdentifier): SignatureScheme {
  const known = SCHEMES[alg.oid];
  if (known) return known;
  if (alg.oid === OID.rsassaPss) return pssScheme(alg);
  if (alg.oid === OID.rsaEncryption && digest) return { kind: 'rsa-pkcs1', hash: hashOf(digest) };
  if (alg.oid === OID.ecPublicKey && digest) return { kind: 'ecdsa', hash: hashOf(digest), encoding: 'der' };
  throw malformed(`unsupported signature algorithm ${alg.oid}`);
}

/** RSASSA-PSS-params (RFC 4055 §3.1): defaults SHA-1, MGF1 with SHA-1, salt 20. */
function pssScheme(alg: AlgorithmIdentifier): SignatureScheme {
  let hash: HashName = 'sha1';
  let mgfHash: HashName = 'sha1';
  let saltLength = 20;
  if (alg.parameters && alg.parameters.tag === ASN1.SEQUENCE) {
    for (const field of tlvChildren(alg.parameters)) {
      const [inner] = tlvChildren(field);
      if (!inner) continue;
      if (field.tag === 0xa0) hash = hashOf(readAlgorithmIdentifier(inner));
      else if (field.tag === 0xa1) {
        const mgf = readAlgorithmIdentifier(inner);
        if (mgf.oid !== OID.mgf1 || !mgf.parameters) throw malformed('RSASSA-PSS with a mask generation other than MGF1');
        mgfHash = hashOf(readAlgorithmIdentifier(mgf.parameters));
      } else if (field.tag === 0xa2) saltLength = readSmallInteger(inner, 'salt length');
    }
  }
  return { kind: 'rsa-pss', hash, mgfHash, saltLength };
}

export function schemeName(s: SignatureScheme): string {
  switch (s.kind) {
    case 'rsa-pkcs1':
      return `RSA PKCS#1 v1.5 with ${s.hash.toUpperCase()}`;
    case 'rsa-pss':
      return `RSA-PSS with ${s.hash.toUpperCase()}`;
    case 'ecdsa':
      return `ECDSA with ${s.hash.toUpperCase()}`;
  }
}
