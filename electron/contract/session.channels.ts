// Who is at the desk: the officer every examination and decision is recorded under.
import { z } from 'zod';
import { Empty } from './app.channels';
import { channelTable } from './channel';
import { OfficerSchema } from './examination.contract';

export const sessionChannels = channelTable({
  'session:signIn': { access: 'anyone', request: OfficerSchema.strict(), response: OfficerSchema },
  'session:current': { access: 'anyone', request: Empty, response: OfficerSchema.nullable() },
  'session:signOut': { access: 'anyone', request: Empty, response: z.object({ ok: z.literal(true) }) },
});
