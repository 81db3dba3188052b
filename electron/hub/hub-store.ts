// The hub's storage, written once over a small SQL driver so SQLite (embedded default) and
// PostgreSQL (deployment) share one schema (migrations/, one file per migration), one set of queries and one test
// suite. A driver supplies only what differs: transactions, and the bulk insert paths.
import type { BundleDescriptor, IngestOutcome } from '../exchange/hub-protocol';
import type { BundleManifest } from '../contract/trends.contract';
import type { RecordRows } from '../exchange/bundle-chunk';
import { sessionOfItems, type DecodeSession } from '../exchange/bundle-decode-pool';
import { canonicalJson } from '../exchange/canonical-json';
import { keyIdentity } from '../trust/public-key';
import { memberOfRow, planAddition, planRevocation, type MemberRow, type TrustMember } from '../trust/trust-member';
import { aggregatePending, pendingAggregation, type PendingAggregation } from './hub-aggregates';
import { BundleError } from '../exchange/bundle-codec';
import { conflictError, type ConflictReport } from './hub-errors';
import type { PreparedItems } from './hub-items';

export type HubDialect = 'sqlite' | 'postgres';
export type SqlValue = string | number | null | Buffer;

export interface SqlSession {
  /** Rows of a query written with `?` placeholders. */
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement; returns the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface BulkColumn {
  name: string;
  type: 'text' | 'int';
}

export interface HubSqlDriver extends SqlSession {
  readonly dialect: HubDialect;
  /** Runs `fn` in one write transaction; ingests are serialised so seq follows commit order. */
  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T>;
  /** INSERT ... ON CONFLICT DO NOTHING; returns the keys (first column) actually inserted. */
  insertIgnore(tx: SqlSession, table: string, columns: readonly BulkColumn[], rows: readonly SqlValue[][]): Promise<Set<string>>;
  /**
   * Inserts a chunk of decoded records into hub_records (insert-or-skip by id) with first_seq =
   * `seq`; returns the indexes (in `rows`) of the records already stored.
   */
  insertRecordRows(tx: SqlSession, seq: number, rows: RecordRows): Promise<number[]>;
  /** Brings the planner's statistics up to date after the read side grew (where the database does not do it itself). */
  optimize(): Promise<void>;
  /** The chunk layout insertRecordRows reads (bundle-chunk.ts). */
  readonly chunkLayout: 'rows' | 'copy';
  close(): Promise<void>;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

export interface IngestInput {
  sha256: string;
  bytes: Buffer;
  signer: string;
  pushedBy: string;
  items: PreparedItems;
  receivedAt?: Date;
}

/** A bundle being decoded (verified; lines still to come), to store as it arrives. */
export interface DecodedIngestInput {
  sha256: string;
  bytes: Buffer;
  pushedBy: string;
  session: DecodeSession;
  receivedAt?: Date;
}

const ALERT_COLUMNS: BulkColumn[] = [
  { name: 'id', type: 'text' },
  { name: 'station', type: 'text' },
  { name: 'country', type: 'text' },
  { name: 'document_class_id', type: 'text' },
  { name: 'issuer', type: 'text' },
  { name: 'fraud_type', type: 'text' },
  { name: 'week', type: 'text' },
  { name: 'valid_until_week', type: 'text' },
  { name: 'first_seq', type: 'int' },
  { name: 'content', type: 'text' },
];
const IN_CHUNK = 500;

export const HUB_TABLES = ['hub_trust', 'hub_audit', 'hub_bundles', 'hub_records', 'hub_alerts', 'hub_facts', 'hub_cube', 'hub_cube_total', 'hub_weekly_checks', 'hub_cross', 'hub_cross_total', 'hub_aggregated'] as const;

export class HubStore {
  /** The read-side refresh under way, if any (callers share it). */
  private refreshing: Promise<PendingAggregation | undefined> | undefined;

  constructor(private readonly driver: HubSqlDriver) {}

  get dialect(): HubDialect {
    return this.driver.dialect;
  }

  /** The layout of decoded chunks this store inserts from (bundle-chunk.ts). */
  get chunkLayout(): 'rows' | 'copy' {
    return this.driver.chunkLayout;
  }

