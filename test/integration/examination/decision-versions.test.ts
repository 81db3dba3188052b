// Decisions are versions, never overwrites; "genuine" on a failed or expired document needs a
// confirming reason, refused on the Node side without one; records made before versions and the
// overall verdict existed load complete; the station's next steps per verdict level. Real station
// database, real MRZ readings.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layerVerdicts } from '../../../electron/checks/layered-verdict';
import type { Examination, Officer } from '../../../electron/contract/examination.contract';
import { ExaminationService } from '../../../electron/examination/examination.service';
import { DEFAULT_NEXT_STEPS, NEXT_STEPS_KEY, stationNextSteps } from '../../../electron/examination/next-steps';
import { readMrzText } from '../../../electron/mrz';
import { openStationStore, type StationStore } from '../../../electron/store';
import { useTempDir } from '../../helpers/temp-dir';
import { makeExamination } from '../store/fixtures/examination-fixture';

const ADA: Officer = { name: 'Ada Reyes', badge: 'B-1001' };
const TOMAS: Officer = { name: 'Tomas Lind', badge: 'B-2002' };
const dir = useTempDir('loupe-decisions-');
let store: StationStore;
let examinations: ExaminationService;
let clock = new Date('2026-03-01T08:00:00Z');

// ICAO 9303 Part 4 specimen (expired 2012-04-15) and the same holder valid until 2034.
const EXPIRED = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const VALID = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3404159ZE184226B<<<<<16'];

/** A stored examination as an older build wrote it: no overall verdict, no decision versions. */
function stored(id: string, opts: { lines?: string[]; status?: 'pass' | 'fail'; decided?: boolean } = {}): Examination {
  const exam = makeExamination({ id, createdAt: '2026-02-01T09:00:00.000Z', layerStatus: opts.status ?? 'pass' });
  const mrz = readMrzText(opts.lines ?? VALID, { source: 'text', now: new Date(exam.createdAt) });
  // Examined against a reference class: the physical layer was performed.
  const checks: Examination['checks'] = [...exam.checks, { id: 'document.identification', title: 'Document identification', layer: 'physical', status: 'pass', measured: 'score 0.99', expected: '', evidence: [], explanation: 'Identified.' }];
  const record: Examination = {
    ...exam,
    mrz,
    checks,
    verdict: layerVerdicts(checks),
    decision: opts.decided ? { verdict: 'inconclusive-refer', reasons: ['first look'], notes: '', officer: TOMAS, decidedAt: '2026-02-01T09:05:00.000Z' } : null,
  };
  delete record.overall;
  delete record.decisions;
  store.saveExamination(record);
  return record;
}

const audited = (id: string) => store.auditLog(100).filter((e) => e.subject === id);

beforeAll(() => {
  store = openStationStore(join(dir, 'station'));
  examinations = new ExaminationService(store, 'test', null, () => clock);
});

afterAll(() => store.close());

describe('decision versions', () => {
  it('a record from before versions loads with its decision as version 1 and its overall verdict', () => {
    stored('old-1', { decided: true });
    const raw = store.getExamination('old-1')!;
    expect(raw.overall).toBeUndefined();
    expect(raw.decisions).toBeUndefined();
    const exam = examinations.get('old-1', ADA);
    expect(exam.decisions).toEqual([raw.decision]);
    expect(exam.overall?.level).toBe('pass');
  });

  it('keeps every decision: who, when, what and why, with the verdict it was taken against', () => {
    clock = new Date('2026-03-01T08:00:00Z');
    const first = examinations.decide('old-1', { verdict: 'genuine', reasons: ['all features present'], notes: 'checked under UV' }, ADA);
    clock = new Date('2026-03-01T09:30:00Z');
    const second = examinations.decide('old-1', { verdict: 'false-forged', reasons: ['photo edge lifted under magnification'], notes: '' }, TOMAS);
    expect(first.decisions).toHaveLength(2);
    expect(second.decisions?.map((d) => [d.verdict, d.officer.name, d.decidedAt, d.reasons[0]])).toEqual([
      ['inconclusive-refer', 'Tomas Lind', '2026-02-01T09:05:00.000Z', 'first look'],
      ['genuine', 'Ada Reyes', '2026-03-01T08:00:00.000Z', 'all features present'],
      ['false-forged', 'Tomas Lind', '2026-03-01T09:30:00.000Z', 'photo edge lifted under magnification'],
    ]);
    expect(second.decision).toEqual(second.decisions?.[2]);
    expect(second.decisions?.[1]?.basis).toEqual({ level: 'pass', expired: false });
    // Stored as such, and read back the same.
    expect(store.getExamination('old-1')?.decisions).toEqual(second.decisions);
    expect(audited('old-1').filter((e) => e.action === 'examination.decide')).toHaveLength(2);
  });
});

