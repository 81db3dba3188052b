// The station's trust lists (docs/trust.md): the keys whose reference packages and whose trend
// bundles this station accepts, in the station database (table trust_members, migration 0007) on
// the station store's connection. Removing a key revokes its entry (kept, with when): a list that
// says who was trusted, and until when, is what an examiner can defend.
import type Database from 'better-sqlite3';
import type { StationStore } from '../store/station-store';
import { keyIdentity } from './public-key';
import { planAddition, planRevocation, memberOfRow, type MemberRequest, type MemberRow, type TrustMember, type TrustPurpose } from './trust-member';

/** A station id → the raw public key of an active member (exchange/bundle-codec.ts TrustLookup). */
export type KeyLookup = (station: string) => string | undefined;

type StationRow = MemberRow & { trusted_for: TrustPurpose };

export class StationTrust {
  private readonly db: Database.Database;
  private readonly byStation: Database.Statement;
  private readonly activeKey: Database.Statement;

  constructor(station: StationStore) {
    this.db = station.connection;
    this.byStation = this.db.prepare('SELECT * FROM trust_members WHERE station = ? AND trusted_for = ?');
    this.activeKey = this.db.prepare("SELECT public_key FROM trust_members WHERE station = ? AND trusted_for = ? AND status = 'active'").pluck();
  }

  /** Entries by name; only those for one purpose, or only the active ones, when asked. */
  list(filter: { for?: TrustPurpose; active?: boolean } = {}): TrustMember[] {
    const clauses = ['true'];
    const params: string[] = [];
    if (filter.for !== undefined) {
      clauses.push('trusted_for = ?');
      params.push(filter.for);
    }
    if (filter.active) clauses.push("status = 'active'");
    const rows = this.db.prepare(`SELECT * FROM trust_members WHERE ${clauses.join(' AND ')} ORDER BY name, trusted_for, station`).all(...params) as StationRow[];
    return rows.map((r) => memberOfRow(r, r.trusted_for));
  }

  /** The entry of a station for a purpose, active or revoked. */
  member(station: string, purpose: TrustPurpose): TrustMember | undefined {
    const row = this.byStation.get(station, purpose) as StationRow | undefined;
    return row ? memberOfRow(row, purpose) : undefined;
  }

  /** The active member for a purpose whose key is `station`'s, if any. */
  trusted(station: string, purpose: TrustPurpose): TrustMember | undefined {
    const member = this.member(station, purpose);
    return member?.status === 'active' ? member : undefined;
  }

  /** Keys of the active members for a purpose, by station id (what signature checks consult). */
  lookup(purpose: TrustPurpose): KeyLookup {
    return (station) => this.activeKey.get(station, purpose) as string | undefined;
  }

  /** Trusts a key for a purpose (renames it when already trusted; reinstates it when revoked). */
  add(request: MemberRequest, now: Date = new Date()): TrustMember {
    return this.db
      .transaction(() => {
        const { change, member } = planAddition(this.member(keyIdentity(request.publicKey).station, request.for), request, 'rename', now);
        if (change === 'add' || change === 'reinstate') {
          this.db
            .prepare(
              `INSERT INTO trust_members (station, trusted_for, public_key, name, status, added_by, added_at, revoked_at)
               VALUES (@station, @for, @publicKey, @name, 'active', @addedBy, @addedAt, NULL)
               ON CONFLICT (station, trusted_for) DO UPDATE SET name = excluded.name, status = 'active', added_by = excluded.added_by,
                 added_at = excluded.added_at, revoked_at = NULL`,
            )
            .run(member);
        } else if (change === 'rename') {
          this.db.prepare('UPDATE trust_members SET name = ? WHERE station = ? AND trusted_for = ?').run(member.name, member.station, member.for);
        }
        return member;
      })
      .immediate();
  }

  /** Revokes the active entries for a purpose of a station id or of a name; returns them as revoked. */
  remove(stationOrName: string, purpose: TrustPurpose, now: Date = new Date()): TrustMember[] {
    return this.db
      .transaction(() => {
        const rows = this.db.prepare("SELECT * FROM trust_members WHERE trusted_for = ? AND status = 'active' AND (station = ? OR name = ?)").all(purpose, stationOrName, stationOrName) as StationRow[];
        const revoked = rows.map((row) => planRevocation(memberOfRow(row, purpose), row.station, now));
        const update = this.db.prepare("UPDATE trust_members SET status = 'revoked', revoked_at = ? WHERE station = ? AND trusted_for = ?");
        for (const m of revoked) update.run(m.revokedAt, m.station, m.for);
        return revoked;
      })
      .immediate();
  }
}
