// The API between the renderer and the Node side, assembled from each domain's channel table
// (`<domain>.channels.ts`: channel → request → response → who may call it). Both transports
// (Electron IPC via preload/main, loopback HTTP via host/) are generated from this table, and every
// request is validated with zod before it reaches a domain. A new domain adds its table here.
import { z } from 'zod';
import { appChannels } from './app.channels';
import { chipChannels, chipEvents } from './chip.channels';
import { auditChannels } from './audit.channels';
import { devicesChannels, devicesEvents } from './devices.channels';
import { examinationChannels, examinationEvents } from './examination.channels';
import { faceChannels } from './face.channels';
import { learningChannels } from './learning.channels';
import { mrzChannels } from './mrz.channels';
import { referenceChannels } from './reference.channels';
import { reportChannels } from './report.channels';
import { sessionChannels } from './session.channels';
import { trendsChannels, trendsEvents } from './trends.channels';
import { trustChannels } from './trust.channels';

export { ProgressEventSchema, type ProgressEvent } from './examination.channels';

export const api = {
  ...appChannels,
  ...sessionChannels,
  ...devicesChannels,
  ...examinationChannels,
  ...mrzChannels,
  ...referenceChannels,
  ...learningChannels,
  ...reportChannels,
  ...faceChannels,
  ...trendsChannels,
  ...trustChannels,
  ...chipChannels,
  ...auditChannels,
} as const;

/** Events pushed from the Node side; subscriptions return an unsubscribe function. */
export const events = {
  ...examinationEvents,
  ...devicesEvents,
  ...trendsEvents,
  ...chipEvents,
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