describe('"genuine" on a failed or expired document', () => {
  it('is refused without a confirming reason, and nothing is saved or audited', () => {
    stored('failed-1', { status: 'fail' });
    const before = examinations.get('failed-1', ADA);
    expect(before.overall?.level).toBe('fail');
    const log = audited('failed-1').length;
    expect(() => examinations.decide('failed-1', { verdict: 'genuine', reasons: ['looks fine'], notes: '' }, ADA)).toThrow(
      expect.objectContaining({ kind: 'ConfirmationRequired', message: expect.stringMatching(/failed its checks: to record it as genuine, give the reason/) }),
    );
    expect(examinations.get('failed-1', ADA).decisions).toEqual([]);
    expect(audited('failed-1').filter((e) => e.action === 'examination.decide')).toHaveLength(0);
    expect(audited('failed-1').length).toBe(log + 1); // the read above, nothing else
  });

  it('is recorded with the confirming reason and the verdict it overrides', () => {
    const exam = examinations.decide('failed-1', { verdict: 'genuine', reasons: ['issuer confirmed by phone'], notes: '', confirmation: 'Check digit misprint known for this series (expert note 12/2025)' }, ADA);
    expect(exam.decision).toMatchObject({ verdict: 'genuine', confirmation: 'Check digit misprint known for this series (expert note 12/2025)', basis: { level: 'fail', expired: false } });
    expect(audited('failed-1').find((e) => e.action === 'examination.decide')?.details).toEqual({ verdict: 'genuine', reasons: 1, confirmed: true });
  });

  it('needs the reason for an expired document too, and not for any other verdict', () => {
    stored('expired-1', { lines: EXPIRED });
    const exam = examinations.get('expired-1', ADA);
    expect(exam.overall).toMatchObject({ level: 'attention', expired: { on: '2012-04-15' } });
    expect(() => examinations.decide('expired-1', { verdict: 'genuine', reasons: [], notes: '' }, ADA)).toThrow(expect.objectContaining({ kind: 'ConfirmationRequired', message: expect.stringMatching(/has expired/) }));
    expect(examinations.decide('expired-1', { verdict: 'inconclusive-refer', reasons: ['expired'], notes: '' }, ADA).decision?.basis).toEqual({ level: 'attention', expired: true });
  });
});

describe('next steps per verdict level', () => {
  it('are the defaults until the station sets its own, then the station’s, kept across restarts', () => {
    expect(stationNextSteps(store)).toEqual({ nextSteps: DEFAULT_NEXT_STEPS, defaults: DEFAULT_NEXT_STEPS });
    const own = { ...DEFAULT_NEXT_STEPS, fail: 'Retain the document; call the duty document expert on 4410.' };
    expect(stationNextSteps(store, own).nextSteps.fail).toBe(own.fail);
    store.close();
    store = openStationStore(join(dir, 'station'));
    examinations = new ExaminationService(store, 'test', null, () => clock);
    expect(stationNextSteps(store).nextSteps).toEqual(own);
  });

  it('refuse an empty step, and fall back to the defaults for a setting they cannot read', () => {
    expect(() => stationNextSteps(store, { ...DEFAULT_NEXT_STEPS, pass: '  ' })).toThrow();
    store.setSetting(NEXT_STEPS_KEY, { fail: 42, attention: 'Look again.' });
    expect(stationNextSteps(store).nextSteps).toEqual(DEFAULT_NEXT_STEPS);
    store.setSetting(NEXT_STEPS_KEY, { attention: 'Look again.' });
    expect(stationNextSteps(store).nextSteps).toEqual({ ...DEFAULT_NEXT_STEPS, attention: 'Look again.' });
  });
});
