// Chip authentication protocol identifiers (BSI TR-03110-3 §A.1.1.2, ICAO 9303-11 §9.2.5):
// id-CA-{DH,ECDH}-{3DES-CBC-CBC, AES-CBC-CMAC-128/192/256}.
import { OID } from '../pki/object-identifiers';
import type { SymmetricCipher } from '../crypto/symmetric-cipher';

export interface ChipAuthenticationAlgorithm {
  readonly oid: string;
  readonly agreement: 'DH' | 'ECDH';
  readonly cipher: SymmetricCipher;
}

const CIPHERS: Record<string, SymmetricCipher> = { '1': 'TDES', '2': 'AES-128', '3': 'AES-192', '4': 'AES-256' };

export function chipAuthenticationAlgorithm(oid: string): ChipAuthenticationAlgorithm | null {
  if (!oid.startsWith(`${OID.idCA}.`)) return null;
  const [a, c, ...rest] = oid.slice(OID.idCA.length + 1).split('.');
  const cipher = c ? CIPHERS[c] : undefined;
  if ((a !== '1' && a !== '2') || !cipher || rest.length) return null;
  return { oid, agreement: a === '1' ? 'DH' : 'ECDH', cipher };
}

export function chipAuthenticationOid(agreement: 'DH' | 'ECDH', cipher: SymmetricCipher): string {
  const c = Object.entries(CIPHERS).find(([, v]) => v === cipher)![0];
  return `${OID.idCA}.${agreement === 'DH' ? 1 : 2}.${c}`;
}
