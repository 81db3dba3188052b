// What a dialog's or form's main action shares: busy while it runs; a refusal the person can fix
// (invalid input, not found: api-error.ts fixableHere) said where they are; any other failure handed to the screen; and, for
// dialogs, Escape that closes without letting the key reach the screen's shortcuts.
import { useState, type KeyboardEvent } from 'react';
import { fixableHere, toUiError } from '../api/api-error';

export function useDialogAction(onError: (e: unknown) => void): {
  busy: boolean;
  problem: string | null;
  setProblem: (problem: string | null) => void;
  /** Runs the action; the dialog shows `problem` for a refusal. */
  run: (action: () => Promise<void>) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (e) {
      const ui = toUiError(e);
      if (fixableHere(ui)) setProblem(ui.message);
      else onError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, setProblem, run };
}

/** A dialog's keydown handler: keys stay in the dialog; Escape calls `onEscape`. */
export function escapeCloses(onEscape: () => void): (event: KeyboardEvent<HTMLElement>) => void {
  return (event) => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onEscape();
    }
  };
}
