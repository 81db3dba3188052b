// The chip of the document under examination: read it (by itself after a scan, or again with access
// data the officer typed), follow the reading, and export the signed evidence package of the raw read.
import { z } from 'zod';
import { IdRequest } from './app.channels';
import { channelTable, eventTable } from './channel';
import { ChipAccessInputSchema, ChipEvidenceExportSchema, ChipProgressSchema } from './chip-examination.contract';
import { ExaminationSchema } from './examination.contract';

export const chipChannels = channelTable({
  /**
   * Reads the chip for an examination (again): with `access` as typed by the officer, else with the
   * examination's MRZ reading. Answers when the reading ended; progress arrives on chip:onProgress.
   */
  'chip:read': { access: 'officer', request: z.object({ id: z.string().min(1).max(100), access: ChipAccessInputSchema.optional() }).strict(), response: ExaminationSchema },
  /** Stops waiting for the document (a reading under way ends as not read, cancelled). */
  'chip:cancel': { access: 'officer', request: IdRequest, response: z.object({ cancelled: z.boolean() }) },
  /** The latest progress of the examination's reading under way, or null when none runs. */
  'chip:status': { access: 'anyone', request: IdRequest, response: ChipProgressSchema.nullable() },
  /** The signed evidence package of the examination's chip reading (loupe chip verify checks it). */
  'chip:exportEvidence': { access: 'officer', request: IdRequest, response: ChipEvidenceExportSchema },
});

export const chipEvents = eventTable({
  'chip:onProgress': ChipProgressSchema,
});
