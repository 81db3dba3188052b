// The trust domain's channels (contract/trust.channels.ts): the renderer's panel of trusted trend
// stations. Adding and removing are audited under the officer who did it, as they always were.
import { defineHandlers } from '../common/handler-kit';
import { trustChannels } from '../contract/trust.channels';
import type { StationTrust } from './station-trust';
import { officerActor } from './trust-member';

export function trustHandlers(trust: StationTrust) {
  return defineHandlers(trustChannels, {
    'trends:trustList': { run: async () => trust.list({ for: 'trends', active: true }) },
    'trends:trustAdd': {
      run: async ({ name, publicKey }, ctx) => trust.add({ name, publicKey, for: 'trends', addedBy: officerActor(ctx.signedIn()) }),
      audit: (_request, added) => ({ action: 'trends.trustAdd', subject: added.station, details: { name: added.name } }),
    },
    'trends:trustRemove': {
      run: async ({ station }) => ({ removed: trust.remove(station, 'trends').length }),
      audit: ({ station }, { removed }) => ({ action: 'trends.trustRemove', subject: station, details: { removed } }),
    },
  });
}
