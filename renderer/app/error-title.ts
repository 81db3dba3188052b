// What happened, as the title of an error: one title per category of error (the category, not the
// kind, says what sort of failure it was; electron/contract/error-categories.ts), so a refused entry
// never reads "Something went wrong".
import type { UiError } from '../api/api-error';
import type { PlainMessageKey } from '../i18n/t';
import { assertNever } from '../util/assert-never';

export function errorTitleKey(category: UiError['category']): PlainMessageKey {
  switch (category) {
    case 'bad-input':
      return 'error.title.bad-input';
    case 'too-large':
      return 'error.title.too-large';
    case 'unsupported':
      return 'error.title.unsupported';
    case 'not-allowed':
      return 'error.title.not-allowed';
    case 'conflict':
      return 'error.title.conflict';
    case 'not-found':
      return 'error.title.not-found';
    case 'not-signed-in':
      return 'error.title.not-signed-in';
    case 'busy':
      return 'error.title.busy';
    case 'unavailable':
      return 'error.title.unavailable';
    case 'internal':
      return 'error.title.internal';
    case 'network':
      return 'error.title.network';
    case 'unauthorized':
      return 'error.title.unauthorized';
    default:
      return assertNever(category);
  }
}
