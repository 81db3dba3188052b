// The station's CSCA trust store (docs/trust.md): the country signing CA certificates and CRLs
// passive authentication verifies eMRTD chips against (ICAO 9303-11 §5.1), in the station database
// (migration 0008) on the station store's connection. Each certificate is held once (by the SHA-256
// of its DER) with every import that brought it; each issuer's newest CRL is held, and only when a
// CSCA held verifies its signature. An import is applied in one transaction: a refused CRL refuses
// the whole import. The index passive authentication needs (the chip domain's indexTrustAnchors) is
// built once and built again only when the store's generation — raised by every import, in this
// process or another — has changed.
import type Database from 'better-sqlite3';
import { LoupeError } from '../common/loupe-error';
import type { CrlEntry, CscaEntry, CscaSource, CscaSourceKind } from '../contract/csca-trust.contract';
import { signedBy } from '../chip/pki/certificate-chain';
import { decodeRevocationList, type RevocationList } from '../chip/pki/certificate-revocation-list';
import { indexTrustAnchors, type TrustAnchors } from '../chip/pki/trust-anchors';
import { decodeCertificate, type Certificate } from '../chip/pki/x509-certificate';
import type { StationStore } from '../store/station-store';
import { isLinkCertificate, sha256Hex, type PlannedFile } from './csca-import-plan';
import { icaoStateOfCountry } from './issuing-state-codes.data';

/** What passive authentication is given: the trusted certificates, indexed, and the CRLs held. */
export interface TrustIndex {
  readonly anchors: TrustAnchors;
  readonly crls: readonly RevocationList[];
  readonly generation: number;
}

export type CrlFate = 'new' | 'replaced' | 'older-than-held' | 'already-held';

export interface FileImportResult {
  readonly file: string;
  readonly kind: CscaSourceKind;
  readonly fileSha256: string;
  readonly signer: string | null;
  readonly certificates: number;
  readonly added: number;
  readonly alreadyHeld: number;
  readonly leftOut: readonly string[];
  readonly crls: readonly { issuer: string; thisUpdate: string; nextUpdate: string | null; revoked: number; fate: CrlFate }[];
}

interface ImportRow {
  id: number;
  kind: CscaSourceKind;
  file_name: string;
  file_sha256: string;
  signer: string | null;
  imported_at: string;
  imported_by: string;
}

interface CertificateRow {
  sha256: string;
  state: string | null;
  country: string | null;
  subject: string;
  issuer: string;
  serial: string;
  not_before: string;
  not_after: string;
  link: number;
}

function sourceOf(row: ImportRow): CscaSource {
  return { kind: row.kind, file: row.file_name, fileSha256: row.file_sha256, signer: row.signer, importedAt: row.imported_at, importedBy: row.imported_by };
}

export class CscaTrustStore {
  private readonly db: Database.Database;
  private readonly generationQuery: Database.Statement;
  private index: TrustIndex | null = null;

  constructor(station: StationStore) {
    this.db = station.connection;
    this.generationQuery = this.db.prepare('SELECT generation FROM csca_store_state WHERE id = 1').pluck();
  }

  /** Raised by every change of the store. */
  generation(): number {
    return Number(this.generationQuery.get() ?? 0);
  }

  /** The index for passive authentication: built on first use and again after the store changed. */
  trustIndex(): TrustIndex {
    const generation = this.generation();
    if (this.index?.generation === generation) return this.index;
    const certificates: Certificate[] = [];
    for (const der of this.db.prepare('SELECT der FROM csca_certificates ORDER BY sha256').pluck().all() as Buffer[]) {
      certificates.push(decodeCertificate(new Uint8Array(der)));
    }
    const crls = (this.db.prepare('SELECT der FROM csca_crls ORDER BY issuer_key').pluck().all() as Buffer[]).map((der) => decodeRevocationList(new Uint8Array(der)));
    this.index = { anchors: indexTrustAnchors(certificates), crls, generation };
    return this.index;
  }

  /** Every certificate held, by state then subject, with the imports that brought it. */
  certificates(): CscaEntry[] {
    const sources = new Map<string, CscaSource[]>();
    const rows = this.db
      .prepare('SELECT s.sha256 AS cert, i.* FROM csca_certificate_sources s JOIN csca_imports i ON i.id = s.import_id ORDER BY i.id')
      .all() as (ImportRow & { cert: string })[];
    for (const row of rows) sources.set(row.cert, [...(sources.get(row.cert) ?? []), sourceOf(row)]);
    const certificates = this.db.prepare("SELECT * FROM csca_certificates ORDER BY coalesce(state, '~'), subject, not_before, length(serial), serial, sha256").all() as CertificateRow[];
    return certificates.map((c) => ({
      sha256: c.sha256, state: c.state, country: c.country, subject: c.subject, issuer: c.issuer, serial: c.serial,
      notBefore: c.not_before, notAfter: c.not_after, link: c.link === 1, sources: sources.get(c.sha256) ?? [],
    }));
  }

