// Who may call each channel, declared once per channel so the dispatcher can refuse a caller who is
// not signed in before it validates the request: an officer who is not signed in is told to sign in,
// not that a field of the request is wrong. The handlers in create-services.ts still check the
// officer themselves; this table only moves that answer in front of validation, and
// test/unit/services/channel-access.test.ts keeps it in step with the handlers that call signedIn().
import type { Channel } from '../contract/api.contract';

/**
 * - `anyone`: no officer needed (reading, signing in, device status).
 * - `officer`: every call needs a signed-in officer (it is recorded under the officer's name).
 * - `{ officerWhen }`: a signed-in officer is needed when the request carries this field
 *   (reading a setting is open, changing it is recorded under the officer's name).
 */
export type ChannelAccess = 'anyone' | 'officer' | { officerWhen: string };

export const channelAccess: Readonly<Record<Channel, ChannelAccess>> = {
  'app:info': 'anyone',
  'session:signIn': 'anyone',
  'session:current': 'anyone',
  'session:signOut': 'anyone',
  'devices:list': 'anyone',
  'devices:configure': 'anyone',
  'examination:scan': 'officer',
  'examination:get': 'anyone',
  'examination:list': 'anyone',
  'examination:decide': 'officer',
  'examination:review': 'officer',
  'mrz:readText': 'anyone',
  'reference:list': 'anyone',
  'reference:get': 'anyone',
  'reference:save': 'officer',
  'reference:retire': 'officer',
  'report:create': 'anyone',
  'face:analyse': 'officer',
  'face:addPortrait': 'officer',
  'face:assess': 'officer',
  'face:settings': { officerWhen: 'threshold' },
  'trends:propose': 'anyone',
  'trends:previewCrops': 'anyone',
  'trends:record': 'officer',
  'trends:dashboard': 'anyone',
  'trends:records': 'anyone',
  'trends:csv': 'anyone',
  'trends:export': 'officer',
  'trends:import': 'officer',
  'trends:settings': 'anyone',
  'trends:saveSettings': 'officer',
  'trends:publishAlert': 'officer',
  'trends:alertsForClass': 'anyone',
  'trends:identity': 'anyone',
  'trends:trustList': 'anyone',
  'trends:trustAdd': 'officer',
  'trends:trustRemove': 'officer',
  'trends:recordRows': 'anyone',
  'trends:recordRow': 'anyone',
  'trends:correct': 'officer',
  'trends:hubSync': 'officer',
  'trends:hubStatus': 'anyone',
  'trends:ownAlerts': 'anyone',
  'trends:replaceAlert': 'officer',
  'trends:withdrawAlert': 'officer',
};

/** Whether this call, as it arrived (before validation), needs a signed-in officer. */
export function needsOfficer(channel: Channel, raw: unknown): boolean {
  const access = channelAccess[channel];
  if (access === 'anyone') return false;
  if (access === 'officer') return true;
  // A field that is absent or null changes nothing; anything else (even malformed) is an attempt to change.
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[access.officerWhen] : undefined;
  return value !== undefined && value !== null;
}

export const NOT_SIGNED_IN_MESSAGE = 'sign in first: this action is recorded under the name of the officer who signed in';
