// The audit domain's channels (docs/audit-trail.md): the state of the station's audit trail, for
// the Trust store screen. Reading it changes nothing and reveals no entry, so anyone may ask.
import { Empty } from './app.channels';
import { AuditVerificationSchema } from './audit.contract';
import { channelTable } from './channel';

export const auditChannels = channelTable({
  /** The audit log's hash chain and signed checkpoints verified now: intact, or where it first breaks. */
  'audit:state': { access: 'anyone', request: Empty, response: AuditVerificationSchema },
});
