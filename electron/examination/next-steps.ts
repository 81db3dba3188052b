// What the station's procedure says to do next, per level of the overall verdict and for an expired
// document: a station setting (examination:nextSteps), with defaults that fit a document desk. The
// screen shows the step of the examination's level beside the verdict; the report prints it too.
import { NextStepsSchema, type NextSteps } from '../contract/examination.contract';

export const NEXT_STEPS_KEY = 'examination.nextSteps';

export const DEFAULT_NEXT_STEPS: NextSteps = {
  pass: 'No defect found in the checks performed. Compare the holder with the portrait, then record your decision.',
  attention: 'Examine each flagged feature under magnification and against the reference; confirm or dismiss each finding before deciding.',
  fail: 'Do not return the document. Refer the document and its holder to a document expert, and record the findings you confirm.',
  incomplete: 'Key checks could not run. Rescan the document under all three lights, or examine it by hand against the reference; refer to a document expert if in doubt.',
  expired: 'The document is not valid for travel: apply the rules for expired documents, whatever its authenticity.',
};

export interface SettingsStore {
  getSetting<T>(key: string): T | undefined;
  setSetting(key: string, value: unknown): void;
}

/** The station's next steps (the defaults for any step it has not set), after saving `update` when given. */
export function stationNextSteps(store: SettingsStore, update?: NextSteps): { nextSteps: NextSteps; defaults: NextSteps } {
  if (update) store.setSetting(NEXT_STEPS_KEY, NextStepsSchema.parse(update));
  const saved = NextStepsSchema.partial().safeParse(store.getSetting(NEXT_STEPS_KEY));
  return { nextSteps: { ...DEFAULT_NEXT_STEPS, ...(saved.success ? saved.data : {}) }, defaults: DEFAULT_NEXT_STEPS };
}
