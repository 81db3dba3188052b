// The trust domain's channels (docs/trust.md). The renderer's trust panel edits the station's list of
// trusted trend stations through the three channels it has always used: their names are kept (they
// are the renderer's API and the audit log's vocabulary), their table and handlers are the trust
// domain's (electron/trust/trust.handlers.ts). The CSCA trust store's views are `trust:*` channels.
import { z } from 'zod';
import { Empty } from './app.channels';
import { channelTable } from './channel';
import { TrustHealthSchema } from './csca-trust.contract';
import { TrustMemberSchema } from './trust.contract';

export const trustChannels = channelTable({
  /** The stations whose trend bundles this station accepts (active entries for trends). */
  'trends:trustList': { access: 'anyone', request: Empty, response: z.array(TrustMemberSchema) },
  'trends:trustAdd': { access: 'officer', request: z.object({ name: z.string().trim().min(1).max(120), publicKey: z.string().trim().regex(/^[A-Za-z0-9+/]{43}=$/) }).strict(), response: TrustMemberSchema },
  'trends:trustRemove': { access: 'officer', request: z.object({ station: z.string().regex(/^[0-9a-f]{16}$/) }).strict(), response: z.object({ removed: z.number().int() }) },
  /** The CSCA trust store's health: coverage per issuing state, expiring and expired CSCAs, CRL age, states without a CSCA. */
  'trust:health': { access: 'anyone', request: Empty, response: TrustHealthSchema },
});
