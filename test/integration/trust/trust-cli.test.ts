// `loupe trust`: one set of verbs for the station's trust lists. A key is given as the 44 characters
// of `loupe trends identity`, as PEM, or as a file holding either; each entry is for reference
// packages or for trend bundles; removing revokes it (kept, with when), and what the list says is
// what imports accept. Bad input exits 2 and changes nothing; every change is in the audit log.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrustMember } from '../../../electron/contract/trust.contract';
import { openStationStore } from '../../../electron/store';
import { loupeInProcess } from '../../helpers/loupe-in-process';
import { useTempDir } from '../../helpers/temp-dir';
import { newIdentity, recordBundle } from '../../helpers/trend-fixtures';
import { loadOrCreateStationKey } from '../../../electron/trust/station-key';

const dir = useTempDir('loupe-trust-cli-');

describe('loupe trust', () => {
  it('adds, lists and removes keys for reference packages and trend bundles', async () => {
    const data = join(dir, 'station');
    const partner = loadOrCreateStationKey(join(dir, 'partner'), 'Border lab');
    const pemFile = join(dir, 'partner.pem');
    writeFileSync(pemFile, partner.publicKeyPem);
    const json = async (...args: string[]) => {
      const run = await loupeInProcess('trust', ...args, '--data', data, '--json', '--actor', 'inspector-7');
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as Record<string, unknown>;
    };

    // The same key for both purposes: by its raw key for trends, by its PEM file for reference.
    const trends = (await json('add', 'Batrovci second line', partner.publicKey, '--for', 'trends')).member as TrustMember;
    const reference = (await json('add', 'Border lab', pemFile, '--for', 'reference')).member as TrustMember;
    expect(trends).toEqual({ station: partner.station, publicKey: partner.publicKey, name: 'Batrovci second line', for: 'trends', status: 'active', addedBy: 'inspector-7', addedAt: expect.any(String), revokedAt: null });
    expect(reference).toMatchObject({ station: partner.station, publicKey: partner.publicKey, name: 'Border lab', for: 'reference', status: 'active' });
    expect(((await json('list')).members as TrustMember[]).map((m) => `${m.name}/${m.for}`)).toEqual(['Batrovci second line/trends', 'Border lab/reference']);
    expect(((await json('list', '--for', 'reference')).members as TrustMember[]).map((m) => m.name)).toEqual(['Border lab']);
    const human = await loupeInProcess('trust', 'list', '--data', data);
    expect(human.stdout).toMatch(new RegExp(`^${partner.station}  trends    active   Batrovci second line  \\(added by \\S+ \\d{4}-\\d\\d-\\d\\dT`, 'm'));

    // A bundle of the partner imports; after removal from the trends list it is refused, and the
    // entry stays, revoked. The reference entry is untouched.
    const bundle = join(dir, 'partner.bundle');
    writeFileSync(bundle, recordBundle(partner, 0, 2));
    expect((await loupeInProcess('trends', 'import', bundle, '--data', data)).code).toBe(0);
    const removed = (await json('remove', partner.station, '--for', 'trends')).removed as TrustMember[];
    expect(removed).toEqual([expect.objectContaining({ station: partner.station, for: 'trends', status: 'revoked', revokedAt: expect.any(String) })]);
    writeFileSync(bundle, recordBundle(partner, 2, 2));
    const refused = await loupeInProcess('trends', 'import', bundle, '--data', data);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringMatching(/not on the trust list/) });
    expect(((await json('list')).members as TrustMember[]).map((m) => `${m.for}:${m.status}`)).toEqual(['trends:revoked', 'reference:active']);
    expect((await json('remove', partner.station, '--for', 'trends')).removed).toEqual([]);
    // Added again: active again.
    expect(((await json('add', 'Batrovci', partner.publicKey, '--for', 'trends')).member as TrustMember).status).toBe('active');

    const station = openStationStore(data);
    try {
      const audit = station.auditLog().filter((e) => e.action.startsWith('trust.'));
      expect(audit.map((e) => `${e.action}:${e.details?.for}:${e.details?.by}`).reverse()).toEqual(['trust.add:trends:inspector-7', 'trust.add:reference:inspector-7', 'trust.remove:trends:inspector-7', 'trust.add:trends:inspector-7']);
    } finally {
      station.close();
    }
  });

  it('refuses bad input with exit code 2 and one plain line, and changes nothing', async () => {
    const data = join(dir, 'untouched');
    const key = newIdentity().publicKey;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const paddingBitSet = `${key.slice(0, 42)}${alphabet[alphabet.indexOf(key[42]!) ^ 1]}=`;
    const rsa = join(dir, 'rsa.pem');
    const { generateKeyPairSync } = await import('node:crypto');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }));
    const cases: [string[], RegExp][] = [
      [['add', 'Partner', key], /--for is required: reference or trends/],
      [['add', 'Partner', key, '--for', 'chips'], /--for is reference or trends, not 'chips'/],
      [['add', 'Partner', 'AAAA', '--for', 'trends'], /'AAAA' is neither a public key \(a raw 32-byte Ed25519 public key in base64/],
      // Padding bits set: Node would decode the same bytes; the key is read strictly.
      [['add', 'Partner', paddingBitSet, '--for', 'trends'], /is neither a public key/],
      [['add', 'Partner', rsa, '--for', 'reference'], /holds no Ed25519 public key \(the public key is rsa, not Ed25519\)/],
      [['add', '', key, '--for', 'trends'], /give the station a name of 1 to 120 characters/],
      [['add', 'x'.repeat(121), key, '--for', 'trends'], /give the station a name of 1 to 120 characters/],
      [['remove', '--for', 'trends'], /usage: loupe trust remove STATION\|NAME/],
      [['rename', 'Partner', '--for', 'trends'], /unknown action 'rename' \(list, add, remove, import, health\)/],
    ];
    for (const [args, message] of cases) {
      const run = await loupeInProcess('trust', ...args, '--data', data);
      expect({ code: run.code, stdout: run.stdout }, args.join(' ')).toEqual({ code: 2, stdout: '' });
      expect(run.stderr.split('\n').filter(Boolean), args.join(' ')).toEqual([expect.stringMatching(new RegExp(`^loupe trust: .*${message.source}`))]);
    }
    const listed = await loupeInProcess('trust', 'list', '--data', data, '--json');
    expect(JSON.parse(listed.stdout)).toEqual({ action: 'list', members: [], cscas: { certificates: 0, crls: 0 } });
    // The old verbs say where the list went.
    const old = await loupeInProcess('trends', 'trust', 'add', 'Partner', key, '--data', data);
    expect(old).toMatchObject({ code: 2, stderr: 'loupe trends: the trust list has its own command: loupe trust list|add|remove --for trends\n' });
  });
});
