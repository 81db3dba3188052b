// The trust domain's channels (docs/trust.md). The renderer's trust panel edits the station's list of
// trusted trend stations through the three channels it has always used: their names are kept (they
// are the renderer's API and the audit log's vocabulary), their table and handlers are the trust
// domain's (electron/trust/trust.handlers.ts). New trust views (the chip's CSCA certificates, the
// trust store's health) add their `trust:*` channels here.
import { z } from 'zod';
import { Empty } from './app.channels';
import { channelTable } from './channel';
import { TrustMemberSchema } from './trust.contract';

export const trustChannels = channelTable({
  /** The stations whose trend bundles this station accepts (active entries for trends). */
  'trends:trustList': { access: 'anyone', request: Empty, response: z.array(TrustMemberSchema) },
  'trends:trustAdd': { access: 'officer', request: z.object({ name: z.string().trim().min(1).max(120), publicKey: z.string().trim().regex(/^[A-Za-z0-9+/]{43}=$/) }).strict(), response: TrustMemberSchema },
  'trends:trustRemove': { access: 'officer', request: z.object({ station: z.string().regex(/^[0-9a-f]{16}$/) }).strict(), response: z.object({ removed: z.number().int() }) },
});
