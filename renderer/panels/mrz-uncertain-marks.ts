// How each character of the MRZ lines is marked for the uncertainty the reader listed: amber while
// the officer has not compared it with the printed page, plain with an underline once confirmed or
// corrected, and a quiet mark where the printed page (VIZ) settled it.
import type { MrzCharacterReview } from '../../electron/contract/examination.contract';
import type { MrzReading } from '../../electron/contract/mrz.contract';
import { t } from '../i18n/t';

export interface UncertainMark {
  className: string;
  title: string;
}

/** Quotes each alternative: “7”, “T”. */
export function alternativesText(alternatives: readonly string[]): string {
  return alternatives.map((a) => `“${a}”`).join(' / ');
}

export function uncertainMarks(mrz: MrzReading, reviews: readonly MrzCharacterReview[] = []): Map<string, UncertainMark> {
  const marks = new Map<string, UncertainMark>();
  for (const s of mrz.settled ?? []) {
    marks.set(`${s.line}:${s.column}`, { className: 'mrz-char--settled', title: t('mrzReview.settledBy', { line: s.line + 1, column: s.column + 1, char: s.char, field: s.field, viz: s.viz }) });
  }
  for (const r of reviews) {
    const title = r.action === 'confirmed' ? t('mrzReview.confirmed', { name: r.officer.name, badge: r.officer.badge }) : t('mrzReview.corrected', { read: r.read, char: r.char, name: r.officer.name, badge: r.officer.badge });
    marks.set(`${r.line}:${r.column}`, { className: 'mrz-char--reviewed', title });
  }
  for (const u of mrz.uncertain) {
    const title = u.alternatives.length ? t('mrzReview.markTitle', { alternatives: alternativesText(u.alternatives) }) : t('mrzReview.markTitleNone');
    marks.set(`${u.line}:${u.column}`, { className: 'mrz-char--uncertain', title });
  }
  return marks;
}
