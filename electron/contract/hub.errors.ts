// The regional hub's own faults (docs/hub.md), answered as `{ error: { fault, message } }` besides
// the bundle faults of exchange.errors.ts. These strings are an API stations read (their sync tells
// `unknown-station` from `clock-skew`, ...): never rename one.
export const HUB_ERROR_KINDS = [
  // Authentication of a station's request (hub-auth.ts) or of the dashboard.
  'missing-signature',
  'unknown-station',
  'bad-signature',
  'clock-skew',
  'replay',
  'bad-token',
  // The request itself.
  'bad-query',
  'bad-id',
  'not-found',
  'method-not-allowed',
  /** A pushed body above the hub's limit (refused before it is read in full). */
  'too-large',
  /** A station named on the command line is not on the hub's trust list. */
  'not-on-trust-list',
  // The hub's own trouble (the cause goes to its log).
  'dashboard-unavailable',
  'internal',
] as const;
export type HubErrorKind = (typeof HUB_ERROR_KINDS)[number];
