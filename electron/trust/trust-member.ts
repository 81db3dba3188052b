// Entries of a trust list (contract/trust.contract.ts), the rules for adding and revoking one, and
// their rows: the same for the station's lists (station database, station-trust.ts) and the hub's
// member list (hub database, hub/hub-store.ts), so both read keys, names and rows one way.
import { LoupeError } from '../common/loupe-error';
import type { TrustMember, TrustPurpose } from '../contract/trust.contract';
import { keyIdentity } from './public-key';

export type { TrustMember, TrustPurpose } from '../contract/trust.contract';
export { TRUST_PURPOSES } from '../contract/trust.contract';

export const MEMBER_NAME_MAX = 120;

/** A member's name as given: trimmed, 1 to 120 characters. */
export function memberName(text: string): string {
  const name = text.trim();
  if (name.length === 0 || name.length > MEMBER_NAME_MAX) throw new LoupeError('trust', 'InvalidInput', `give the station a name of 1 to ${MEMBER_NAME_MAX} characters`);
  return name;
}

/** A request to trust a key: its name, the key in any accepted form (public-key.ts), what for, and who asks. */
export interface MemberRequest {
  name: string;
  publicKey: string;
  for: TrustPurpose;
  addedBy: string | null;
}

/** The columns of a trust list row (station `trust_members`, hub `hub_trust`). */
export interface MemberRow {
  station: string;
  public_key: string;
  name: string;
  status: string;
  added_by: string | null;
  added_at: string;
  revoked_at: string | null;
}

export function memberOfRow(row: MemberRow, purpose: TrustPurpose): TrustMember {
  return {
    station: String(row.station),
    publicKey: String(row.public_key),
    name: String(row.name),
    for: purpose,
    status: row.status === 'revoked' ? 'revoked' : 'active',
    addedBy: row.added_by === null || row.added_by === undefined ? null : String(row.added_by),
    addedAt: String(row.added_at),
    revokedAt: row.revoked_at ?? null,
  };
}

/** What adding a key changes: a new entry, a revoked one made active again, a new name, or nothing. */
export interface Addition {
  change: 'add' | 'reinstate' | 'rename' | 'unchanged';
  member: TrustMember;
}

/**
 * Adding a key already trusted for the purpose: the station renames it (as its lists always did);
 * the hub refuses, so an administrator never renames a member by accident.
 */
export type WhenActive = 'rename' | 'refuse';

/** The entry after adding `request` to a list holding `existing` (the same station and purpose, if any). */
export function planAddition(existing: TrustMember | undefined, request: MemberRequest, whenActive: WhenActive, now: Date): Addition {
  const { publicKey, station } = keyIdentity(request.publicKey);
  const name = memberName(request.name);
  if (existing && existing.station !== station) throw new LoupeError('trust', 'Internal', 'an addition compared with another station');
  if (existing?.status === 'active') {
    if (whenActive === 'refuse') throw new LoupeError('trust', 'InvalidInput', `station ${station} is already on the trust list`);
    return existing.name === name ? { change: 'unchanged', member: existing } : { change: 'rename', member: { ...existing, name } };
  }
  const member: TrustMember = { station, publicKey, name, for: request.for, status: 'active', addedBy: request.addedBy, addedAt: now.toISOString(), revokedAt: null };
  return { change: existing ? 'reinstate' : 'add', member };
}

/** The entry after revoking `existing`; a member already revoked is not revoked again. */
export function planRevocation(existing: TrustMember | undefined, station: string, now: Date): TrustMember {
  if (!existing) throw new LoupeError('trust', 'MemberNotFound', `station ${station} is not on the trust list`);
  if (existing.status === 'revoked') throw new LoupeError('trust', 'InvalidInput', `station ${station} is already revoked`);
  return { ...existing, status: 'revoked', revokedAt: now.toISOString() };
}

/** Who made a change from the station's screen: the officer signed in. */
export function officerActor(officer: { name: string; badge: string }): string {
  return `${officer.name} (${officer.badge})`;
}
