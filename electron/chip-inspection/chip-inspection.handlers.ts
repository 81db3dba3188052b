// chip:* — the chip of the document under examination: read it (again, with typed access data),
// stop waiting for it, follow a reading under way, export the signed evidence package.
import { readFile } from 'node:fs/promises';
import { defineHandlers } from '../common/handler-kit';
import { LoupeError } from '../common/loupe-error';
import { chipChannels } from '../contract/chip.channels';
import type { ExaminationRecords } from '../examination/examination-records';
import type { ChipInspectionService } from './chip-inspection.service';

export function chipInspectionHandlers(chips: ChipInspectionService, records: ExaminationRecords) {
  return defineHandlers(chipChannels, {
    'chip:read': {
      run: async ({ id, access }, ctx) => chips.read(id, ctx.signedIn(), access),
      // The access data is personal: the log records only which kind was typed.
      audit: ({ id, access }) => ({ action: 'chip.request', subject: id, details: { access: access?.kind ?? 'mrz-reading' } }),
    },
    'chip:cancel': { run: async ({ id }) => ({ cancelled: chips.cancel(id) }) },
    'chip:status': { run: async ({ id }) => chips.status(id) },
    'chip:exportEvidence': {
      run: async ({ id }) => {
        const exam = records.read(id);
        const path = chips.evidencePath(exam);
        let bytes: Buffer;
        try {
          bytes = await readFile(path);
        } catch {
          throw new LoupeError('chip', 'EvidenceRefused', 'The evidence package of this examination is missing from the data folder.');
        }
        return { fileName: `chip-evidence-${id}.loupe-chip`, base64: bytes.toString('base64') };
      },
      audit: ({ id }) => ({ action: 'chip.exportEvidence', subject: id }),
    },
  });
}
