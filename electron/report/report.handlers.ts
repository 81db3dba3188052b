// report:* — the case-file PDF of an examination (audited: a report carries personal data).
import { defineHandlers } from '../common/handler-kit';
import { reportChannels } from '../contract/report.channels';
import type { Examination, Officer } from '../contract/examination.contract';
import type { ReportFiles } from './report-files';

export interface ReportHandlerDeps {
  reports: ReportFiles;
  examination(id: string, viewer: Officer | null): Examination;
  /** URL prefix under which the transport serves reports by file name. */
  reportBase: string;
}

export function reportHandlers({ reports, examination, reportBase }: ReportHandlerDeps) {
  return defineHandlers(reportChannels, {
    'report:create': {
      run: async ({ id }, ctx) => {
        const { fileName, bytes } = await reports.create(examination(id, ctx.officer));
        return { url: `${reportBase}${fileName}`, fileName, bytes };
      },
      audit: ({ id }, { bytes }) => ({ action: 'report.create', subject: id, details: { bytes } }),
    },
  });
}
