// ExaminationRecords on the station database: apply a change → layered and overall verdict → save →
// audit, one path for every change and for a new examination. A decision is a new version: the
// earlier ones stay in `decisions`, with who took them, when, what and why.
import { LoupeError } from '../common/loupe-error';
import { replaceResults } from '../checks/check-registry';
import { layerVerdicts, overallVerdict } from '../checks/layered-verdict';
import type { Decision, Examination, Officer } from '../contract/examination.contract';
import type { AuditNote, ExaminationChange, ExaminationRecords } from './examination-records';
import type { ExaminationStore } from './examination-store';

export class StoredExaminationRecords implements ExaminationRecords {
  constructor(private readonly store: ExaminationStore) {}

  read(id: string): Examination {
    const exam = this.store.getExamination(id);
    if (!exam) throw new LoupeError('examination', 'ExaminationNotFound', `no examination ${id}`);
    return completed(exam);
  }

  /** Saves a new examination with the layered and overall verdicts of its checks, and audits it. */
  create(draft: Omit<Examination, 'verdict'>, officer: Officer, audit: AuditNote): Examination {
    const verdict = layerVerdicts(draft.checks);
    const exam: Examination = { ...draft, verdict, decisions: draft.decisions ?? [], overall: overallVerdict(draft.checks, verdict, draft.mrz, new Date(draft.createdAt)) };
    this.store.saveExamination(exam);
    this.store.audit({ officer, action: audit.action, subject: exam.id, ...(audit.details ? { details: audit.details } : {}) });
    return exam;
  }

  apply(id: string, change: ExaminationChange | ((current: Examination) => ExaminationChange), officer: Officer | null, audit: AuditNote): Examination {
    // Read, change and save in one transaction: the change meets the record as it is.
    const updated = this.store.updateExamination(id, (stored) => {
      const current = completed(stored);
      return applyChange(current, typeof change === 'function' ? change(current) : change);
    });
    this.store.audit({ officer, action: audit.action, subject: id, ...(audit.details ? { details: audit.details } : {}) });
    return updated;
  }
}

/** The decisions of a record, oldest first; a record from before versions holds its one decision. */
export function decisionHistory(exam: Examination): Decision[] {
  return exam.decisions ?? (exam.decision ? [exam.decision] : []);
}

/**
 * A stored examination with what older builds did not record: its overall verdict (from its own
 * checks, layered verdict and MRZ, at the time it was made) and its decision as the first version.
 */
export function completed(exam: Examination): Examination {
  if (exam.overall && exam.decisions) return exam;
  return {
    ...exam,
    decisions: decisionHistory(exam),
    overall: exam.overall ?? overallVerdict(exam.checks, exam.verdict, exam.mrz, new Date(exam.createdAt)),
  };
}

function applyChange(current: Examination, change: ExaminationChange): Examination {
  const next: Examination = { ...current };
  if (change.face) next.face = change.face;
  if (change.chip) next.chip = change.chip;
  if (change.decision) {
    next.decision = change.decision;
    next.decisions = [...decisionHistory(current), change.decision];
  }
  if (change.reviews) next.reviews = change.reviews;
  if (change.mrzReviews) next.mrzReviews = change.mrzReviews;
  if (change.mrz) {
    next.mrz = change.mrz.reading;
    next.document = change.mrz.document;
  }
  if (change.results) {
    next.checks = replaceResults(current.checks, change.results.evidence, change.results.checks);
    // The verdicts follow the checks (docs/ARCHITECTURE.md §3); other changes leave them as they are.
    next.verdict = layerVerdicts(next.checks);
    next.overall = overallVerdict(next.checks, next.verdict, next.mrz, new Date(next.createdAt));
  }
  return next;
}
