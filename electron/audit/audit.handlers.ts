// The audit domain's channels (contract/audit.channels.ts): the trail's state for the Trust store screen.
import { defineHandlers } from '../common/handler-kit';
import { auditChannels } from '../contract/audit.channels';
import type { AuditTrail } from './audit-trail';

export function auditHandlers(trail: AuditTrail) {
  return defineHandlers(auditChannels, {
    'audit:state': { run: async () => trail.verify() },
  });
}
