// The reference library: document classes, their zones and expectations.
import { z } from 'zod';
import { Empty, IdRequest } from './app.channels';
import { channelTable } from './channel';
import { DocumentClassSchema, ReferenceSummarySchema } from './reference.contract';

export const referenceChannels = channelTable({
  'reference:list': { access: 'anyone', request: Empty, response: z.array(ReferenceSummarySchema) },
  'reference:get': { access: 'anyone', request: IdRequest, response: z.object({ cls: DocumentClassSchema, source: z.enum(['builtin', 'user']) }) },
  /** Saves an edited class (zones, expectations, notes) into the user library; images stay as they are. */
  'reference:save': { access: 'officer', request: z.object({ cls: DocumentClassSchema }).strict(), response: ReferenceSummarySchema },
  'reference:retire': { access: 'officer', request: IdRequest, response: ReferenceSummarySchema },
});
