// The privacy rule, proven end to end: a real examination (the pipeline on a specimen's images)
// carrying canary personal values is decided as a forgery; trend records are built from it, notes
// holding the canaries are refused, bundles are exported at both scopes and imported elsewhere, and
// every output — trend tables, inflated bundles, CSV — is byte-searched for every canary.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Examination } from '../../../electron/contract/examination.contract';
import { verifyBundleHead } from '../../../electron/exchange/bundle-codec';
import { ExaminationService } from '../../../electron/examination/examination.service';
import { builtinReferenceDir, openReferenceLibrary, userReferenceDir } from '../../../electron/reference';
import { mrzCheckDigit } from '../../../electron/specimens/check-digit';
import type { StationStore } from '../../../electron/store';
import { openStationTrends, type StationTrendStore, trustForTrends, importAtStation } from '../../helpers/station-trends';
import { TrendsService } from '../../../electron/trends/trends.service';
import { fraudExaminationsAround } from '../../../electron/trends/week-examinations';
import { useTempDir } from '../../helpers/temp-dir';
import { snapshotTrendTables } from './trend-db-snapshot';

const dir = useTempDir('loupe-trend-privacy-');
const specimens = join(process.cwd(), 'assets', 'specimens');
const OFFICER = { name: 'Officer Canaryfield', badge: 'B-7' };

// Canary personal values: unlikely to occur anywhere by chance.
const SURNAME = 'QZWXKANARY';
const GIVEN = 'VYJUPKANA';
const DOC = 'QK7Z3X9W1';
const BIRTH = '581129';
const PERSONAL = 'ZQ4471X8K2';
const pad = (s: string, n: number) => s.padEnd(n, '<').slice(0, n);
const line1 = pad(`P<UTO${SURNAME}<<${GIVEN}`, 44);
const personal14 = pad(PERSONAL, 14);
const head = `${DOC}${mrzCheckDigit(DOC)}UTO${BIRTH}${mrzCheckDigit(BIRTH)}F300101${mrzCheckDigit('300101')}${personal14}${mrzCheckDigit(personal14)}`;
const composite = mrzCheckDigit(`${DOC}${mrzCheckDigit(DOC)}${BIRTH}${mrzCheckDigit(BIRTH)}300101${mrzCheckDigit('300101')}${personal14}${mrzCheckDigit(personal14)}`);
const line2 = `${head}${composite}`;
const CANARIES = [SURNAME, GIVEN, DOC, BIRTH, PERSONAL, '29.11.1958', '1958-11-29', line1, line2, line1.slice(0, 20), line2.slice(0, 20), OFFICER.name];

let stationStore: StationStore;
let trendStore: StationTrendStore;
let trends: TrendsService;
let exam: Examination;
let examinations: ExaminationService;

beforeAll(async () => {
  // One station database, one connection: the trend store and the trust lists work on the station store's.
  trendStore = openStationTrends(join(dir, 'station'));
  stationStore = trendStore.station;
  const library = openReferenceLibrary({ builtinDir: builtinReferenceDir(), userDir: userReferenceDir(join(dir, 'station')) });
  examinations = new ExaminationService(stationStore, 'Gate 1', library);
  const id = 'spc-9303-0000';
  exam = await examinations.examine(
    { source: 'test', images: (['white', 'ir', 'uv'] as const).map((light) => ({ light, path: join(specimens, `${id}_${light}.png`) })), mrzText: [line1, line2] },
    OFFICER,
  );
  exam = examinations.decide(exam.id, { verdict: 'false-forged', reasons: ['data page altered'], notes: `holder ${SURNAME} ${GIVEN}` }, OFFICER);
  trendStore.saveSettings({ country: 'SRB', pointOfEntry: 'RS-BATROVCI', line: 'second', direction: 'entry', k: 3 });
  trends = new TrendsService({
    store: trendStore,
    trust: trendStore.trust,
    dataDir: join(dir, 'station'),
    examination: (x) => examinations.get(x, OFFICER),
    referenceClass: (x) => library.find(x)?.cls ?? null,
    imagePath: (h) => stationStore.imagePath(h),
    examinationsOfWeek: (week) => fraudExaminationsAround(stationStore, week),
  });
}, 120_000);

afterAll(async () => {
  await examinations.close();
  trendStore.close();
});

const inflate = (bundle: Buffer) => gunzipSync(bundle.subarray(verifyBundleHead(bundle, () => trends.identity().publicKey).payloadOffset));

