// The HTTP status of an error, from its category alone (electron/contract/error-categories.ts): the
// same for the station's loopback host and the regional hub.
import type { ErrorCategory } from '../contract/errors';
import { assertNever } from './loupe-error';

export function httpStatusOf(category: ErrorCategory): number {
  switch (category) {
    case 'bad-input':
      return 400;
    case 'not-signed-in':
      return 401;
    case 'not-found':
      return 404;
    case 'not-allowed':
      return 405;
    case 'conflict':
    case 'busy':
      return 409;
    case 'too-large':
      return 413;
    case 'unsupported':
      return 415;
    // A device that fails is reported as the station's failure: the page reads the kind, not the status.
    case 'unavailable':
    case 'internal':
      return 500;
    default:
      return assertNever(category, 'error category');
  }
}
