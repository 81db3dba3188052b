// Top level: station info and the signed-in officer. Nothing else is shown before sign-in, so every
// examination and audit entry names who did it.
import { useCallback, useEffect, useState } from 'react';
import type { Response } from '../../electron/contract/api.contract';
import type { Officer } from '../../electron/contract/examination.contract';
import { loupe } from '../api/loupe';
import { toUiError, type UiError } from '../api/api-error';
import { t } from '../i18n/t';
import { ErrorBanner } from './error-banner';
import { SignInScreen } from './sign-in-screen';
import { Workstation } from './workstation';

export type AppInfo = Response<'app:info'>;

export function AppRoot() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [officer, setOfficer] = useState<Officer | null | undefined>(undefined);
  const [error, setError] = useState<UiError | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([loupe['app:info']({}), loupe['session:current']({})])
      .then(([appInfo, current]) => {
        if (!live) return;
        setInfo(appInfo);
        setOfficer(current);
      })
      .catch((e: unknown) => live && setError(toUiError(e)));
    return () => {
      live = false;
    };
  }, []);

  const signOut = async () => {
    try {
      await loupe['session:signOut']({});
      setOfficer(null);
    } catch (e) {
      setError(toUiError(e));
    }
  };

  const sessionLost = useCallback(() => setOfficer(null), []);

  if (error && (!info || officer === undefined)) {
    return (
      <div className="boot">
        <ErrorBanner error={error} onDismiss={() => window.location.reload()} />
      </div>
    );
  }
  if (!info || officer === undefined) {
    return (
      <div className="boot" role="status" data-testid="app-loading">
        {t('app.loading')}
      </div>
    );
  }
  if (!officer) return <SignInScreen info={info} onSignedIn={setOfficer} />;
  return <Workstation info={info} officer={officer} onSignOut={signOut} onSessionLost={sessionLost} />;
}
