// What the examination domain needs from the station database (implemented by store/StationStore).
import type { Examination, ExaminationSummary, Officer } from '../contract/examination.contract';

export interface ExaminationStore {
  putImage(bytes: Buffer, mime: string): { hash: string; path: string };
  imagePath(hash: string): string | null;
  saveExamination(exam: Examination): void;
  getExamination(id: string): Examination | null;
  /** Reads, changes and saves an examination in one transaction; NotFound for an unknown id. */
  updateExamination(id: string, change: (current: Examination) => Examination): Examination;
  listExaminations(
    query: { text?: string; decision?: string; from?: string; to?: string; limit?: number },
    viewer: Officer | null,
  ): ExaminationSummary[];
  audit(entry: { officer: Officer | null; action: string; subject?: string; details?: Record<string, unknown> }): void;
}
