// The network members whose bundles this station accepts, and this station's own key to give them.
// A station is trusted by its public key; its id is derived from the key, so it cannot be claimed.
import { useCallback, useEffect, useState } from 'react';
import { loupe } from '../api/loupe';
import { t } from '../i18n/t';

type Member = Awaited<ReturnType<(typeof loupe)['trends:trustList']>>[number];

export function TrustListPanel({ onError, revision = 0 }: {
  onError: (e: unknown) => void;
  /** Changes when the list may have changed elsewhere (a hub sync adopting its members). */
  revision?: number;
}) {
  const [identity, setIdentity] = useState<{ station: string; publicKey: string } | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const reload = useCallback(() => loupe['trends:trustList']({}).then(setMembers, onError), [onError]);
  useEffect(() => {
    loupe['trends:identity']({}).then(setIdentity, onError);
  }, [onError]);
  useEffect(() => {
    void reload();
  }, [reload, revision]);

  const add = async () => {
    if (!name.trim() || !/^[A-Za-z0-9+/]{43}=$/.test(key.trim())) {
      setProblem(t('trust.invalid'));
      return;
    }
    setProblem(null);
    try {
      await loupe['trends:trustAdd']({ name: name.trim(), publicKey: key.trim() });
      setName('');
      setKey('');
      await reload();
    } catch (e) {
      onError(e);
    }
  };

  const remove = async (station: string) => {
    try {
      await loupe['trends:trustRemove']({ station });
      await reload();
    } catch (e) {
      onError(e);
    }
  };

  return (
    <section className="panel" data-testid="trust-list">
      <h3 className="panel__title">{t('trust.title')}</h3>
      {identity && (
        <p className="muted" data-testid="trust-identity">
          {t('trust.identity', { station: identity.station })} <code className="trends__key">{identity.publicKey}</code>
        </p>
      )}
      {members.length === 0 ? (
        <p className="muted">{t('trust.empty')}</p>
      ) : (
        <table className="trends__table">
          <thead>
            <tr><th>{t('trust.name')}</th><th>{t('trust.station')}</th><th>{t('trust.added')}</th><th /></tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.station} data-testid="trust-member">
                <td>{m.name}</td>
                <td><code>{m.station}</code></td>
                <td>{m.addedAt.slice(0, 10)}</td>
                <td><button type="button" className="button button--ghost button--small" onClick={() => void remove(m.station)}>{t('trust.remove')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="trends__filter-row" onSubmit={(e) => { e.preventDefault(); void add(); }}>
        <label className="field">
          <span className="field__label">{t('trust.name')}</span>
          <input className="input" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} data-testid="trust-name" />
        </label>
        <label className="field field--grow">
          <span className="field__label">{t('trust.key')}</span>
          <input className="input" value={key} maxLength={44} onChange={(e) => setKey(e.target.value)} data-testid="trust-key" />
        </label>
        <button type="submit" className="button" data-testid="trust-add">{t('trust.add')}</button>
      </form>
      {problem && <p className="form-problem" role="alert">{problem}</p>}
    </section>
  );
}
