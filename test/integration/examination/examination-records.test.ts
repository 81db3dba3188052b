// The one path that changes an examination: apply a change to the record as it is stored → layered
// verdict when results changed → save → audit. Real station database.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from '../../../electron/checks/check-registry';
import type { CheckResult, Examination, Officer } from '../../../electron/contract/examination.contract';
import { StoredExaminationRecords } from '../../../electron/examination/stored-examination-records';
import { openStationStore, type StationStore } from '../../../electron/store';
import { useTempDir } from '../../helpers/temp-dir';
import { makeExamination } from '../store/fixtures/examination-fixture';

const OFFICER: Officer = { name: 'Runa Falk', badge: 'E-404' };
const dir = useTempDir('loupe-records-');
let store: StationStore;
let records: StoredExaminationRecords;

const bearer = (status: CheckResult['status']): CheckResult => ({
  id: 'bearer.face',
  title: 'Holder matches the portrait',
  layer: 'bearer-match',
  status,
  measured: 'printed portrait ↔ live capture: similarity 80 %, distance 0.300 → match',
  expected: 'descriptor distance ≤ 0.50 (match)',
  evidence: [],
  explanation: 'The machine finds the holder and the portrait alike.',
});
const ghost: CheckResult = { ...bearer('pass'), id: 'face.portrait-ghost', title: 'Portrait and ghost image show the same face', layer: 'physical' };

function draft(id: string): Omit<Examination, 'verdict'> {
  const { verdict: _verdict, ...exam } = makeExamination({ id });
  return { ...exam, checks: [...exam.checks, ...runChecks('face', null)] };
}

const audited = (id: string) => store.auditLog(100).filter((e) => e.subject === id).map((e) => e.action);

beforeAll(() => {
  store = openStationStore(join(dir, 'station'));
  records = new StoredExaminationRecords(store);
});

afterAll(() => store.close());

describe('examination records', () => {
  it('create saves the examination with the verdict of its checks and audits it', () => {
    const exam = records.create(draft('rec-1'), OFFICER, { action: 'examination.create', details: { source: 'test' } });
    expect(exam.verdict.find((v) => v.layer === 'bearer-match')).toEqual({ layer: 'bearer-match', status: 'not-performed', summary: 'No live capture of the holder was taken.' });
    expect(store.getExamination('rec-1')).toEqual(exam);
    expect(audited('rec-1')).toEqual(['examination.create']);
  });

  it('results replace the earlier results of their evidence and the verdict follows; what was recorded in between is kept', () => {
    const before = records.read('rec-1');
    const decision = { verdict: 'genuine' as const, reasons: ['features present'], notes: '', officer: OFFICER, decidedAt: '2026-01-01T10:00:00.000Z' };
    records.apply('rec-1', { decision }, OFFICER, { action: 'examination.decide' });
    // Face results computed before the decision arrive after it.
    const after = records.apply('rec-1', { results: { evidence: 'face', checks: [bearer('fail'), ghost] } }, OFFICER, { action: 'face.compare', details: { bands: ['no-match'] } });
    expect(after.checks.map((c) => c.id)).toEqual([...before.checks.map((c) => c.id).filter((id) => id !== 'bearer.face'), 'bearer.face', 'face.portrait-ghost']);
    expect(after.checks.find((c) => c.id === 'bearer.face')?.status).toBe('fail');
    expect(after.verdict.find((v) => v.layer === 'bearer-match')?.status).toBe('fail');
    expect(after.decision).toEqual(decision);
    expect(store.getExamination('rec-1')).toEqual(after);
    expect(audited('rec-1').slice(0, 2)).toEqual(['face.compare', 'examination.decide']);

    // A second analysis replaces the face results again: one bearer.face, no stale ghost result.
    const again = records.apply('rec-1', { results: { evidence: 'face', checks: [bearer('pass')] } }, OFFICER, { action: 'face.compare' });
    expect(again.checks.filter((c) => c.id === 'bearer.face')).toHaveLength(1);
    expect(again.checks.some((c) => c.id === 'face.portrait-ghost')).toBe(false);
    expect(again.verdict.find((v) => v.layer === 'bearer-match')?.status).toBe('pass');
  });

  it('a change without results leaves the checks and the stored verdict as they are', () => {
    const exam = makeExamination({ id: 'rec-2' });
    store.saveExamination(exam);
    const reviewed = records.apply('rec-2', (current) => ({ reviews: [...(current.reviews ?? []), { checkId: 'mrz.check-digits', verdict: 'confirmed', reason: 'seen', officer: OFFICER, at: '2026-01-01T10:00:00.000Z' }] }), OFFICER, { action: 'finding.review' });
    expect(reviewed.checks).toEqual(exam.checks);
    expect(reviewed.verdict).toEqual(exam.verdict);
    expect(reviewed.reviews).toHaveLength(1);
  });

  it('a refused change saves and audits nothing', () => {
    const before = records.read('rec-2');
    const log = audited('rec-2');
    expect(() =>
      records.apply('rec-2', () => {
        throw Object.assign(new Error('no such check'), { kind: 'InvalidInput' });
      }, OFFICER, { action: 'finding.review' }),
    ).toThrow(/no such check/);
    expect(() => records.apply('rec-2', { results: { evidence: 'face', checks: [{ ...ghost, id: 'mrz.check-digits' }] } }, OFFICER, { action: 'face.compare' })).toThrow(/not a result of the face checks/);
    expect(records.read('rec-2')).toEqual(before);
    expect(audited('rec-2')).toEqual(log);
  });

  it('an unknown examination is ExaminationNotFound', () => {
    expect(() => records.read('nope')).toThrow(expect.objectContaining({ kind: 'ExaminationNotFound' }));
    expect(() => records.apply('nope', { reviews: [] }, OFFICER, { action: 'finding.review' })).toThrow(expect.objectContaining({ kind: 'ExaminationNotFound' }));
    expect(audited('nope')).toEqual([]);
  });
});