  /** Read-only queries for the dashboard (dialect-neutral SQL, `?` placeholders). */
  query<T = Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.driver.all<T>(sql, params);
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  // ── Trust list (administrator) ────────────────────────────────────────────────────────────
  // The hub's members, in the trust domain's entry format and through its rules (trust/trust-member.ts):
  // every member is trusted for trends (its requests, and the bundles it pushes).

  async trustList(): Promise<TrustMember[]> {
    const rows = await this.driver.all<MemberRow>('SELECT * FROM hub_trust ORDER BY added_at, station');
    return rows.map(toMember);
  }

  /** Active members: station id → raw public key (base64). */
  async activeKeys(): Promise<Map<string, string>> {
    const rows = await this.driver.all<{ station: string; public_key: string }>("SELECT station, public_key FROM hub_trust WHERE status = 'active'");
    return new Map(rows.map((r) => [r.station, r.public_key]));
  }

  /**
   * Adds a member by its public key (raw base64 or PEM); a revoked member is reinstated, an active
   * one refused. Audited under `actor`.
   */
  async addTrust(publicKey: string, name: string, actor: string): Promise<TrustMember> {
    const request = { name, publicKey, for: 'trends' as const, addedBy: actor };
    const { station } = keyIdentity(publicKey);
    return this.driver.transaction(async (tx) => {
      const [row] = await tx.all<MemberRow>('SELECT * FROM hub_trust WHERE station = ?', [station]);
      const { change, member } = planAddition(row ? toMember(row) : undefined, request, 'refuse', new Date());
      if (change === 'reinstate') {
        await tx.run("UPDATE hub_trust SET status = 'active', name = ?, revoked_at = NULL, added_by = ?, added_at = ? WHERE station = ?", [member.name, actor, member.addedAt, station]);
      } else {
        await tx.run("INSERT INTO hub_trust (station, public_key, name, status, added_by, added_at, revoked_at) VALUES (?, ?, ?, 'active', ?, ?, NULL)", [station, member.publicKey, member.name, actor, member.addedAt]);
      }
      await audit(tx, actor, change === 'reinstate' ? 'trust-reinstate' : 'trust-add', { station, name: member.name });
      return member;
    });
  }

  /** Revokes a member: it can no longer sign requests or bundles. Audited under `actor`. */
  async revokeTrust(station: string, actor: string): Promise<TrustMember> {
    return this.driver.transaction(async (tx) => {
      const [row] = await tx.all<MemberRow>('SELECT * FROM hub_trust WHERE station = ?', [station]);
      const revoked = planRevocation(row ? toMember(row) : undefined, station, new Date());
      await tx.run("UPDATE hub_trust SET status = 'revoked', revoked_at = ? WHERE station = ?", [revoked.revokedAt, station]);
      await audit(tx, actor, 'trust-revoke', { station, name: revoked.name });
      return revoked;
    });
  }

  async auditLog(): Promise<AuditEntry[]> {
    const rows = await this.driver.all<{ at: string; actor: string; action: string; detail: string }>('SELECT at, actor, action, detail FROM hub_audit ORDER BY id');
    return rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }

  // ── Bundles ───────────────────────────────────────────────────────────────────────────────

  async bundleSeq(sha256: string): Promise<number | undefined> {
    const [row] = await this.driver.all<{ seq: number | string }>('SELECT seq FROM hub_bundles WHERE sha256 = ?', [sha256]);
    return row ? Number(row.seq) : undefined;
  }

  async bundlesAfter(after: number, limit: number): Promise<BundleDescriptor[]> {
    const rows = await this.driver.all<Record<string, string | number>>(
      'SELECT seq, sha256, signer, received_at, records, alerts, size FROM hub_bundles WHERE seq > ? ORDER BY seq LIMIT ?',
      [after, limit],
    );
    return rows.map((r) => ({
      seq: Number(r.seq),
      sha256: String(r.sha256),
      signer: String(r.signer),
      receivedAt: String(r.received_at),
      records: Number(r.records),
      alerts: Number(r.alerts),
      size: Number(r.size),
    }));
  }

  async bundleBytes(sha256: string): Promise<Buffer | undefined> {
    const [row] = await this.driver.all<{ bytes: Buffer }>('SELECT bytes FROM hub_bundles WHERE sha256 = ?', [sha256]);
    return row ? Buffer.from(row.bytes) : undefined;
  }

