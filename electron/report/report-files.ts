// The station's generated reports: written privately into <data>/reports, named after the
// examination, served back by name only (never by a path from outside).
import { join } from 'node:path';
import { makePrivateDir, writePrivateFile } from '../common/private-files';
import type { Examination, NextSteps } from '../contract/examination.contract';
import { chromiumPdfRenderer, type ClosablePdfRenderer, type PdfRenderer } from './pdf-renderer';
import { createReportPdf } from './report.service';

const REPORT_NAME = /^loupe-report-[0-9a-f-]{36}\.pdf$/;

export class ReportFiles {
  private renderer: PdfRenderer | ClosablePdfRenderer | null;

  constructor(
    private readonly dir: string,
    private readonly station: string,
    private readonly imagePath: (hash: string) => string | null,
    renderer?: PdfRenderer,
    /** The station's next steps as they are when a report is made. */
    private readonly nextSteps?: () => NextSteps,
  ) {
    makePrivateDir(dir);
    this.renderer = renderer ?? null;
  }

  /** Renders and writes the report of an examination (the system Chromium unless a renderer was given). */
  async create(exam: Examination): Promise<{ fileName: string; bytes: number }> {
    this.renderer ??= chromiumPdfRenderer();
    const nextSteps = this.nextSteps?.();
    const pdf = await createReportPdf(exam, { station: this.station, imagePath: this.imagePath, renderer: this.renderer, ...(nextSteps ? { nextSteps } : {}) });
    const fileName = `loupe-report-${exam.id}.pdf`;
    writePrivateFile(join(this.dir, fileName), pdf);
    return { fileName, bytes: pdf.length };
  }

  /** The file of a report by its name, or null for any other name. */
  path(fileName: string): string | null {
    return REPORT_NAME.test(fileName) ? join(this.dir, fileName) : null;
  }

  async close(): Promise<void> {
    if (this.renderer && 'close' in this.renderer) await this.renderer.close();
  }
}
