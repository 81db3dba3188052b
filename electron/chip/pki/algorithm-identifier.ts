// AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL } (RFC 5280 §4.1.1.2).
import { ASN1 } from '../tlv/asn1-tags';
import { expectTag, tlvChildren, type Tlv } from '../tlv/ber-tlv-reader';
import { readOid } from '../tlv/der-values';
import { TlvError } from '../tlv/tlv-error';

export interface AlgorithmIdentifier {
  readonly oid: string;
  /** The parameters element, absent or NULL → null. */
  readonly parameters: Tlv | null;
}

export function readAlgorithmIdentifier(t: Tlv, what = 'algorithm identifier'): AlgorithmIdentifier {
  const [oid, parameters] = tlvChildren(expectTag(t, ASN1.SEQUENCE, what));
  if (!oid) throw new TlvError('missing-element', t.offset, what);
  return { oid: readOid(oid, what), parameters: parameters && parameters.tag !== ASN1.NULL ? parameters : null };
}
