// `loupe report EXAMINATION_ID --out file.pdf`: the case-file PDF, rendered offline by Chromium.
import { LoupeError } from '../../common/loupe-error';
import { writePrivateFile } from '../../common/private-files';
import { defaultDataDir } from '../../common/data-dir';
import { chromiumPdfRenderer } from '../../report/pdf-renderer';
import { createReportPdf } from '../../report/report.service';
import { openStationStore } from '../../store';
import { stationNextSteps } from '../../examination/next-steps';
import { StoredExaminationRecords } from '../../examination/stored-examination-records';
import { textOption, type Command } from '../../common/command-line/command';
import { dataFolder, outputFile } from '../../common/command-line/input-files';

export const reportCommand: Command<{ id: string; out: string; bytes: number }> = {
  name: 'report',
  summary: 'write the PDF report of an examination',
  usage: 'usage: loupe report EXAMINATION_ID --out FILE.pdf [--data DIR] [--json]',
  options: { out: { type: 'string', short: 'o' }, data: { type: 'string' } },
  async run(args) {
    const [id] = args.positionals;
    const out = args.values.out;
    if (!id) throw new LoupeError('common', 'InvalidInput', 'give the examination id (loupe report ID --out FILE.pdf)');
    if (typeof out !== 'string' || out === '') throw new LoupeError('common', 'InvalidInput', '--out FILE.pdf is required');
    // Checked before Chromium renders: a report that cannot be written is refused at once.
    outputFile(out, 'report (--out)');
    const store = openStationStore(dataFolder(textOption(args, 'data') ?? defaultDataDir(), 'data folder (--data)'));
    const renderer = chromiumPdfRenderer();
    try {
      // Read through the examination records: a record from an older build gets its overall verdict and decision history.
      const exam = new StoredExaminationRecords(store).read(id);
      const pdf = await createReportPdf(exam, { station: exam.station, imagePath: (h) => store.imagePath(h), renderer, nextSteps: stationNextSteps(store).nextSteps });
      // The case file holds the holder's personal data: readable by this user only, wherever it goes.
      writePrivateFile(out, pdf);
      store.audit({ officer: null, action: 'report.create', subject: id, details: { out, bytes: pdf.length } });
      return { id, out, bytes: pdf.length };
    } finally {
      await renderer.close?.();
      store.close();
    }
  },
  human: ({ out, bytes }) => `wrote ${out} (${Math.round(bytes / 1024)} KiB)`,
};
