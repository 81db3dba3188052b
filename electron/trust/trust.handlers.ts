// The trust domain's channels (contract/trust.channels.ts): the renderer's panel of trusted trend
// stations, and the CSCA trust store's health. Adding and removing are audited under the officer
// who did it, as they always were. The table of issuing states the health view compares against is
// the MRZ domain's, above this one: the composition passes it in.
import { defineHandlers } from '../common/handler-kit';
import type { IssuingState } from '../contract/csca-trust.contract';
import { trustChannels } from '../contract/trust.channels';
import type { CscaTrustStore } from './csca-trust-store';
import type { StationTrust } from './station-trust';
import { officerActor } from './trust-member';
import { trustStoreHealth } from './trust-store-health';

export interface TrustHandlerDeps {
  readonly cscas: CscaTrustStore;
  readonly states: readonly IssuingState[];
}

export function trustHandlers(trust: StationTrust, { cscas, states }: TrustHandlerDeps) {
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
    'trust:health': {
      run: async () => trustStoreHealth({ certificates: cscas.certificates(), crls: cscas.crls(), states, lastImport: cscas.lastImport(), now: new Date() }),
    },
  });
}
