// The rules every trust list follows, at a station and at the hub: a key is read in any accepted
// form and stored raw with its station id; adding an active key renames it (station) or is refused
// (hub); adding a revoked one reinstates it; revoking keeps the entry.
import { describe, expect, it } from 'vitest';
import { memberName, memberOfRow, planAddition, planRevocation } from '../../../electron/trust/trust-member';
import { loadOrCreateStationKey } from '../../../electron/trust/station-key';
import { useTempDir } from '../../helpers/temp-dir';

const key = loadOrCreateStationKey(useTempDir('loupe-trust-member-'));
const now = new Date('2026-11-02T10:00:00Z');
const later = new Date('2026-11-09T10:00:00Z');

describe('trust list entries', () => {
  it('adds a key given as PEM as its raw key and station id', () => {
    expect(planAddition(undefined, { name: '  Batrovci  ', publicKey: key.publicKeyPem, for: 'trends', addedBy: 'admin' }, 'refuse', now)).toEqual({
      change: 'add',
      member: { station: key.station, publicKey: key.publicKey, name: 'Batrovci', for: 'trends', status: 'active', addedBy: 'admin', addedAt: now.toISOString(), revokedAt: null },
    });
  });

  it('renames an active entry at a station, refuses it at the hub, and reinstates a revoked one', () => {
    const { member } = planAddition(undefined, { name: 'Batrovci', publicKey: key.publicKey, for: 'trends', addedBy: 'admin' }, 'rename', now);
    expect(planAddition(member, { name: 'Batrovci', publicKey: key.publicKey, for: 'trends', addedBy: 'other' }, 'rename', later)).toEqual({ change: 'unchanged', member });
    expect(planAddition(member, { name: 'Batrovci 2', publicKey: key.publicKey, for: 'trends', addedBy: 'other' }, 'rename', later)).toEqual({ change: 'rename', member: { ...member, name: 'Batrovci 2' } });
    expect(() => planAddition(member, { name: 'Batrovci', publicKey: key.publicKey, for: 'trends', addedBy: 'other' }, 'refuse', later)).toThrow(`station ${key.station} is already on the trust list`);
    const revoked = planRevocation(member, member.station, later);
    expect(revoked).toEqual({ ...member, status: 'revoked', revokedAt: later.toISOString() });
    expect(() => planRevocation(revoked, member.station, later)).toThrow(/already revoked/);
    expect(() => planRevocation(undefined, '0123456789abcdef', later)).toThrow(/not on the trust list/);
    expect(planAddition(revoked, { name: 'Batrovci', publicKey: key.publicKeyPem, for: 'trends', addedBy: 'carol' }, 'refuse', later)).toEqual({
      change: 'reinstate',
      member: { ...member, addedBy: 'carol', addedAt: later.toISOString() },
    });
  });

  it('reads a row of either list into the same entry', () => {
    const row = { station: key.station, public_key: key.publicKey, name: 'Lab', status: 'revoked', added_by: null, added_at: now.toISOString(), revoked_at: later.toISOString() };
    expect(memberOfRow(row, 'reference')).toEqual({ station: key.station, publicKey: key.publicKey, name: 'Lab', for: 'reference', status: 'revoked', addedBy: null, addedAt: now.toISOString(), revokedAt: later.toISOString() });
  });

  it('wants a name of 1 to 120 characters', () => {
    expect(memberName(' x ')).toBe('x');
    for (const bad of ['', '   ', 'x'.repeat(121)]) expect(() => memberName(bad)).toThrow(/name of 1 to 120 characters/);
  });
});
