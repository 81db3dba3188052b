// Errors in plain words: what happened (a title by category, or the caller's own), the service's
// message, and what to do next (by category).
import type { UiError } from '../api/api-error';
import { t } from '../i18n/t';
import { nextStepKey } from './error-next-step';
import { errorTitleKey } from './error-title';

export function ErrorBanner({ error, onDismiss, title, testId = 'error-banner' }: {
  error: UiError;
  onDismiss: () => void;
  /** A title that says more than the category can (e.g. which device's capture failed). */
  title?: string;
  testId?: string;
}) {
  return (
    <div className="error-banner" role="alert" data-testid={testId} data-kind={error.kind} data-category={error.category}>
      <span className="error-banner__icon" aria-hidden="true">!</span>
      <div className="error-banner__body">
        <strong className="error-banner__title" data-testid={`${testId}-title`}>{title ?? t(errorTitleKey(error.category))}</strong>
        <p className="error-banner__message">{error.message}</p>
        <p className="error-banner__next">{t(nextStepKey(error))}</p>
      </div>
      <button type="button" className="button button--ghost" onClick={onDismiss}>
        {t('error.dismiss')}
      </button>
    </div>
  );
}
