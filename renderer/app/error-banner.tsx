// Errors in plain words: what happened (the service's message) and what to do next (by category).
import type { UiError } from '../api/api-error';
import { t } from '../i18n/t';
import { nextStepKey } from './error-next-step';

export function ErrorBanner({ error, onDismiss }: { error: UiError; onDismiss: () => void }) {
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-kind={error.kind} data-category={error.category}>
      <div className="error-banner__body">
        <strong className="error-banner__title">{t('error.title')}</strong>
        <p className="error-banner__message">{error.message}</p>
        <p className="error-banner__next">{t(nextStepKey(error))}</p>
      </div>
      <button type="button" className="button button--ghost" onClick={onDismiss}>
        {t('error.dismiss')}
      </button>
    </div>
  );
}
