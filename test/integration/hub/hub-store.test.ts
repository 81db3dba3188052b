// The hub store on both databases: trust list administration, ingest (idempotent, de-duplicated,
// conflicts refused), hostile bundles that change nothing, pull pages and the dashboard queries.
import { describe, expect, it } from 'vitest';
import { httpStatusOf } from '../../../electron/common/error-status';
import { LoupeError } from '../../../electron/common/loupe-error';
import { BundleError } from '../../../electron/exchange/bundle-codec';
import { ingestBundle } from '../../../electron/hub/hub-ingest';
import { prepareItems } from '../../../electron/hub/hub-items';
import { emergingTrends, recordPage, trendSummary, writeRecordsCsv } from '../../../electron/hub/hub-queries';
import type { HubStore } from '../../../electron/hub/hub-store';
import { decompressionBomb, signedBundleOfLines } from '../../helpers/hostile-bundles';
import { STORE_KINDS, useHubStores } from '../../helpers/hub-stores';
import { publicKeyFromRaw } from '../../../electron/trust/public-key';
import { bundleOf, makeAlertItem, makeRecord, newIdentity, recordBundle, recordItem } from '../../helpers/trend-fixtures';

const station = newIdentity();
const stranger = newIdentity();

async function trusted(open: () => Promise<HubStore>): Promise<HubStore> {
  const store = await open();
  await store.addTrust(station.publicKey, 'Batrovci second line', 'admin');
  return store;
}

