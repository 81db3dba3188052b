// Verifies a signature with a public key from a certificate, DG15 or the SOD's signer: RSA
// (PKCS #1 v1.5 and PSS) with node:crypto; ECDSA with node:crypto on the NIST curves it names,
// and with @noble/curves on every other curve and on explicit parameters (Brainpool: Electron's
// BoringSSL has none, and pkijs/WebCrypto refuse explicit parameters). A signature that cannot be
// checked (wrong key type, malformed) counts as not valid.
import { constants, createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { ecdsa } from '@noble/curves/abstract/weierstrass.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { concat, bigIntToBytes, bytesToBigInt } from '../bytes';
import { pointType } from '../crypto/ec-curves';
import { ASN1 } from '../tlv/asn1-tags';
import { decodeTlv, tlvChildren } from '../tlv/ber-tlv-reader';
import { readUnsignedIntegerBytes } from '../tlv/der-values';
import type { SignatureScheme } from './signature-algorithm';
import type { PublicKeyInfo } from './subject-public-key-info';

const NODE_CURVES = new Set(['secp256r1', 'secp384r1', 'secp521r1', 'secp224r1']);
const NOBLE_HASH = { sha1, sha224, sha256, sha384, sha512 } as const;
const keyObjects = new WeakMap<Uint8Array, KeyObject>();

function nodeKey(spki: Uint8Array): KeyObject {
  let key = keyObjects.get(spki);
  if (!key) {
    key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    keyObjects.set(spki, key);
  }
  return key;
}

/** (r, s) from a DER ECDSA-Sig-Value or a plain r ‖ s signature. */
export function ecdsaComponents(signature: Uint8Array, encoding: 'der' | 'plain'): [bigint, bigint] | null {
  try {
    if (encoding === 'plain') {
      if (signature.length === 0 || signature.length % 2 !== 0) return null;
      const half = signature.length / 2;
      return [bytesToBigInt(signature.subarray(0, half)), bytesToBigInt(signature.subarray(half))];
    }
    const seq = decodeTlv(signature);
    if (seq.tag !== ASN1.SEQUENCE) return null;
    const [r, s] = tlvChildren(seq);
    if (!r || !s) return null;
    return [bytesToBigInt(readUnsignedIntegerBytes(r)), bytesToBigInt(readUnsignedIntegerBytes(s))];
  } catch {
    return null;
  }
}

export function verifySignature(key: PublicKeyInfo, scheme: SignatureScheme, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    switch (scheme.kind) {
      case 'rsa-pkcs1':
        if (key.kind !== 'RSA') return false;
        return verify(scheme.hash, data, { key: nodeKey(key.spki), padding: constants.RSA_PKCS1_PADDING }, signature);
      case 'rsa-pss':
        if (key.kind !== 'RSA') return false;
        // node:crypto's PSS uses MGF1 with the message hash; others are not used by eMRTD issuers.
        if (scheme.mgfHash !== scheme.hash) return false;
        return verify(scheme.hash, data, { key: nodeKey(key.spki), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: scheme.saltLength }, signature);
      case 'ecdsa': {
        if (key.kind !== 'EC') return false;
        const rs = ecdsaComponents(signature, scheme.encoding);
        if (!rs) return false;
        const n = key.domain.n;
        if (rs[0] <= 0n || rs[0] >= n || rs[1] <= 0n || rs[1] >= n) return false;
        if (!key.explicit && key.curveName && NODE_CURVES.has(key.curveName)) {
          const size = Math.ceil(n.toString(16).length / 2);
          const p1363 = concat(bigIntToBytes(rs[0], size), bigIntToBytes(rs[1], size));
          return verify(scheme.hash, data, { key: nodeKey(key.spki), dsaEncoding: 'ieee-p1363' }, p1363);
        }
        return verifyEcdsaNoble(key, scheme.hash, data, rs);
      }
    }
  } catch {
    return false;
  }
}

function verifyEcdsaNoble(key: Extract<PublicKeyInfo, { kind: 'EC' }>, hash: keyof typeof NOBLE_HASH, data: Uint8Array, [r, s]: [bigint, bigint]): boolean {
  const Point = pointType(key.domain);
  const size = Math.ceil(key.domain.n.toString(16).length / 2);
  const digest = new Uint8Array(createHash(hash).update(data).digest());
  const verifier = ecdsa(Point, NOBLE_HASH[hash]);
  return verifier.verify(concat(bigIntToBytes(r, size), bigIntToBytes(s, size)), digest, key.point, { prehash: false, lowS: false, format: 'compact' });
}
