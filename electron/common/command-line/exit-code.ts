// The exit codes of the command line, decided here and nowhere else: 0 done, 2 bad usage or bad
// input (the person at the keyboard can fix the command or the file), 1 a failure of the station or
// of something it depends on (a device, a hub, Chromium, a bug). Decided by the error's category
// (electron/contract/error-categories.ts), never by its kind.
import { assertNever } from '../loupe-error';
import type { ErrorCategory } from '../../contract/errors';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

export type ExitCode = typeof EXIT_OK | typeof EXIT_FAILURE | typeof EXIT_BAD_INPUT;

export function exitCodeOf(category: ErrorCategory): ExitCode {
  switch (category) {
    case 'bad-input':
    case 'too-large':
    case 'unsupported':
    case 'not-allowed':
    case 'conflict':
      return EXIT_BAD_INPUT;
    // Something the station looked up is not held (an examination id, a trend record, a class):
    // documented as a failure (docs/trends.md). Files named on the command line are checked before
    // use (input-files.ts), so a missing one is InvalidInput.
    case 'not-found':
    case 'not-signed-in':
    case 'busy':
    case 'unavailable':
    case 'internal':
      return EXIT_FAILURE;
    default:
      return assertNever(category, 'error category');
  }
}