  /** Row count of every hub table (tests assert that refused input changes none of them). */
  async tableCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of HUB_TABLES) {
      const [row] = await this.driver.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`);
      counts[table] = Number(row?.n ?? 0);
    }
    return counts;
  }

  /**
   * Stores items given as objects (prepared: serialised, de-duplicated) — the same path as a pushed
   * bundle, without decoding. See ingestDecoded.
   */
  async ingest(input: IngestInput): Promise<IngestOutcome> {
    const manifest = { signer: { station: input.signer } } as BundleManifest;
    const session = sessionOfItems(
      manifest,
      [...input.items.records.map((r) => ({ type: 'record' as const, record: r, json: r.json })), ...input.items.alerts.map((a) => ({ type: 'alert' as const, alert: a, json: a.json }))],
      { layout: this.driver.chunkLayout },
    );
    try {
      return await this.ingestDecoded({ sha256: input.sha256, bytes: input.bytes, pushedBy: input.pushedBy, session, ...(input.receivedAt ? { receivedAt: input.receivedAt } : {}) });
    } finally {
      session.close();
    }
  }

  /**
   * Stores a bundle in one transaction while it is decoded: each chunk of records is inserted as it
   * arrives. The same bundle twice is a no-op ("already-have"); an item already stored with the same
   * content is a duplicate. The bundle is refused whole (HubIngestError / HubConflictError, nothing
   * stored) for a refused line, an item not proven to be its station's, or an id stored with
   * different content.
   */
  async ingestDecoded(input: DecodedIngestInput): Promise<IngestOutcome> {
    const { session } = input;
    const signer = session.manifest.signer.station;
    return this.driver.transaction(async (tx) => {
      const [existing] = await tx.all<{ seq: number | string }>('SELECT seq FROM hub_bundles WHERE sha256 = ?', [input.sha256]);
      if (existing) return { status: 'already-have', seq: Number(existing.seq), records: { added: 0, duplicates: 0 }, alerts: { added: 0, duplicates: 0 } };
      const [next] = await tx.all<{ seq: number | string }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM hub_bundles');
      const seq = Number(next!.seq);
      // The bundle row first (its counts at the end): on PostgreSQL the server stores the bytes while
      // the first chunk is still being decoded.
      await tx.run('INSERT INTO hub_bundles (sha256, seq, signer, pushed_by, received_at, records, alerts, size, bytes) VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?)', [
        input.sha256,
        seq,
        signer,
        input.pushedBy,
        (input.receivedAt ?? new Date()).toISOString(),
        input.bytes.length,
        input.bytes,
      ]);
      const refused: RefusedLineReport[] = [];
      let unproven = 0;
      let records = 0;
      let alerts = 0;
      // The records and alerts already held, to compare.
      const heldRecords: { id: string; json: string }[] = [];
      const heldAlerts: { id: string; json: string }[] = [];
      let step = await session.next();
      for (; step.type === 'chunk'; step = await session.next()) {
        const { rows, chunk } = step;
        refused.push(...chunk.refused);
        records += rows.count;
        alerts += chunk.alerts.length;
        // Every item is its origin's (origin-proof.ts: the decoder refuses an item no proof covers,
        // and a proof of a station that is not an active member refuses the bundle) — the same rule
        // as at a station.
        for (const r of chunk.refused) if (r.origin) unproven++;
        // Once the bundle is bound to be refused, nothing more is stored (it is rolled back anyway).
        if (refused.length > 0) continue;
        const held = await this.driver.insertRecordRows(tx, seq, rows);
        for (const i of held) heldRecords.push({ id: rows.id(i), json: rows.json(i) });
        if (chunk.alerts.length > 0) {
          const alertRows = chunk.alerts.map(({ alert: a, json }) => [a.id, a.station, a.country, a.documentClassId, a.issuer, a.fraudType, a.week, a.validUntilWeek, seq, json]);
          const inserted = await this.driver.insertIgnore(tx, 'hub_alerts', ALERT_COLUMNS, alertRows);
          for (const a of chunk.alerts) if (!inserted.has(a.alert.id)) heldAlerts.push({ id: a.alert.id, json: a.json });
        }
      }
      // A station may use a bundle with some bad lines; the hub is the network's shared store and
      // takes a bundle whole or not at all, so a record with an extra field never gets in.
      if (unproven > 0) {
        throw new BundleError('unproven-origin', `${unproven} item(s) are not proven to be their station's (signed by the bundle's signer ${signer} for themselves, or forwarded with their origin's proof); nothing was stored`, { details: refused.filter((r) => r.origin).slice(0, MAX_REPORTED) });
      }
      if (refused.length > 0) {
        throw new BundleError('refused-lines', `${refused.length} line(s) of the bundle are not valid; nothing was stored`, { details: refused.slice(0, MAX_REPORTED) });
      }
      const conflicts = [...(await findConflicts(tx, 'hub_records', 'record', heldRecords)), ...(await findConflicts(tx, 'hub_alerts', 'alert', heldAlerts))];
      if (conflicts.length > 0) throw conflictError(conflicts);
      await tx.run('UPDATE hub_bundles SET records = ?, alerts = ? WHERE seq = ?', [records, alerts, seq]);
      // The read side (facts, counts, crosses) follows in refreshAggregates.
      return {
        status: 'stored',
        seq,
        records: { added: records - heldRecords.length, duplicates: heldRecords.length },
        alerts: { added: alerts - heldAlerts.length, duplicates: heldAlerts.length },
      };
    });
  }

  /** Bundles stored but not yet in the dashboard's tables (undefined when they are current). */
  pendingAggregation(): Promise<PendingAggregation | undefined> {
    return pendingAggregation(this.driver);
  }

  /**
   * Brings the dashboard's tables (facts, counts, crosses) up to the last bundle stored, in one
   * transaction; returns what it added (undefined when they were current). The hub server calls it
   * after every stored bundle; the dashboard's queries call it first, so they never read part of a
   * bundle. Concurrent callers share one refresh, then look again.
   */
  async refreshAggregates(): Promise<PendingAggregation | undefined> {
    while (this.refreshing) await this.refreshing.catch(() => undefined);
    if (!(await this.pendingAggregation())) return undefined;
    if (this.refreshing) return this.refreshAggregates();
    const refresh = this.driver.transaction((tx) => aggregatePending(tx, this.driver.dialect)).then(async (added) => {
      await this.driver.optimize();
      return added;
    });
    this.refreshing = refresh;
    try {
      return await refresh;
    } finally {
      this.refreshing = undefined;
    }
  }
}

