// The controlled fraud taxonomy on its own, free of the schema library, so a browser page that only
// lists it (the hub dashboard, bundled when served) takes the list without zod.
export const FRAUD_TYPES = [
  'counterfeit',
  'forged-photo-substitution',
  'forged-page-substitution',
  'forged-data-alteration',
  'forged-other',
  'pseudo-fantasy',
  'fraudulently-obtained-genuine',
  'impostor-look-alike',
  'stolen-blank',
  'other',
] as const;