async function refusal(p: Promise<unknown>): Promise<{ status: number; fault: string; details: unknown[] }> {
  try {
    await p;
  } catch (e) {
    // As the hub's server answers it: the status of the fault's category.
    if (e instanceof LoupeError) return { status: httpStatusOf(e.category), fault: e.kind, details: [...e.details] };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe.each(STORE_KINDS)('hub store on %s', (kind) => {
  const open = useHubStores(kind);

  it('keeps an audited trust list: add, refuse a duplicate or a malformed key, revoke, reinstate', async () => {
    const store = await open();
    const entry = await store.addTrust(station.publicKey, ' Batrovci ', 'alice');
    expect(entry).toMatchObject({ station: station.station, name: 'Batrovci', status: 'active', addedBy: 'alice' });
    await expect(store.addTrust(station.publicKey, 'again', 'alice')).rejects.toThrow(/already on the trust list/);
    await expect(store.addTrust('not-a-key', 'x', 'alice')).rejects.toThrow(/32-byte Ed25519/);
    expect((await store.activeKeys()).get(station.station)).toBe(station.publicKey);
    expect((await store.revokeTrust(station.station, 'bob')).status).toBe('revoked');
    expect((await store.activeKeys()).size).toBe(0);
    await expect(store.revokeTrust('0123456789abcdef', 'bob')).rejects.toThrow(/not on the trust list/);
    expect((await store.addTrust(station.publicKey, 'Batrovci', 'carol')).status).toBe('active');
    // A key given as PEM is the same member (the trust domain's reading of keys); entries are in its format.
    const other = newIdentity();
    await store.addTrust(publicKeyFromRaw(other.publicKey).export({ format: 'pem', type: 'spki' }).toString(), 'Horgoš', 'dave');
    expect((await store.activeKeys()).get(other.station)).toBe(other.publicKey);
    expect((await store.trustList()).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { station: station.station, publicKey: station.publicKey, name: 'Batrovci', for: 'trends', status: 'active', addedBy: 'carol', addedAt: expect.any(String), revokedAt: null },
      { station: other.station, publicKey: other.publicKey, name: 'Horgoš', for: 'trends', status: 'active', addedBy: 'dave', addedAt: expect.any(String), revokedAt: null },
    ]);
    expect((await store.auditLog()).map((a) => [a.action, a.actor])).toEqual([
      ['trust-add', 'alice'],
      ['trust-revoke', 'bob'],
      ['trust-reinstate', 'carol'],
      ['trust-add', 'dave'],
    ]);
  });

  it('stores a bundle once, numbers bundles in order and de-duplicates records across bundles', async () => {
    const store = await trusted(open);
    const first = await ingestBundle(store, bundleOf(station, [...Array.from({ length: 30 }, (_, i) => recordItem(makeRecord(station.station, i))), makeAlertItem(station.station, 1)]), station.station);
    expect(first).toMatchObject({ status: 'stored', seq: 1, records: { added: 30, duplicates: 0 }, alerts: { added: 1, duplicates: 0 } });
    const again = await ingestBundle(store, (await store.bundleBytes(first.sha256))!, station.station);
    expect(again).toMatchObject({ status: 'already-have', seq: 1 });
    // Records 20..49: 10 already held.
    const overlap = await ingestBundle(store, recordBundle(station, 20, 30), station.station);
    expect(overlap).toMatchObject({ status: 'stored', seq: 2, records: { added: 20, duplicates: 10 } });
    const counts = await store.tableCounts();
    expect(counts).toMatchObject({ hub_bundles: 2, hub_records: 50, hub_alerts: 1 });
    // Pre-aggregates count each record once.
    expect((await trendSummary(store, {})).total).toBe(50);
    expect((await store.bundlesAfter(0, 10)).map((b) => [b.seq, b.records])).toEqual([
      [1, 30],
      [2, 30],
    ]);
    expect((await store.bundlesAfter(1, 10)).map((b) => b.seq)).toEqual([2]);
  });

  it('refuses a record whose id is stored with other content, and stores nothing of that bundle', async () => {
    const store = await trusted(open);
    const original = makeRecord(station.station, 1);
    await ingestBundle(store, recordBundle(station, 1, 1), station.station);
    const before = await store.tableCounts();
    // Content hashing makes this impossible through a bundle: build it at the store level.
    const tampered = { ...makeRecord(station.station, 2), id: original.id };
    const items = prepareItems([recordItem(makeRecord(station.station, 3)), recordItem(tampered)]);
    const error = await store.ingest({ sha256: 'f'.repeat(64), bytes: Buffer.from('x'), signer: station.station, pushedBy: station.station, items }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleError);
    expect(error).toMatchObject({ fault: 'conflict', details: [{ type: 'record', id: original.id }] });
    expect(() => prepareItems([recordItem(original), recordItem(tampered)])).toThrow(expect.objectContaining({ fault: 'conflict' }));
    expect(await store.tableCounts()).toEqual(before);
  });

  it('refuses hostile bundles with a clear fault and changes nothing', async () => {
    const store = await trusted(open);
    await ingestBundle(store, recordBundle(station, 0, 5), station.station);
    const before = await store.tableCounts();
    const good = recordBundle(station, 100, 5);
    const record = makeRecord(station.station, 7);
    const flipped = Buffer.from(good);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 30) ^ 0xff, flipped.length - 30);
    const cases: [string, Buffer, string, number][] = [
      ['unknown signer', recordBundle(stranger, 0, 3), 'unknown-signer', 400],
      ['truncated file', good.subarray(0, good.length - 10), 'truncated', 400],
      ['changed payload', flipped, 'payload-mismatch', 400],
      ['not a bundle', Buffer.from('../../etc/passwd'), 'not-a-bundle', 400],
      ['decompression bomb', decompressionBomb(station), 'decompression-bomb', 400],
      ['extra personal field', signedBundleOfLines(station, [{ type: 'record', record: { ...record, holderName: 'ERIKSSON ANNA' } }]), 'refused-lines', 400],
      ['oversized field', signedBundleOfLines(station, [{ type: 'record', record: { ...record, notes: 'x'.repeat(5000) } }]), 'refused-lines', 400],
      ['path trick in a name', signedBundleOfLines(station, [{ type: 'record', record: { ...record, documentClassId: '../../etc/passwd' } }]), 'refused-lines', 400],
      ['id not matching content', signedBundleOfLines(station, [{ type: 'record', record: { ...record, week: '2026-W41' } }]), 'refused-lines', 400],
      ['records of another station', bundleOf(station, [recordItem(makeRecord(stranger.station, 1))]), 'unproven-origin', 400],
    ];
    for (const [what, bytes, fault, status] of cases) {
      const refused = await refusal(ingestBundle(store, bytes, station.station));
      expect({ what, fault: refused.fault, status: refused.status }).toEqual({ what, fault, status });
    }
    const tooLarge = await refusal(ingestBundle(store, good, station.station, { maxFileBytes: 100, maxUncompressedBytes: 1e9, maxLineBytes: 1e6, maxItems: 1e6 }));
    expect(tooLarge).toMatchObject({ status: 413, fault: 'too-large' });
    const extra = await refusal(ingestBundle(store, signedBundleOfLines(station, [{ type: 'record', record: { ...record, holderName: 'X' } }]), station.station));
    expect(JSON.stringify(extra.details)).toMatch(/line.*1.*holderName|Unrecognized key/i);
    expect(await store.tableCounts()).toEqual(before);
    // A revoked station's bundles are refused too.
    await store.revokeTrust(station.station, 'admin');
    expect((await refusal(ingestBundle(store, good, station.station))).fault).toBe('unknown-signer');
  });

  it('answers the dashboard queries from the weekly tables, with filters, drill-down, CSV and emerging trends', async () => {
    const store = await trusted(open);
    let n = 0;
    const items = [];
    // Baseline: 2 a week for 12 weeks; then 9 in each of the last two weeks (a rise).
    for (let w = 30; w <= 41; w++) for (let i = 0; i < 2; i++) items.push(recordItem(makeRecord(station.station, n++, { week: `2026-W${w}`, pointOfEntry: 'RS-HORGOS' })));
    for (const w of [42, 43]) for (let i = 0; i < 9; i++) items.push(recordItem(makeRecord(station.station, n++, { week: `2026-W${w}`, caughtBy: ['photo-substitution', 'uv-dullness'] })));
    // A new combination: never seen, 4 records in the last two weeks.
    for (let i = 0; i < 4; i++) items.push(recordItem(makeRecord(station.station, n++, { week: '2026-W43', issuer: 'D', documentType: 'Identity card', series: null, fraudType: 'counterfeit', caughtBy: ['b900'] })));
    await ingestBundle(store, bundleOf(station, items), station.station);

    const all = await trendSummary(store, {});
    expect(all.total).toBe(46);
    expect(all.weeks[0]).toBe('2026-W30');
    expect(all.weeks).toHaveLength(14);
    expect(all.dimensions.fraudType.totals).toEqual([
      { key: 'forged-photo-substitution', n: 42 },
      { key: 'counterfeit', n: 4 },
    ]);
    expect(all.dimensions.pointOfEntry.totals).toEqual([
      { key: 'RS-HORGOS', n: 24 },
      { key: 'RS-BATROVCI', n: 22 },
    ]);
    expect(all.dimensions.check.totals).toEqual([
      { key: 'photo-substitution', n: 42 },
      { key: 'uv-dullness', n: 18 },
      { key: 'b900', n: 4 },
    ]);
    expect(all.dimensions.document.totals[1]).toEqual({ key: 'D · Identity card · ', n: 4 });
    expect(all.dimensions.fraudType.weekly.filter((r) => r.week === '2026-W43')).toEqual([
      { week: '2026-W43', key: 'counterfeit', n: 4 },
      { week: '2026-W43', key: 'forged-photo-substitution', n: 9 },
    ]);

    const filtered = await trendSummary(store, { from: '2026-W42', issuer: 'UTO', pointOfEntry: 'RS-BATROVCI' });
    expect(filtered.total).toBe(18);
    expect((await trendSummary(store, { fraudType: 'counterfeit' })).total).toBe(4);

    const page1 = await recordPage(store, { from: '2026-W42' }, 10);
    expect(page1).toHaveLength(10);
    expect(page1[0]!.week).toBe('2026-W43');
    const page2 = await recordPage(store, { from: '2026-W42' }, 100, { week: page1[9]!.week, id: page1[9]!.id });
    expect(page2).toHaveLength(12);
    expect(new Set([...page1, ...page2].map((r) => r.id)).size).toBe(22);

    let csv = '';
    const rows = await writeRecordsCsv(store, { fraudType: 'counterfeit' }, (chunk) => {
      csv += chunk;
    });
    expect(rows).toBe(4);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,week,station,country,issuer,documentType,series,fraudType,pointOfEntry,caughtBy,revealedBy');
    expect(lines[1]).toContain('"Identity card"');

    const { trends } = await emergingTrends(store, { to: '2026-W43' });
    expect(trends.map((t) => [t.kind, t.key.issuer, t.key.fraudType, t.recent, t.baselineTotal])).toEqual([
      ['rising', 'UTO', 'forged-photo-substitution', 18, 24],
      ['new', 'D', 'counterfeit', 4, 0],
    ]);
    expect(trends[0]!.pValue).toBeLessThan(1e-4);
  });
});
