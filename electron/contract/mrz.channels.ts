// The MRZ engine's text path, for typed or pasted lines.
import { z } from 'zod';
import { channelTable } from './channel';
import { MRZ_TEXT_MAX_LENGTH, MrzReadingSchema } from './mrz.contract';

export const mrzChannels = channelTable({
  'mrz:readText': {
    access: 'anyone',
    request: z.object({ text: z.string().max(MRZ_TEXT_MAX_LENGTH), repair: z.boolean().optional() }).strict(),
    response: MrzReadingSchema,
  },
});
