// The API between the renderer and the Node side, declared once: channel → request → response.
// Both transports (Electron IPC via preload/main, loopback HTTP via host/) are generated from this table.
import { z } from 'zod';
import { MrzReadingSchema } from './mrz.contract';

export const api = {
  'mrz:readText': {
    request: z.object({ text: z.string().max(1000), repair: z.boolean().optional() }),
    response: MrzReadingSchema,
  },
  'mrz:readImage': {
    request: z.object({ path: z.string().min(1).max(4096), irPath: z.string().min(1).max(4096).optional() }),
    response: MrzReadingSchema,
  },
} as const;

export type Api = typeof api;
export type Channel = keyof Api;
export type Request<C extends Channel> = z.infer<Api[C]['request']>;
export type Response<C extends Channel> = z.infer<Api[C]['response']>;
