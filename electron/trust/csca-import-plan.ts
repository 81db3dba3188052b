// What importing files into the CSCA trust store would add, decided before anything is written:
// every file read (csca-trust-file.ts), every master list's own signature verified against the
// roots given (ICAO 9303-12 §8: the list is signed by a master list signer certified by the
// issuing State's CSCA), every certificate file checked to hold CA certificates only. One file
// refused refuses the import: the store then imports nothing (csca-trust-store.ts applies a plan
// in one transaction, where CRLs are checked against the CSCAs they must be signed by).
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { LoupeError } from '../common/loupe-error';
import type { CscaSourceKind } from '../contract/csca-trust.contract';
import type { RevocationList } from '../chip/pki/certificate-revocation-list';
import { verifyMasterList } from '../chip/pki/master-list';
import type { Certificate } from '../chip/pki/x509-certificate';
import { readTrustFile } from './csca-trust-file';

export interface TrustFileInput {
  /** The file as the user named it (messages say this); the store keeps its base name only. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface PlannedFile {
  readonly name: string;
  readonly fileName: string;
  readonly fileSha256: string;
  readonly kind: CscaSourceKind;
  readonly certificates: readonly Certificate[];
  readonly crls: readonly RevocationList[];
  /** The master list signer's subject. */
  readonly signer: string | null;
  /** Entries of a master list left out, with why (not readable, not a CA certificate). */
  readonly leftOut: readonly string[];
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A CA certificate: basic constraints say so (9303-12 Table 6: mandatory in CSCA and link
 * certificates), or, without them, its key usage certifies keys. Document signer certificates carry
 * neither (their key only signs), so one handed over by mistake is refused, never made a trust anchor.
 */
export function isCaCertificate(c: Certificate): boolean {
  if (c.isCa !== null) return c.isCa;
  return c.keyUsage?.keyCertSign === true;
}

function describe(c: Certificate): string {
  return `${c.subject.text}, serial ${c.serialNumber}`;
}

/** Reads and verifies every file; throws (TrustFileRefused, SignatureRefused) on the first one refused. */
export function planTrustImport(files: readonly TrustFileInput[], roots: readonly Certificate[], now: Date): PlannedFile[] {
  if (files.length === 0) throw new LoupeError('trust', 'InvalidInput', 'give at least one file to import');
  return files.map(({ name, bytes }) => {
    const content = readTrustFile(name, bytes);
    const base = { name, fileName: basename(name), fileSha256: sha256Hex(bytes) };
    switch (content.kind) {
      case 'master-list': {
        if (roots.length === 0) {
          throw new LoupeError('trust', 'SignatureRefused', `'${name}' is a master list: give the CSCA certificate that certified its signer with --signer ROOT, so its signature can be verified`);
        }
        const verification = verifyMasterList(content.list, roots, now);
        if (!verification.valid) throw new LoupeError('trust', 'SignatureRefused', `the master list '${name}' is refused whole: ${verification.detail}`);
        const leftOut: string[] = [];
        if (content.list.rejected > 0) leftOut.push(`${content.list.rejected} ${content.list.rejected === 1 ? 'entry is not a certificate' : 'entries are not certificates'} this station can read`);
        // A master list carries CSCA and link certificates (9303-12 §8); anything that says it is
        // not a CA cannot anchor a chain and is left out.
        const certificates = content.list.certificates.filter((c) => {
          if (isCaCertificate(c)) return true;
          leftOut.push(`not a CA certificate: ${describe(c)}`);
          return false;
        });
        return { ...base, kind: 'master-list', certificates, crls: [], signer: verification.signer?.subject.text ?? null, leftOut };
      }
      case 'certificate': {
        const notCa = content.certificates.find((c) => !isCaCertificate(c));
        if (notCa) {
          throw new LoupeError('trust', 'TrustFileRefused', `'${name}' holds a certificate that is not a CA certificate (${describe(notCa)}; a document signer?): only CSCA and link certificates are trusted`);
        }
        return { ...base, kind: 'certificate', certificates: content.certificates, crls: [], signer: null, leftOut: [] };
      }
      case 'crl':
        return { ...base, kind: 'crl', certificates: [], crls: content.crls, signer: null, leftOut: [] };
    }
  });
}

/**
 * A link certificate (ICAO 9303-12 §5.5.2) is signed by the previous CSCA key, not its own: told
 * apart without verifying a signature (a Brainpool one costs milliseconds, a master list holds
 * hundreds) by its issuer differing from its subject, or its authority key differing from its own.
 */
export function isLinkCertificate(c: Certificate): boolean {
  if (!c.selfIssued) return true;
  return c.authorityKeyIdentifier !== null && c.subjectKeyIdentifier !== null && c.authorityKeyIdentifier !== c.subjectKeyIdentifier;
}
