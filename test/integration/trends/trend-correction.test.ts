// Corrections through the service on a real station database: a record made here is corrected by a
// new record that supersedes it (the counts move, the drill-down shows the old one as superseded
// with its replacement), corrections chain, and the service refuses to correct a record received
// from another station, an already corrected one, a correction that changes nothing, and notes
// that look like personal data.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrendRecord } from '../../../electron/contract/trends.contract';
import { encodeBundle } from '../../../electron/exchange/bundle-codec';
import type { StationTrendStore } from '../../helpers/station-trends';
import type { TrendsService } from '../../../electron/trends/trends.service';
import { makeRecord, newIdentity } from '../../helpers/trend-fixtures';
import { useTempDir } from '../../helpers/temp-dir';
import { makeRecord as makeLocalRecord } from '../../unit/trends/trend-fixtures';
import { trendsWithoutExaminations } from '../../helpers/trend-service';
import { trustForTrends, importAtStation } from '../../helpers/station-trends';

const dir = useTempDir('loupe-trend-correction-');
let store: StationTrendStore;
let trends: TrendsService;
let own: TrendRecord;
let foreign: TrendRecord;

const WEEK = { from: '2026-W30', to: '2026-W45' };
const countsOf = () => Object.fromEntries(trends.dashboard(WEEK).byWeek.map((r) => [r.fraudType, r.n]));

beforeAll(() => {
  const dataDir = join(dir, 'station');
  ({ store, trends } = trendsWithoutExaminations(dataDir, { now: () => new Date('2026-11-02T10:00:00Z') }));
  own = makeLocalRecord({ station: trends.identity().station, fraudType: 'forged-other', notes: 'laminate lifted', week: '2026-W40', occurrence: '0123456789abcdef' });
  store.addRecord(own);
  store.addRecord(makeRecord(trends.identity().station, 2, { fraudType: 'counterfeit' }));
  // A partner's record arrives in a bundle.
  const partner = newIdentity();
  trustForTrends(store, 'Partner', partner.publicKey);
  foreign = makeRecord(partner.station, 3, { fraudType: 'counterfeit' });
  const report = importAtStation(store, encodeBundle([{ type: 'record', record: foreign }], partner, { scope: 'national', k: null, since: null }));
  expect(report.applied).toBe(true);
});
afterAll(() => store.close());

describe('correcting a trend record', () => {
  it('marks which records this station may correct', () => {
    const { rows } = trends.recordRows({ filter: {}, limit: 10, offset: 0, includeSuperseded: true });
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.record.id === own.id)).toMatchObject({ correctable: true, supersededBy: null });
    expect(rows.find((r) => r.record.id === foreign.id)).toMatchObject({ correctable: false, supersededBy: null });
  });

  it('refuses to correct a record received from another station, and changes nothing', () => {
    const before = countsOf();
    expect(() => trends.correct({ id: foreign.id, fraudType: 'stolen-blank', revealedBy: [], notes: null })).toThrow(/made at station [0-9a-f]{16}: only that station can correct it/);
    expect(countsOf()).toEqual(before);
    expect(store.db.prepare('SELECT count(*) FROM trend_records').pluck().get()).toBe(3);
  });

  it('refuses a correction that changes nothing, notes that look personal, and an unknown record', () => {
    expect(() => trends.correct({ id: own.id, fraudType: own.fraudType, revealedBy: own.revealedBy, notes: own.notes })).toThrow(/changes nothing/);
    expect(() => trends.correct({ id: own.id, fraudType: 'counterfeit', revealedBy: own.revealedBy, notes: 'book AB1234567 seen twice' })).toThrow(/notes contain personal data \(document-number-like\)/);
    expect(() => trends.correct({ id: own.id, fraudType: 'counterfeit', revealedBy: ['P<UTOERIKSSON<<ANNA'], notes: null })).toThrow(/revealing feature contains personal data/);
    expect(() => trends.correct({ id: 'f'.repeat(64), fraudType: 'counterfeit', revealedBy: [], notes: null })).toThrow(/not held here/);
    expect(store.db.prepare('SELECT count(*) FROM trend_records').pluck().get()).toBe(3);
  });

  it('records a correction that supersedes the old record: counts move, the drill-down links them', () => {
    expect(countsOf()).toEqual({ 'forged-other': 1, counterfeit: 2 });
    const fixed = trends.correct({ id: own.id, fraudType: 'forged-photo-substitution', revealedBy: ['Photo zone', 'UV emblem'], notes: 'portrait replaced and re-laminated' });
    expect(fixed).toMatchObject({ supersedes: own.id, fraudType: 'forged-photo-substitution', station: own.station, week: own.week, context: own.context, occurrence: own.occurrence });
    expect(fixed.id).not.toBe(own.id);
    // The old record left every count; the correction entered them.
    expect(countsOf()).toEqual({ 'forged-photo-substitution': 1, counterfeit: 2 });
    expect(trends.dashboard(WEEK).total).toBe(3);
    // Current records only by default; with superseded ones, the old record names its replacement.
    expect(trends.recordRows({ filter: {}, limit: 10, offset: 0, includeSuperseded: false }).rows.map((r) => r.record.id)).not.toContain(own.id);
    const rows = trends.recordRows({ filter: {}, limit: 10, offset: 0, includeSuperseded: true }).rows;
    expect(rows.find((r) => r.record.id === own.id)).toMatchObject({ supersededBy: fixed.id, correctable: false });
    expect(trends.recordRow(fixed.id)).toMatchObject({ supersededBy: null, correctable: true });
    // The old record is kept, unchanged (the table refuses updates of content).
    expect(store.getRecord(own.id)).toEqual(own);
  });

  it('chains corrections, and refuses to correct a superseded version', () => {
    const first = trends.recordRow(own.id).supersededBy!;
    expect(() => trends.correct({ id: own.id, fraudType: 'counterfeit', revealedBy: [], notes: null })).toThrow(/already corrected \(by record [0-9a-f]{12}…\): correct the newest version/);
    const second = trends.correct({ id: first, fraudType: 'forged-data-alteration', revealedBy: ['Data page'], notes: null });
    expect(second.supersedes).toBe(first);
    // A correction of a correction that changes nothing is refused too.
    expect(() => trends.correct({ id: second.id, fraudType: second.fraudType, revealedBy: second.revealedBy, notes: second.notes })).toThrow(/changes nothing/);
    expect(trends.recordRow(first)).toMatchObject({ supersededBy: second.id, correctable: false });
    expect(trends.recordRow(own.id).supersededBy).toBe(first);
    expect(countsOf()).toEqual({ 'forged-data-alteration': 1, counterfeit: 2 });
    // Exactly one version of the detection is current.
    const versions = new Set([own.id, first, second.id]);
    const live = trends.recordRows({ filter: {}, limit: 10, offset: 0, includeSuperseded: false }).rows.filter((r) => versions.has(r.record.id));
    expect(live.map((r) => r.record.id)).toEqual([second.id]);
  });
});
