// What to do next after an error, in words: one step per category of error (as the host's status
// and the command line's exit code follow the category), a few kinds with a step of their own.
import type { UiError } from '../api/api-error';
import type { PlainMessageKey } from '../i18n/t';
import { assertNever } from '../util/assert-never';

export function nextStepKey(error: Pick<UiError, 'kind' | 'category'>): PlainMessageKey {
  switch (error.category) {
    case 'bad-input':
    case 'not-allowed':
    case 'conflict':
      return 'error.next.InvalidInput';
    case 'too-large':
      return 'error.next.ImageTooLarge';
    case 'unsupported':
      return 'error.next.UnsupportedImage';
    case 'not-found':
      // The devices domain's NotFound: a device with nothing to deliver (a hot folder without a complete image set).
      return error.kind === 'NotFound' ? 'error.next.DeviceNothingYet' : 'error.next.NotFound';
    case 'not-signed-in':
      return 'error.next.NotSignedIn';
    case 'busy':
      return 'error.next.Busy';
    case 'unavailable':
      return 'error.next.DeviceError';
    case 'internal':
      // The OCR engine not starting: the document can be scanned again once it does.
      return error.kind === 'OcrFailed' ? 'error.next.OcrFailed' : 'error.next.Internal';
    case 'network':
      return 'error.next.Network';
    case 'unauthorized':
      return 'error.next.Unauthorized';
    default:
      return assertNever(error.category);
  }
}