function expectNoCanary(what: string, bytes: Buffer | string): void {
  const text = (typeof bytes === 'string' ? bytes : bytes.toString('latin1')).toUpperCase();
  for (const canary of CANARIES) expect(text.includes(canary.toUpperCase()), `${what} holds ${canary}`).toBe(false);
}

describe('privacy of trend records', () => {
  it('the examination itself holds the canaries (so the searches below are meaningful)', () => {
    expect(JSON.stringify(exam)).toContain(SURNAME);
    expect(exam.mrz?.fields.documentNumber).toBe(DOC);
    expect(exam.identification?.classId).toBe('aurora-td3');
  });

  it('refuses notes holding any canary, naming only the class of value', async () => {
    const proposal = trends.propose(exam.id);
    for (const notes of [`bearer ${SURNAME.toLowerCase()}`, `book ${DOC}`, 'born 29.11.1958', `pn ${PERSONAL}`, line2.slice(0, 30), `given ${GIVEN}`]) {
      const err = await trends.record({ examinationId: exam.id, fraudType: proposal.fraudType, revealedBy: proposal.revealedBy, notes, cropZoneIds: [], supersedes: null }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/personal data \(/);
      expectNoCanary('error message', (err as Error).message);
    }
    // A revealing feature typed by the examiner is screened like the notes.
    for (const typed of [`photo of ${SURNAME}`, 'book AB1234567']) {
      const err = await trends.record({ examinationId: exam.id, fraudType: proposal.fraudType, revealedBy: [typed], notes: null, cropZoneIds: [], supersedes: null }).catch((e: Error) => e);
      expect((err as Error).message).toMatch(/revealing feature contains personal data/);
    }
    expect(trendStore.db.prepare('SELECT count(*) FROM trend_records').pluck().get()).toBe(0);
  });

  it('builds records, exports at both scopes, and no output holds a canary', async () => {
    const proposal = trends.propose(exam.id);
    expect(proposal).toMatchObject({ documentClassId: 'aurora-td3', context: { pointOfEntry: 'RS-BATROVCI' } });
    expect(proposal.cropZones.map((z) => z.id)).toEqual(expect.arrayContaining(['uv-emblem', 'pattern']));
    expect(proposal.cropZones.map((z) => z.id)).not.toContain('photo');
    // The page-wide pattern crop overlaps the photo, fields and MRZ: they must come out masked.
    const [pattern] = await trends.previewCrops(exam.id, ['pattern']);
    const { data, info } = await sharp(Buffer.from(pattern!.pngBase64, 'base64')).raw().toBuffer({ resolveWithObject: true });
    let black = 0;
    for (let i = 0; i < data.length; i += info.channels) if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 0) black++;
    expect(black / (info.width * info.height)).toBeGreaterThan(0.15);
    for (let i = 0; i < 3; i++) {
      await trends.record({ examinationId: exam.id, fraudType: 'forged-data-alteration', revealedBy: proposal.revealedBy, notes: 'Data page re-laminated; UV emblem faint at the lower edge.', cropZoneIds: i === 0 ? ['uv-emblem', 'pattern'] : [], supersedes: null });
    }
    const national = trends.exportBundle({ since: null, scope: 'national', k: null });
    const international = trends.exportBundle({ since: null, scope: 'international', k: 3 });
    expect(national.records).toBe(3);
    expect(international.records).toBe(3);
    writeFileSync(join(dir, 'national.bundle'), national.bundle);
    writeFileSync(join(dir, 'international.bundle'), international.bundle);
    const csv = trends.csv({});
    expect(csv.rows).toBe(3);

    // A receiving station imports both: its trend tables are searched too.
    const other = openStationTrends(join(dir, 'other'));
    trustForTrends(other, 'Sender', trends.identity().publicKey);
    expect(importAtStation(other, readFileSync(join(dir, 'national.bundle'))).addedRecords).toBe(3);
    const otherDump = snapshotTrendTables(other.db);
    other.close();

    const outputs: [string, Buffer | string][] = [
      ['trend tables', snapshotTrendTables(trendStore.db)],
      ['national bundle file', readFileSync(join(dir, 'national.bundle'))],
      ['national bundle inflated', inflate(national.bundle)],
      ['international bundle inflated', inflate(international.bundle)],
      ['CSV export', csv.csv],
      ['dashboard', JSON.stringify(trends.dashboard({}))],
      ['drill-down', JSON.stringify(trends.records({}, 100, 0))],
      ['receiving station trend tables', otherDump],
    ];
    for (const [what, bytes] of outputs) expectNoCanary(what, bytes);
    expect(inflate(national.bundle).toString()).toContain('re-laminated');
  });

  it("screens a correction's notes against the examinations of the record's week", () => {
    const [row] = trends.recordRows({ filter: {}, limit: 1, offset: 0, includeSuperseded: false }).rows;
    expect(row?.correctable).toBe(true);
    // The record does not name its examination: the canaries are found through the week's examinations.
    for (const [notes, found] of [[`carried by ${GIVEN.toLowerCase()}`, 'name'], ['born 29.11.1958', 'birth-date'], [`pn ${PERSONAL}`, 'personal-number']] as const) {
      const err = (() => {
        try {
          trends.correct({ id: row!.record.id, fraudType: 'forged-photo-substitution', revealedBy: row!.record.revealedBy, notes });
          return null;
        } catch (e) {
          return e as Error;
        }
      })();
      expect(err?.message).toMatch(/notes contain personal data \(/);
      expect(err?.message).toContain(found);
      expectNoCanary('error message', err!.message);
    }
    const fixed = trends.correct({ id: row!.record.id, fraudType: 'forged-photo-substitution', revealedBy: row!.record.revealedBy, notes: 'Portrait replaced, edge re-laminated.' });
    expect(fixed.supersedes).toBe(row!.record.id);
    expectNoCanary('corrected record', JSON.stringify(fixed));
    expectNoCanary('trend tables after a correction', snapshotTrendTables(trendStore.db));
  });
});

describe('privacy of expert alerts', () => {
  // Free of personal zones but for a 11 × 22 pixel corner on the portrait (trivial: 1.3 % of the box).
  const nearPortrait = { light: 'white' as const, x: 480, y: 80, w: 200, h: 90, label: 'Header guilloche' };
  const overPortrait = { light: 'white' as const, x: 100, y: 200, w: 300, h: 300, label: 'Laminate edge' };

  it('refuses a hotspot over the portrait, in the preview and when publishing, and stores nothing', async () => {
    await expect(trends.previewCrops(exam.id, [], [overPortrait])).rejects.toThrow(/covers the personal zone “Portrait”/);
    const alertsBefore = trendStore.db.prepare('SELECT count(*) FROM expert_alerts').pluck().get();
    await expect(
      trends.publishAlert({ documentClassId: 'aurora-td3', fraudType: 'forged-photo-substitution', title: 'Re-laminated portraits', lookFor: 'Edge of the laminate', hotspots: [nearPortrait, overPortrait], examinationId: null, cropZoneIds: [], validUntilWeek: null }),
    ).rejects.toThrow(/hotspot 2 “Laminate edge” covers the personal zone “Portrait”/);
    expect(trendStore.db.prepare('SELECT count(*) FROM expert_alerts').pluck().get()).toBe(alertsBefore);
  });

  it("attaches redacted crops of drawn hotspots and feature zones, the portrait's corner masked", async () => {
    const [preview] = await trends.previewCrops(exam.id, [], [nearPortrait]);
    expect(preview).toMatchObject({ zoneId: 'hotspot-1', label: 'Header guilloche', light: 'white' });
    await expect(trends.publishAlert({ documentClassId: 'aurora-td3', fraudType: 'counterfeit', title: 'Blurred guilloche', lookFor: 'Broken fine lines', hotspots: [nearPortrait], examinationId: exam.id, cropZoneIds: [], validUntilWeek: null, cropHotspots: [1] })).rejects.toThrow(/no hotspot 2/);
    const alert = await trends.publishAlert({
      documentClassId: 'aurora-td3',
      fraudType: 'counterfeit',
      title: 'Blurred guilloche',
      lookFor: 'Broken fine lines in the header and a dull emblem.',
      hotspots: [nearPortrait],
      examinationId: exam.id,
      cropZoneIds: ['uv-emblem'],
      validUntilWeek: null,
      cropHotspots: [0],
    });
    expect(alert.crops.map((c) => c.zoneId)).toEqual(['uv-emblem', 'hotspot-1']);
    expect(alert.hotspots).toEqual([nearPortrait]);
    // The crop of the hotspot: its lower-left corner lies on the portrait, and is painted black.
    const crop = alert.crops[1]!;
    const { data, info } = await sharp(Buffer.from(crop.pngBase64, 'base64')).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect(at(1, info.height - 2)).toEqual([0, 0, 0]);
    expect(at(info.width - 2, 2)).not.toEqual([0, 0, 0]);
    expectNoCanary('alert', JSON.stringify(alert));
    expect(trends.alertsForClass('aurora-td3').map((a) => a.id)).toContain(alert.id);
  });
});
