// X.501 Names (RFC 5280 §4.1.2.4) as certificates of the eMRTD PKI carry them: readable text for
// the officer, and a comparison key that matches names whose encodings differ only in string type,
// case or spacing (RFC 5280 §7.1, simplified: many CSCA and DS certificates re-encode names).
import { ASN1 } from '../tlv/asn1-tags';
import { expectTag, tlvChildren, type Tlv } from '../tlv/ber-tlv-reader';
import { readOid, readString } from '../tlv/der-values';

const SHORT: Record<string, string> = {
  '2.5.4.6': 'C', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.3': 'CN', '2.5.4.5': 'serialNumber', '2.5.4.7': 'L', '2.5.4.8': 'ST',
  '1.2.840.113549.1.9.1': 'emailAddress', '2.5.4.4': 'SN', '2.5.4.42': 'GN', '2.5.4.46': 'dnQualifier',
};

export interface X509Name {
  /** The encoded Name, as found. */
  readonly encoded: Uint8Array;
  /** e.g. "C=DE, O=BundesDruckerei GmbH, CN=DS". */
  readonly text: string;
  /** Normalized form for matching. */
  readonly key: string;
  /** The country (C) attribute, when present. */
  readonly country: string | null;
}

export function readName(t: Tlv): X509Name {
  const parts: [string, string][] = [];
  for (const rdn of tlvChildren(expectTag(t, ASN1.SEQUENCE, 'name'))) {
    for (const atv of tlvChildren(expectTag(rdn, ASN1.SET, 'relative distinguished name'))) {
      const [type, value] = tlvChildren(expectTag(atv, ASN1.SEQUENCE, 'attribute'));
      if (!type || !value) continue;
      const oid = readOid(type);
      parts.push([SHORT[oid] ?? oid, readString(value)]);
    }
  }
  return {
    encoded: t.encoded,
    text: parts.map(([k, v]) => `${k}=${v}`).join(', '),
    key: parts.map(([k, v]) => `${k.toLowerCase()}=${v.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase()}`).join('|'),
    country: parts.find(([k]) => k === 'C')?.[1].toUpperCase() ?? null,
  };
}
