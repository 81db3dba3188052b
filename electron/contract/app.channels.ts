// The station itself: name, version, and where the transport serves images.
import { z } from 'zod';
import { channelTable } from './channel';

export const Empty = z.object({}).strict();
export const IdRequest = z.object({ id: z.string().min(1).max(100) }).strict();

export const appChannels = channelTable({
  'app:info': {
    access: 'anyone',
    request: Empty,
    response: z.object({
      name: z.literal('Loupe'),
      version: z.string(),
      station: z.string(),
      transport: z.enum(['electron', 'host']),
      /** Prefix for image URLs: `${imageBase}${hash}` (app:// scheme or token-checked host URL). */
      imageBase: z.string(),
      /** Prefix for reference images: `${referenceBase}${classId}/${light}`. */
      referenceBase: z.string(),
    }),
  },
});
