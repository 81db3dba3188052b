// Encodes CMS SignedData (RFC 5652 §5) the way ICAO 9303-10 §4.6.2 profiles it for EF.SOD:
// version 3, one SignerInfo identified by issuer and serial number, signed attributes content type,
// message digest and signing time. Used to build test SODs and CardSecurity files, and the
// software chip's; the signature itself comes from the caller (any key node:crypto can sign with).
import { createHash } from 'node:crypto';
import { concat, fromHex } from '../bytes';
import { der } from '../tlv/der-values';
import { tlv } from '../tlv/ber-tlv-writer';
import { OID } from './object-identifiers';
import { oidOfHash, type HashName, type SignatureScheme } from './signature-algorithm';
import type { Certificate } from './x509-certificate';

export interface CmsSigner {
  readonly certificate: Certificate;
  readonly digest: HashName;
  readonly scheme: SignatureScheme;
  /** Signs the DER signed attributes with the signer's private key. */
  readonly sign: (data: Uint8Array) => Uint8Array;
}

export function encodeAlgorithm(oid: string, params: Uint8Array | null = der.null()): Uint8Array {
  return params ? der.sequence(der.oid(oid), params) : der.sequence(der.oid(oid));
}

export function encodeSignatureAlgorithm(scheme: SignatureScheme): Uint8Array {
  const hash = scheme.hash;
  switch (scheme.kind) {
    case 'rsa-pkcs1': {
      const oid = { sha1: OID.sha1WithRSA, sha224: OID.sha224WithRSA, sha256: OID.sha256WithRSA, sha384: OID.sha384WithRSA, sha512: OID.sha512WithRSA }[hash];
      return encodeAlgorithm(oid);
    }
    case 'rsa-pss':
      return der.sequence(
        der.oid(OID.rsassaPss),
        der.sequence(
          der.explicit(0, encodeAlgorithm(oidOfHash(hash))),
          der.explicit(1, der.sequence(der.oid(OID.mgf1), encodeAlgorithm(oidOfHash(scheme.mgfHash)))),
          der.explicit(2, der.integer(scheme.saltLength)),
        ),
      );
    case 'ecdsa': {
      const plain = { sha1: OID.ecdsaPlainSha1, sha224: OID.ecdsaPlainSha224, sha256: OID.ecdsaPlainSha256, sha384: OID.ecdsaPlainSha384, sha512: OID.ecdsaPlainSha512 };
      const x962 = { sha1: OID.ecdsaWithSha1, sha224: OID.ecdsaWithSha224, sha256: OID.ecdsaWithSha256, sha384: OID.ecdsaWithSha384, sha512: OID.ecdsaWithSha512 };
      return encodeAlgorithm(scheme.encoding === 'plain' ? plain[hash] : x962[hash], null);
    }
  }
}

export function encodeSignedData(input: {
  readonly contentType: string;
  readonly content: Uint8Array;
  readonly signer: CmsSigner;
  readonly certificates?: readonly Uint8Array[];
  readonly signingTime?: Date;
}): Uint8Array {
  const { signer } = input;
  const digestAlg = encodeAlgorithm(oidOfHash(signer.digest));
  const attribute = (oid: string, value: Uint8Array) => der.sequence(der.oid(oid), der.set(value));
  const attrs = [
    attribute(OID.contentType, der.oid(input.contentType)),
    attribute(OID.messageDigest, der.octetString(new Uint8Array(createHash(signer.digest).update(input.content).digest()))),
    ...(input.signingTime ? [attribute(OID.signingTime, der.time(input.signingTime))] : []),
  ];
  const signedAttrs = der.setOf(...attrs);
  const signature = signer.sign(signedAttrs);
  const signerInfo = der.sequence(
    der.integer(1),
    der.sequence(signer.certificate.issuer.encoded, der.unsignedInteger(fromHex(signer.certificate.serialNumber))),
    digestAlg,
    concat(new Uint8Array([0xa0]), signedAttrs.subarray(1)),
    encodeSignatureAlgorithm(signer.scheme),
    der.octetString(signature),
  );
  const certs = input.certificates ?? [signer.certificate.encoded];
  const signedData = der.sequence(
    der.integer(3),
    der.set(digestAlg),
    der.sequence(der.oid(input.contentType), der.explicit(0, der.octetString(input.content))),
    ...(certs.length ? [tlv(0xa0, concat(...certs))] : []),
    der.set(signerInfo),
  );
  return der.sequence(der.oid(OID.signedData), der.explicit(0, signedData));
}
