// ExaminationRecords on the station database: apply a change → layered verdict → save → audit, one
// path for every change and for a new examination.
import { LoupeError } from '../common/loupe-error';
import { replaceResults } from '../checks/check-registry';
import { layerVerdicts } from '../checks/layered-verdict';
import type { Examination, Officer } from '../contract/examination.contract';
import type { AuditNote, ExaminationChange, ExaminationRecords } from './examination-records';
import type { ExaminationStore } from './examination-store';

export class StoredExaminationRecords implements ExaminationRecords {
  constructor(private readonly store: ExaminationStore) {}

  read(id: string): Examination {
    const exam = this.store.getExamination(id);
    if (!exam) throw new LoupeError('examination', 'ExaminationNotFound', `no examination ${id}`);
    return exam;
  }

  /** Saves a new examination with the layered verdict of its checks, and audits it. */
  create(draft: Omit<Examination, 'verdict'>, officer: Officer, audit: AuditNote): Examination {
    const exam: Examination = { ...draft, verdict: layerVerdicts(draft.checks) };
    this.store.saveExamination(exam);
    this.store.audit({ officer, action: audit.action, subject: exam.id, ...(audit.details ? { details: audit.details } : {}) });
    return exam;
  }

  apply(id: string, change: ExaminationChange | ((current: Examination) => ExaminationChange), officer: Officer | null, audit: AuditNote): Examination {
    // Read, change and save in one transaction: the change meets the record as it is.
    const updated = this.store.updateExamination(id, (current) => applyChange(current, typeof change === 'function' ? change(current) : change));
    this.store.audit({ officer, action: audit.action, subject: id, ...(audit.details ? { details: audit.details } : {}) });
    return updated;
  }
}

function applyChange(current: Examination, change: ExaminationChange): Examination {
  const next: Examination = { ...current };
  if (change.face) next.face = change.face;
  if (change.decision) next.decision = change.decision;
  if (change.reviews) next.reviews = change.reviews;
  if (change.mrzReviews) next.mrzReviews = change.mrzReviews;
  if (change.mrz) {
    next.mrz = change.mrz.reading;
    next.document = change.mrz.document;
  }
  if (change.results) {
    next.checks = replaceResults(current.checks, change.results.evidence, change.results.checks);
    // The verdict follows the checks (docs/ARCHITECTURE.md §3); other changes leave both as they are.
    next.verdict = layerVerdicts(next.checks);
  }
  return next;
}
