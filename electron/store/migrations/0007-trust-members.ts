// Migration 7: one format for the keys the station trusts (electron/trust/, docs/trust.md). The
// stations whose trend bundles it accepts (trend_trust, migration 2) and the signers whose reference
// packages it accepts (until now a JSON file of the data folder, reference/trust.json, with SPKI PEM
// keys) become entries of trust_members: the raw 32-byte key in base64, its station id, what it is
// trusted for, its name, when and by whom it was added, and a status. Nothing is lost: every row and
// every signer moves with its name and the time it was added (who added it was never recorded:
// null), and a key on both lists keeps an entry, and a name, for each. The JSON file is left as it
// was and no longer read. A signer that cannot be moved (the file is damaged, a key is not Ed25519 or
// does not match its fingerprint) is not trusted, as the old list would not have trusted it either:
// it is named in the audit log and in one log line, and stays in the file.
// Self-contained on purpose: a migration never changes, so it does not call code that may.
import type { Database } from 'better-sqlite3';
import { createHash, createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Migration, MigrationContext } from '../migration-runner';

const REFERENCE_TRUST_SCHEMA = 'loupe.trust/1';

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The raw key (base64) of an SPKI PEM Ed25519 key, checked against the fingerprint the file gives. */
function rawKeyOf(pem: string, fingerprint: unknown): string {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`its key is ${key.asymmetricKeyType ?? 'of an unknown kind'}, not Ed25519`);
  if (typeof fingerprint === 'string' && fingerprint !== sha256(key.export({ format: 'der', type: 'spki' }))) throw new Error('its fingerprint does not match its key');
  const x = key.export({ format: 'jwk' }).x;
  if (!x) throw new Error('its key has no public part');
  return Buffer.from(x, 'base64url').toString('base64');
}

/** The reference signers of the data folder's old trust list; the problems of those that cannot move. */
function readReferenceSigners(file: string): { signers: { name: string; publicKey: string; addedAt: string }[]; problems: string[] } {
  const problems: string[] = [];
  let entries: unknown[];
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { schema?: unknown; signers?: unknown };
    if (json.schema !== REFERENCE_TRUST_SCHEMA || !Array.isArray(json.signers)) throw new Error('it is not a Loupe trust list');
    entries = json.signers;
  } catch (e) {
    return { signers: [], problems: [`the list could not be read: ${(e as Error).message}`] };
  }
  const signers = entries.flatMap((entry, i) => {
    const s = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const name = typeof s.name === 'string' && s.name.trim() !== '' ? s.name : null;
    try {
      if (name === null || typeof s.publicKey !== 'string' || typeof s.addedAt !== 'string') throw new Error('the entry lacks its name, key or date');
      return [{ name, publicKey: rawKeyOf(s.publicKey, s.fingerprint), addedAt: s.addedAt }];
    } catch (e) {
      problems.push(`signer ${name ?? `#${i + 1}`}: ${(e as Error).message}`);
      return [];
    }
  });
  return { signers, problems };
}

function moveData(db: Database, { dataDir }: MigrationContext): void {
  const trendStations = (db.prepare("SELECT count(*) FROM trust_members WHERE trusted_for = 'trends'").pluck().get() as number) ?? 0;
  const file = dataDir === null ? null : join(dataDir, 'reference', 'trust.json');
  const { signers, problems } = file !== null && existsSync(file) ? readReferenceSigners(file) : { signers: [], problems: [] };
  const insert = db.prepare(
    `INSERT INTO trust_members (station, trusted_for, public_key, name, status, added_by, added_at, revoked_at)
     VALUES (?, 'reference', ?, ?, 'active', NULL, ?, NULL) ON CONFLICT (station, trusted_for) DO NOTHING`,
  );
  let referenceSigners = 0;
  for (const s of signers) referenceSigners += insert.run(sha256(Buffer.from(s.publicKey, 'base64')).slice(0, 16), s.publicKey, s.name, s.addedAt).changes;
  if (trendStations === 0 && signers.length === 0 && problems.length === 0) return;
  db.prepare("INSERT INTO audit_log (at, officer_name, officer_badge, action, subject, details) VALUES (?, NULL, NULL, 'trust.migrate', 'trust lists', ?)").run(
    new Date().toISOString(),
    JSON.stringify({ trendStations, referenceSigners, notMoved: problems }),
  );
  if (problems.length === 0) return;
  const unreadable = signers.length === 0 && problems.length === 1 && problems[0]!.startsWith('the list');
  const what = unreadable
    ? 'the list of trusted signers of reference packages could not be read: none of them is trusted now'
    : `${problems.length === 1 ? 'a trusted signer' : `${problems.length} trusted signers`} of reference packages could not be moved into the station's trust list and ${problems.length === 1 ? 'is' : 'are'} no longer trusted`;
  console.warn(`Loupe: ${what} (${problems.join('; ')}); the old list is kept in the data folder's reference folder. Add them again with loupe trust add.`);
}

export const migration0007: Migration = {
  version: 7,
  name: 'trust-members',
  sql: `
-- One entry per key and purpose. station is derived from the key (sha256 of the raw key, 16 hex
-- digits); an entry removed from the list is revoked (kept, with revoked_at), never deleted.
CREATE TABLE trust_members (
  station     TEXT NOT NULL CHECK (length(station) = 16),
  trusted_for TEXT NOT NULL CHECK (trusted_for IN ('reference', 'trends')),
  public_key  TEXT NOT NULL CHECK (length(public_key) = 44),
  name        TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
  added_by    TEXT,
  added_at    TEXT NOT NULL,
  revoked_at  TEXT,
  PRIMARY KEY (station, trusted_for)
) STRICT;

INSERT INTO trust_members (station, trusted_for, public_key, name, status, added_by, added_at, revoked_at)
  SELECT station, 'trends', public_key, name, 'active', NULL, added_at, NULL FROM trend_trust;
DROP TABLE trend_trust;
`,
  moveData,
};
