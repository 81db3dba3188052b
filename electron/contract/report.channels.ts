// The case-file PDF report of an examination.
import { z } from 'zod';
import { IdRequest } from './app.channels';
import { channelTable } from './channel';

export const reportChannels = channelTable({
  /** Renders the PDF report; returns a URL the renderer can open or download. */
  'report:create': { access: 'anyone', request: IdRequest, response: z.object({ url: z.string(), fileName: z.string(), bytes: z.number().int() }) },
});
