// What learning a reference class refuses besides the generic kinds (errors.ts).
export const LEARNING_ERROR_KINDS = [
  /** The proposal was saved, discarded or expired (kept for an hour): learn again. */
  'DraftNotFound',
  /** The class was changed (grown, edited) after the captures were added to it: add them again. */
  'DraftOutdated',
] as const;
export type LearningErrorKind = (typeof LEARNING_ERROR_KINDS)[number];
