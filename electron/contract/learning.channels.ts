// Learning reference classes from genuine captures: propose a new class or the next version of a
// learned one, then save the proposal as the expert corrected it (or discard it).
import { z } from 'zod';
import { channelTable } from './channel';
import { CaptureFilesSchema, LearningProposalSchema } from './learning.contract';
import { DocumentClassSchema, ReferenceSummarySchema } from './reference.contract';

const ClassId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,95}$/, 'lower-case letters, digits, dot, dash or underscore');

export const learningChannels = channelTable({
  /** Learns a new class from at least 3 genuine captures (white light required, IR and UV optional). */
  'learning:propose': {
    access: 'officer',
    request: z
      .object({
        id: ClassId,
        title: z.string().min(1).max(80),
        issuer: z.string().regex(/^[A-Z<]{1,3}$/).nullable().optional(),
        documentCodes: z.array(z.string().regex(/^[A-Z][A-Z<]?$/)).min(1).max(10).optional(),
        series: z.string().min(1).max(80).optional(),
        files: CaptureFilesSchema,
      })
      .strict(),
    response: LearningProposalSchema,
  },
  /** Adds genuine captures to a learned class: its next version, bounds set again from all its captures. */
  'learning:grow': { access: 'officer', request: z.object({ id: ClassId, files: CaptureFilesSchema }).strict(), response: LearningProposalSchema },
  /** Saves a proposal, with the expert's corrections (zones, expectations, labels, identity), recalibrated on its captures. */
  'learning:save': { access: 'officer', request: z.object({ draftId: z.string().min(1).max(100), cls: DocumentClassSchema }).strict(), response: ReferenceSummarySchema },
  'learning:discard': { access: 'officer', request: z.object({ draftId: z.string().min(1).max(100) }).strict(), response: z.object({}) },
});
