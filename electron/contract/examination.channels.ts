// Examinations: scan, read back, list, and the officer's decision and finding reviews.
import { z } from 'zod';
import { IdRequest } from './app.channels';
import { CAMERA_FRAME_MAX_BASE64, CameraFrameResultSchema, CameraSessionSchema } from './camera-scan.contract';
import { channelTable, eventTable } from './channel';
import { DecisionInputSchema, DecisionVerdictSchema, ExaminationSchema, ExaminationSummarySchema, FindingReviewInputSchema, MrzCharacterReviewInputSchema, NextStepsSchema } from './examination.contract';

export const ProgressEventSchema = z.object({
  operation: z.string(),
  stage: z.string(),
  message: z.string(),
  /** 0..1 when known. */
  fraction: z.number().min(0).max(1).optional(),
  done: z.boolean().optional(),
  error: z.string().optional(),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

export const examinationChannels = channelTable({
  /** Capture from a device and run the examination; progress arrives on examination:onProgress. */
  'examination:scan': { access: 'officer', request: z.object({ deviceId: z.string().min(1).max(100) }).strict(), response: ExaminationSchema },
  'examination:get': { access: 'anyone', request: IdRequest, response: ExaminationSchema },
  'examination:list': {
    access: 'anyone',
    request: z
      .object({
        text: z.string().max(200).optional(),
        decision: DecisionVerdictSchema.optional(),
        from: z.string().max(40).optional(),
        to: z.string().max(40).optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
    response: z.array(ExaminationSummarySchema),
  },
  'examination:decide': { access: 'officer', request: z.object({ id: z.string().min(1).max(100), decision: DecisionInputSchema }).strict(), response: ExaminationSchema },
  /** The officer confirms or dismisses one finding, with a reason (recorded in the examination and report). */
  'examination:review': {
    access: 'officer',
    request: z.object({ id: z.string().min(1).max(100), review: FindingReviewInputSchema }).strict(),
    response: ExaminationSchema,
  },
  /** What the station's procedure says to do next per verdict level; with `nextSteps` it changes them (an officer, audited). */
  'examination:nextSteps': {
    access: { officerWhen: 'nextSteps' },
    request: z.object({ nextSteps: NextStepsSchema.optional() }).strict(),
    response: z.object({ nextSteps: NextStepsSchema, defaults: NextStepsSchema }),
  },
  /**
   * The officer confirms or corrects one uncertain MRZ character after comparing it with the printed
   * page; the check digits are verified again and the examination's MRZ checks follow.
   */
  'examination:reviewMrzCharacter': {
    access: 'officer',
    request: z.object({ id: z.string().min(1).max(100), review: MrzCharacterReviewInputSchema.strict() }).strict(),
    response: ExaminationSchema,
  },
  /** The camera as a scanner: one frame (base64 JPEG) of the session; the MRZ is read and voted on. */
  'examination:cameraFrame': {
    access: 'officer',
    request: z.object({ session: CameraSessionSchema, frame: z.string().min(16).max(CAMERA_FRAME_MAX_BASE64) }).strict(),
    response: CameraFrameResultSchema,
  },
  /** Keeps the session's voted reading and sharpest agreeing frame (white light) and examines them. */
  'examination:cameraExamine': { access: 'officer', request: z.object({ session: CameraSessionSchema }).strict(), response: ExaminationSchema },
  /** The officer closed the camera: the session's frames are dropped. */
  'examination:cameraClose': { access: 'officer', request: z.object({ session: CameraSessionSchema }).strict(), response: z.object({ closed: z.boolean() }) },
});

/** A capture a device delivered on its own could not be examined: what went wrong, in plain words, without station paths. */
export const CaptureFailedEventSchema = z.object({
  deviceId: z.string(),
  kind: z.string(),
  message: z.string(),
  at: z.string(),
});
export type CaptureFailedEvent = z.infer<typeof CaptureFailedEventSchema>;

export const examinationEvents = eventTable({
  'examination:onProgress': ProgressEventSchema,
  /** A device delivered a capture on its own (hot folder, serial reader): an examination exists. */
  'examination:onCreated': z.object({ id: z.string() }),
  'examination:onCaptureFailed': CaptureFailedEventSchema,
});
