// The imposter check: portraits found, compared, and the officer's assessment.
import { z } from 'zod';
import { IdRequest } from './app.channels';
import { channelTable } from './channel';
import { ExaminationSchema } from './examination.contract';
import { FaceAssessmentInputSchema, FaceSettingsSchema, FaceThresholdSchema, PortraitUploadSchema } from './face.contract';

export const faceChannels = channelTable({
  /** Finds and assesses the document's portraits (printed, ghost) and compares every pair that exists. */
  'face:analyse': { access: 'officer', request: IdRequest, response: ExaminationSchema },
  /** Adds a live capture (camera or image file) of the holder, then analyses and compares again. */
  'face:addPortrait': { access: 'officer', request: PortraitUploadSchema, response: ExaminationSchema },
  /** The officer's feature checklist and conclusion, recorded in the examination and report. */
  'face:assess': { access: 'officer', request: z.object({ id: z.string().min(1).max(100), assessment: FaceAssessmentInputSchema }).strict(), response: ExaminationSchema },
  /** The station's decision threshold; without `threshold` it only reads it. */
  'face:settings': { access: { officerWhen: 'threshold' }, request: z.object({ threshold: FaceThresholdSchema.strict().optional() }).strict(), response: FaceSettingsSchema },
});
