// Start of a shift: name and badge number (real accounts and roles come later).
import { useState, type FormEvent } from 'react';
import type { Officer } from '../../electron/contract/examination.contract';
import { loupe } from '../api/loupe';
import { toUiError, uiError, type UiError } from '../api/api-error';
import { t } from '../i18n/t';
import type { AppInfo } from './app-root';
import { ErrorBanner } from './error-banner';

export function SignInScreen({ info, onSignedIn }: { info: AppInfo; onSignedIn: (officer: Officer) => void }) {
  const [name, setName] = useState('');
  const [badge, setBadge] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || !badge.trim()) {
      setError(uiError('InvalidInput', t('signIn.missing')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await loupe['session:signIn']({ name: name.trim(), badge: badge.trim() }));
    } catch (e) {
      setError(toUiError(e));
      setBusy(false);
    }
  };

  return (
    <main className="sign-in" data-testid="sign-in">
      <form className="sign-in__card" onSubmit={submit} noValidate>
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true" />
          <span>{t('app.title')}</span>
        </div>
        <p className="sign-in__station">
          {t('app.tagline')} · {t('header.station', { station: info.station })}
        </p>
        <h1 className="sign-in__title">{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.lead')}</p>
        <label className="field">
          <span className="field__label">{t('signIn.name')}</span>
          <input
            className="input"
            data-testid="sign-in-name"
            autoComplete="off"
            autoFocus
            maxLength={120}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('signIn.badge')}</span>
          <input
            className="input"
            data-testid="sign-in-badge"
            autoComplete="off"
            maxLength={40}
            value={badge}
            onChange={(e) => setBadge(e.target.value)}
          />
        </label>
        {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
        <button className="button button--primary button--block" type="submit" data-testid="sign-in-submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
