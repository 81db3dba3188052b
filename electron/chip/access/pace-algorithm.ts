// The PACE protocol identifiers (BSI TR-03110-3 §A.1.1.1, ICAO 9303-11 §9.2.1): id-PACE.{mapping and
// key agreement}.{cipher}, e.g. 0.4.0.127.0.7.2.2.4.2.2 = id-PACE-ECDH-GM-AES-CBC-CMAC-128.
import { OID } from '../pki/object-identifiers';
import type { SymmetricCipher } from '../crypto/symmetric-cipher';

export type PaceMapping = 'GM' | 'IM' | 'CAM';

export interface PaceAlgorithm {
  readonly oid: string;
  readonly agreement: 'DH' | 'ECDH';
  readonly mapping: PaceMapping;
  readonly cipher: SymmetricCipher;
}

const MAPPINGS: Record<string, { agreement: 'DH' | 'ECDH'; mapping: PaceMapping }> = {
  '1': { agreement: 'DH', mapping: 'GM' },
  '2': { agreement: 'ECDH', mapping: 'GM' },
  '3': { agreement: 'DH', mapping: 'IM' },
  '4': { agreement: 'ECDH', mapping: 'IM' },
  '6': { agreement: 'ECDH', mapping: 'CAM' },
};

const CIPHERS: Record<string, SymmetricCipher> = { '1': 'TDES', '2': 'AES-128', '3': 'AES-192', '4': 'AES-256' };

export function paceAlgorithm(oid: string): PaceAlgorithm | null {
  if (!oid.startsWith(`${OID.idPACE}.`)) return null;
  const [m, c, ...rest] = oid.slice(OID.idPACE.length + 1).split('.');
  const mapping = m ? MAPPINGS[m] : undefined;
  const cipher = c ? CIPHERS[c] : undefined;
  if (!mapping || !cipher || rest.length > 0) return null;
  // CAM exists only with AES (TR-03110-3 §A.1.1.1).
  if (mapping.mapping === 'CAM' && cipher === 'TDES') return null;
  return { oid, ...mapping, cipher };
}

export function paceOid(agreement: 'DH' | 'ECDH', mapping: PaceMapping, cipher: SymmetricCipher): string {
  const m = Object.entries(MAPPINGS).find(([, v]) => v.agreement === agreement && v.mapping === mapping)?.[0];
  const c = Object.entries(CIPHERS).find(([, v]) => v === cipher)?.[0];
  if (!m || !c) throw new RangeError(`no PACE OID for ${agreement}-${mapping}-${cipher}`);
  return `${OID.idPACE}.${m}.${c}`;
}
