// The one way to change a stored examination. Whoever produces something for an examination — the
// examination service (decisions, reviews of findings), the face domain (portraits and bearer-match
// results), the chip domain next — hands it over as an ExaminationChange; the records apply it to the
// examination as it is stored at that moment, so work that took a while (a face analysis) keeps what
// was recorded meanwhile, recompute the layered verdict when results changed, save and audit.
// Implemented by StoredExaminationRecords; nothing else saves an examination.
import type { EvidenceKind } from '../checks/check-model';
import type { CheckResult, Decision, DocumentSummary, Examination, FindingReview, MrzCharacterReview, Officer } from '../contract/examination.contract';
import type { ChipSection } from '../contract/chip-examination.contract';
import type { MrzReading } from '../contract/mrz.contract';
import type { FaceSection } from '../contract/face.contract';

export interface ExaminationChange {
  /** Fresh results of the checks that read one kind of evidence: they replace that evidence's earlier results. */
  results?: { evidence: EvidenceKind; checks: CheckResult[] };
  face?: FaceSection;
  /** What reading the document's chip gave (the chip domain's results come with it). */
  chip?: ChipSection;
  decision?: Decision;
  reviews?: FindingReview[];
  /** The MRZ reading after the officer settled a character, with the document summary it gives. */
  mrz?: { reading: MrzReading; document: DocumentSummary };
  mrzReviews?: MrzCharacterReview[];
}

/** The audit log entry of a change: what was done (`domain.verb`) and its non-personal details. */
export interface AuditNote {
  action: string;
  details?: Record<string, unknown>;
}

export interface ExaminationRecords {
  /** The stored examination; NotFound when there is none. */
  read(id: string): Examination;
  /**
   * Applies a change to the examination as it is stored now, saves and audits it; returns the saved
   * examination. A function receives the current record (to merge with it, or throw to refuse).
   */
  apply(id: string, change: ExaminationChange | ((current: Examination) => ExaminationChange), officer: Officer | null, audit: AuditNote): Examination;
}