type RefusedLineReport = { line: number; reason: string; claimedId?: string; origin?: true };
const MAX_REPORTED = 20;

async function findConflicts(tx: SqlSession, table: string, type: ConflictReport['type'], candidates: readonly { id: string; json: string }[]): Promise<ConflictReport[]> {
  const conflicts: ConflictReport[] = [];
  for (let i = 0; i < candidates.length; i += IN_CHUNK) {
    const chunk = candidates.slice(i, i + IN_CHUNK);
    const rows = await tx.all<{ id: string; content: string }>(`SELECT id, content FROM ${table} WHERE id IN (${chunk.map(() => '?').join(',')})`, chunk.map((c) => c.id));
    const stored = new Map(rows.map((r) => [r.id, r.content]));
    for (const c of chunk) {
      const content = stored.get(c.id);
      // Equal text is equal content; otherwise compared canonically (key order does not matter).
      if (content !== undefined && content !== c.json && canonicalJson(JSON.parse(content)) !== canonicalJson(JSON.parse(c.json))) conflicts.push({ type, id: c.id });
    }
  }
  return conflicts;
}

async function audit(tx: SqlSession, actor: string, action: string, detail: Record<string, unknown>): Promise<void> {
  await tx.run('INSERT INTO hub_audit (at, actor, action, detail) VALUES (?, ?, ?, ?)', [new Date().toISOString(), actor, action, JSON.stringify(detail)]);
}

/** A hub_trust row: every hub member is trusted for trends. */
function toMember(row: MemberRow): TrustMember {
  return memberOfRow(row, 'trends');
}

export type { BundleDescriptor, IngestOutcome } from '../exchange/hub-protocol';
