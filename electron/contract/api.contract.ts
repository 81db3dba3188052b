// The API between the renderer and the Node side, declared once: channel → request → response.
// Both transports (Electron IPC via preload/main, loopback HTTP via host/) are generated from this
// table, and every request is validated with zod before it reaches a service.
import { z } from 'zod';
import { DeviceStatusSchema } from './device.contract';
import {
  DecisionInputSchema,
  FindingReviewInputSchema,
  DecisionVerdictSchema,
  ExaminationSchema,
  ExaminationSummarySchema,
  OfficerSchema,
} from './examination.contract';
import { FaceAssessmentInputSchema, FaceSettingsSchema, FaceThresholdSchema, PortraitUploadSchema } from './face.contract';
import { MrzReadingSchema } from './mrz.contract';
import { DocumentClassSchema, ReferenceSummarySchema } from './reference.contract';

const Empty = z.object({}).strict();
const Id = z.object({ id: z.string().min(1).max(100) }).strict();

export const api = {
  'app:info': {
    request: Empty,
    response: z.object({
      name: z.literal('Loupe'),
      version: z.string(),
      station: z.string(),
      transport: z.enum(['electron', 'host']),
      /** Prefix for image URLs: `${imageBase}${hash}` (custom protocol or token-checked host URL). */
      imageBase: z.string(),
      /** Prefix for reference images: `${referenceBase}${classId}/${light}`. */
      referenceBase: z.string(),
    }),
  },
  'session:signIn': { request: OfficerSchema.strict(), response: OfficerSchema },
  'session:current': { request: Empty, response: OfficerSchema.nullable() },
  'session:signOut': { request: Empty, response: z.object({ ok: z.literal(true) }) },

  'devices:list': { request: Empty, response: z.array(DeviceStatusSchema) },
  'devices:configure': {
    request: z.object({ id: z.string().min(1).max(100), settings: z.record(z.string().max(60), z.union([z.string().max(1000), z.number(), z.boolean()])) }).strict(),
    response: DeviceStatusSchema,
  },

  /** Capture from a device and run the examination; progress arrives on examination:onProgress. */
  'examination:scan': { request: z.object({ deviceId: z.string().min(1).max(100) }).strict(), response: ExaminationSchema },
  'examination:get': { request: Id, response: ExaminationSchema },
  'examination:list': {
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
  'examination:decide': { request: z.object({ id: z.string().min(1).max(100), decision: DecisionInputSchema }).strict(), response: ExaminationSchema },

  /** The officer confirms or dismisses one finding, with a reason (recorded in the examination and report). */
  'examination:review': {
    request: z.object({ id: z.string().min(1).max(100), review: FindingReviewInputSchema }).strict(),
    response: ExaminationSchema,
  },

  'mrz:readText': {
    request: z.object({ text: z.string().max(1000), repair: z.boolean().optional() }).strict(),
    response: MrzReadingSchema,
  },

  'reference:list': { request: Empty, response: z.array(ReferenceSummarySchema) },
  'reference:get': { request: Id, response: z.object({ cls: DocumentClassSchema, source: z.enum(['builtin', 'user']) }) },
  /** Saves an edited class (zones, expectations, notes) into the user library; images stay as they are. */
  'reference:save': { request: z.object({ cls: DocumentClassSchema }).strict(), response: ReferenceSummarySchema },
  'reference:retire': { request: Id, response: ReferenceSummarySchema },

  /** Renders the PDF report; returns a URL the renderer can open or download. */
  'report:create': { request: Id, response: z.object({ url: z.string(), fileName: z.string(), bytes: z.number().int() }) },

  /** Finds and assesses the document's portraits (printed, ghost) and compares every pair that exists. */
  'face:analyse': { request: Id, response: ExaminationSchema },
  /** Adds a live capture (camera or image file) of the holder, then analyses and compares again. */
  'face:addPortrait': { request: PortraitUploadSchema, response: ExaminationSchema },
  /** The officer's feature checklist and conclusion, recorded in the examination and report. */
  'face:assess': { request: z.object({ id: z.string().min(1).max(100), assessment: FaceAssessmentInputSchema }).strict(), response: ExaminationSchema },
  /** The station's decision threshold; without `threshold` it only reads it. */
  'face:settings': { request: z.object({ threshold: FaceThresholdSchema.strict().optional() }).strict(), response: FaceSettingsSchema },
} as const;

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

/** Events pushed from the Node side; subscriptions return an unsubscribe function. */
export const events = {
  'examination:onProgress': ProgressEventSchema,
  'devices:onStatus': z.array(DeviceStatusSchema),
  /** A device delivered a capture on its own (hot folder, serial reader): an examination exists. */
  'examination:onCreated': z.object({ id: z.string() }),
} as const;

export type Api = typeof api;
export type Channel = keyof Api;
export type Request<C extends Channel> = z.input<Api[C]['request']>;
export type Response<C extends Channel> = z.infer<Api[C]['response']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** Errors cross the boundary as { kind, message }. */
export const ErrorDtoSchema = z.object({ kind: z.string(), message: z.string() });

/** window.loupe: one method per channel, one subscribe function per event. */
export type LoupeApi = { [C in Channel]: (request: Request<C>) => Promise<Response<C>> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export const channels = Object.keys(api) as Channel[];
export const eventNames = Object.keys(events) as EventName[];
