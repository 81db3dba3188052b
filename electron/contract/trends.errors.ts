// What the trends domain refuses besides the generic kinds (errors.ts). A bundle refused at import
// is a report (its fault one of the exchange kinds, exchange.errors.ts), not an error.
export const TRENDS_ERROR_KINDS = [
  /** No trend record with that id is held at this station. */
  'RecordNotHeld',
  /** No expert alert with that id is held at this station. */
  'AlertNotHeld',
  /** The examination has no capture in the light a crop is asked from. */
  'CaptureNotHeld',
  /** Text or a picture meant for the network holds personal data of the examination. */
  'PersonalData',
  /** Only the station that made a record or published an alert may correct, replace or withdraw it. */
  'NotOwnStation',
  /** The record or alert was corrected, replaced or withdrawn already: only its newest version can be. */
  'AlreadySuperseded',
  /** A sync with the regional hub stopped (what was done is kept). */
  'HubSyncFailed',
] as const;
export type TrendsErrorKind = (typeof TRENDS_ERROR_KINDS)[number];
