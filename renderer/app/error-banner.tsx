// Errors in plain words: what happened (the service's message) and what to do next (by kind).
import type { UiErrorKind } from '../api/api-error';
import { t } from '../i18n/t';

export function ErrorBanner({ error, onDismiss }: { error: { kind: UiErrorKind; message: string }; onDismiss: () => void }) {
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-kind={error.kind}>
      <div className="error-banner__body">
        <strong className="error-banner__title">{t('error.title')}</strong>
        <p className="error-banner__message">{error.message}</p>
        <p className="error-banner__next">{t(`error.next.${error.kind}`)}</p>
      </div>
      <button type="button" className="button button--ghost" onClick={onDismiss}>
        {t('error.dismiss')}
      </button>
    </div>
  );
}
