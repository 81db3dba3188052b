// The officer settles uncertain MRZ characters of a real page (the development set's D/05: a DIN-like
// face whose 7 the readers take for Z, so the document number's check digit fails). Real image path,
// real station database: the correction goes through the examination records, the check digits are
// verified again, the MRZ checks and the verdict follow, and the audit log names the action without
// the characters.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Examination, Officer } from '../../../electron/contract/examination.contract';
import { ExaminationService } from '../../../electron/examination/examination.service';
import { OFFICER_CORRECTION_REASON, reviewMrzCharacter } from '../../../electron/examination/mrz-character-review';
import { chromiumPdfRenderer, createReportPdf } from '../../../electron/report';
import { openStationStore, type StationStore } from '../../../electron/store';
import { useTempDir } from '../../helpers/temp-dir';
import { pdfText, squash, writePdf } from '../report/report-pdf-tools';
import { DEV_SET, devSetMissing } from '../../helpers/dev-set';

const OFFICER: Officer = { name: 'Ilse Brandt', badge: 'M-12' };
const NOW = new Date('2026-01-01T09:00:00Z');

describe.skipIf(devSetMissing)('officer review of uncertain MRZ characters (real page, real database)', () => {
  const dir = useTempDir('loupe-mrz-review-');
  let store: StationStore;
  let service: ExaminationService;
  let exam: Examination;

  beforeAll(async () => {
    store = openStationStore(join(dir, 'station'));
    service = new ExaminationService(store, 'test-station', null, () => NOW);
    exam = await service.examine({ source: 'files', images: [{ light: 'white', path: join(DEV_SET, 'D', '05.jpg') }] }, OFFICER);
  }, 60_000);
  afterAll(async () => {
    await service.close();
    store.close();
  });

  it('the page is read with the document number in doubt: invalid, Z listed with 7 as its alternative', () => {
    expect(exam.mrz?.lines[1]).toBe('OCFBEC1ZU8D<<3009299F3312304<<<<<<<<<<<<<<06');
    expect(exam.mrz?.valid).toBe(false);
    expect(exam.mrz?.uncertain).toContainEqual({ line: 1, column: 7, alternatives: ['7'] });
    expect(exam.checks.find((c) => c.id === 'mrz.check-digits')?.status).toBe('fail');
  });

  it('refuses a cell that is not uncertain, and a confirmation of another character, changing nothing', () => {
    expect(() => service.reviewMrzCharacter(exam.id, { line: 0, column: 2, action: 'confirmed', char: 'D' }, OFFICER)).toThrow(/not an uncertain character/);
    expect(() => service.reviewMrzCharacter(exam.id, { line: 1, column: 7, action: 'confirmed', char: '7' }, OFFICER)).toThrow(/reads 'Z', not '7'/);
    expect(() => service.reviewMrzCharacter(exam.id, { line: 1, column: 7, action: 'corrected', char: 'Z' }, OFFICER)).toThrow(/confirm it instead/);
    expect(store.getExamination(exam.id)).toEqual(exam);
    expect(store.auditLog(50).filter((e) => e.subject === exam.id).map((e) => e.action)).toEqual(['examination.create']);
  });

  it('confirming the Z keeps the check digit failing; correcting it to 7 makes every check digit verify', () => {
    const confirmed = service.reviewMrzCharacter(exam.id, { line: 1, column: 7, action: 'confirmed', char: 'Z' }, OFFICER);
    expect(confirmed.mrzReviews).toEqual([{ line: 1, column: 7, action: 'confirmed', char: 'Z', read: 'Z', alternatives: ['7'], checkDigitsHold: false, officer: OFFICER, at: NOW.toISOString() }]);
    expect(confirmed.mrz?.valid).toBe(false);
    expect(confirmed.mrz?.uncertain.some((u) => u.line === 1 && u.column === 7)).toBe(false);

    // The officer looks again and corrects it: the later word stands.
    const corrected = service.reviewMrzCharacter(exam.id, { line: 1, column: 7, action: 'corrected', char: '7' }, OFFICER);
    expect(corrected.mrz?.lines[1]).toBe('OCFBEC17U8D<<3009299F3312304<<<<<<<<<<<<<<06');
    expect(corrected.mrz?.fields.documentNumber).toBe('OCFBEC17U');
    expect(corrected.mrzReviews).toHaveLength(1);
    expect(corrected.mrzReviews?.[0]).toMatchObject({ action: 'corrected', char: '7', read: 'Z', alternatives: ['7'], checkDigitsHold: true });
    expect(corrected.mrz?.corrections).toContainEqual({ line: 1, column: 7, read: 'Z', corrected: '7', reason: OFFICER_CORRECTION_REASON });
    expect(corrected.mrz?.findings.filter((f) => f.code === 'check-digit' || f.code.startsWith('repair'))).toEqual([]);
    expect(corrected.checks.find((c) => c.id === 'mrz.check-digits')?.status).toBe('pass');
    expect(corrected.verdict.find((v) => v.layer === 'data-integrity')?.status).not.toBe('fail');
    expect(store.getExamination(exam.id)).toEqual(corrected);

    const audit = store.auditLog(50).filter((e) => e.subject === exam.id);
    expect(audit.map((e) => e.action).slice(0, 2)).toEqual(['mrz.character-review', 'mrz.character-review']);
    expect(audit[0]?.details).toEqual({ line: 1, column: 7, action: 'corrected' });
    expect(JSON.stringify(audit)).not.toContain('OCFBEC');
  });

  it('the report lists each uncertain character and what the officer did with it', async () => {
    const exam2 = store.getExamination(exam.id)!;
    const renderer = chromiumPdfRenderer();
    try {
      const pdf = await createReportPdf(exam2, { station: 'test-station', imagePath: (hash) => store.imagePath(hash), renderer, now: NOW });
      const text = pdfText(writePdf(dir, 'report.pdf', pdf)).replace(/[ \t]+/g, ' ');
      expect(text).toContain('Uncertain characters');
      // Line 2, position 1: 'O' or '0', left open; position 8: 'Z' corrected to '7'.
      expect(text).toMatch(/2:1 “O” “0” open ?Not compared with the printed page by the officer\./);
      expect(text).toMatch(/2:8 “Z” “7” settled ?Corrected to “7” by Ilse Brandt \(badge M-12\) at 2026-01-01 09:00:00 UTC\./);
      expect(squash(text)).toContain(squash('The check digits then verified.'));
    } finally {
      await renderer.close();
    }
  }, 60_000);

  it('an empty cell stays a failure until the officer types the character (pure review)', () => {
    const base = exam.mrz!;
    const reading = {
      ...base,
      lines: [base.lines[0]!, 'OCFBEC17U8D<<3009299F3312304<<<<<<<<<<<<<<06'],
      uncertain: [{ line: 1, column: 20, alternatives: [] }],
      findings: [{ code: 'empty-cell', severity: 'fail' as const, line: 1, start: 20, end: 21, message: 'No character is printed at line 2, position 21' }],
      valid: false,
    };
    const typed = reviewMrzCharacter(reading, { line: 1, column: 20, action: 'confirmed', char: 'F' }, [], NOW);
    expect(typed.reading.findings.some((f) => f.code === 'empty-cell')).toBe(false);
    expect(typed.reading.valid).toBe(true);
    expect(typed.checkDigitsHold).toBe(true);
  });
});
