// What the examination service needs from the station database (implemented by store/StationStore).
import type { Decision, Examination, ExaminationSummary, Officer } from '../contract/examination.contract';

export interface ExaminationStore {
  putImage(bytes: Buffer, mime: string): { hash: string; path: string };
  imagePath(hash: string): string | null;
  saveExamination(exam: Examination): void;
  getExamination(id: string): Examination | null;
  decide(id: string, decision: Decision): Examination;
  listExaminations(
    query: { text?: string; decision?: string; from?: string; to?: string; limit?: number },
    viewer: Officer | null,
  ): ExaminationSummary[];
  audit(entry: { officer: Officer | null; action: string; subject?: string; details?: Record<string, unknown> }): void;
}
