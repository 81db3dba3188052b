// What the session refuses besides the generic kinds (errors.ts).
export const SESSION_ERROR_KINDS = [
  /** A channel that needs an officer was called with nobody signed in. */
  'NotSignedIn',
] as const;
export type SessionErrorKind = (typeof SESSION_ERROR_KINDS)[number];