  /** The CRL held per issuer. */
  crls(): CrlEntry[] {
    const rows = this.db.prepare('SELECT c.issuer, c.state, c.this_update, c.next_update, c.revoked, c.sha256, i.* FROM csca_crls c JOIN csca_imports i ON i.id = c.import_id ORDER BY c.state, c.issuer').all() as (ImportRow & {
      issuer: string; state: string | null; this_update: string; next_update: string | null; revoked: number; sha256: string;
    })[];
    return rows.map((r) => ({ issuer: r.issuer, state: r.state, thisUpdate: r.this_update, nextUpdate: r.next_update, revoked: r.revoked, sha256: r.sha256, source: sourceOf(r) }));
  }

  /** How many certificates and CRLs are held. */
  counts(): { certificates: number; crls: number } {
    const certificates = Number(this.db.prepare('SELECT count(*) FROM csca_certificates').pluck().get());
    return { certificates, crls: Number(this.db.prepare('SELECT count(*) FROM csca_crls').pluck().get()) };
  }

  /** The most recent import, if any. */
  lastImport(): CscaSource | null {
    const row = this.db.prepare('SELECT * FROM csca_imports ORDER BY id DESC LIMIT 1').get() as ImportRow | undefined;
    return row ? sourceOf(row) : null;
  }

  /**
   * Applies a plan (csca-import-plan.ts) in one transaction: certificates added or recorded as
   * brought again, then CRLs, each checked against the CSCAs held with this import's; a CRL no CSCA
   * verifies refuses the whole import.
   */
  import(plan: readonly PlannedFile[], importedBy: string, now: Date = new Date()): FileImportResult[] {
    return this.db
      .transaction(() => {
        // Read under the write lock: a CSCA another process imported a moment ago counts for a CRL.
        const before = this.trustIndex();
        const insertImport = this.db.prepare('INSERT INTO csca_imports (kind, file_name, file_sha256, signer, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?)');
        const insertCertificate = this.db.prepare(
          `INSERT INTO csca_certificates (sha256, der, state, country, subject, issuer, serial, not_before, not_after, link)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
        );
        const insertSource = this.db.prepare('INSERT INTO csca_certificate_sources (sha256, import_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
        const heldCrl = this.db.prepare('SELECT sha256, this_update FROM csca_crls WHERE issuer_key = ?');
        const putCrl = this.db.prepare(
          `INSERT INTO csca_crls (issuer_key, issuer, state, sha256, der, this_update, next_update, revoked, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (issuer_key) DO UPDATE SET issuer = excluded.issuer, state = excluded.state, sha256 = excluded.sha256, der = excluded.der,
             this_update = excluded.this_update, next_update = excluded.next_update, revoked = excluded.revoked, import_id = excluded.import_id`,
        );
        const at = now.toISOString();
        const incoming = plan.flatMap((f) => f.certificates);
        const results = plan.map((file): FileImportResult => {
          const importId = Number(insertImport.run(file.kind, file.fileName, file.fileSha256, file.signer, at, importedBy).lastInsertRowid);
          let added = 0;
          const seen = new Set<string>();
          for (const c of file.certificates) {
            const sha256 = sha256Hex(c.encoded);
            if (seen.has(sha256)) continue;
            seen.add(sha256);
            added += insertCertificate.run(
              sha256, Buffer.from(c.encoded), icaoStateOfCountry(c.subject.country), c.subject.country, c.subject.text, c.issuer.text, c.serialNumber,
              c.notBefore.toISOString(), c.notAfter.toISOString(), isLinkCertificate(c) ? 1 : 0,
            ).changes;
            insertSource.run(sha256, importId);
          }
          const crls = file.crls.map((crl) => {
            // The CRL must be signed by a CSCA of its issuer's name (9303-12 §7.1.4), held or coming now.
            const candidates = [...(before.anchors.bySubject.get(crl.issuer.key) ?? []), ...incoming.filter((c) => c.subject.key === crl.issuer.key)];
            if (!candidates.some((c) => signedBy(crl, c))) {
              throw new LoupeError('trust', 'SignatureRefused', `the CRL of ${crl.issuer.text} in '${file.name}' is signed by no CSCA held: import its CSCA first (nothing was imported)`);
            }
            const sha256 = sha256Hex(crl.encoded);
            const held = heldCrl.get(crl.issuer.key) as { sha256: string; this_update: string } | undefined;
            const thisUpdate = crl.thisUpdate.toISOString();
            let fate: CrlFate = held === undefined ? 'new' : 'replaced';
            if (held?.sha256 === sha256) fate = 'already-held';
            else if (held && held.this_update >= thisUpdate) fate = 'older-than-held';
            if (fate === 'new' || fate === 'replaced') {
              putCrl.run(crl.issuer.key, crl.issuer.text, icaoStateOfCountry(crl.issuer.country), sha256, Buffer.from(crl.encoded), thisUpdate, crl.nextUpdate?.toISOString() ?? null, crl.revoked.size, importId);
            }
            return { issuer: crl.issuer.text, thisUpdate, nextUpdate: crl.nextUpdate?.toISOString() ?? null, revoked: crl.revoked.size, fate };
          });
          return { file: file.fileName, kind: file.kind, fileSha256: file.fileSha256, signer: file.signer, certificates: seen.size, added, alreadyHeld: seen.size - added, leftOut: file.leftOut, crls };
        });
        this.db.prepare('UPDATE csca_store_state SET generation = generation + 1 WHERE id = 1').run();
        return results;
      })
      .immediate();
  }
}
