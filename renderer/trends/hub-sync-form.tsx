// The regional hub in the exchange panel: its address and, for a hub behind its own certificate
// authority, the CA file (saved in the trend settings); "Sync now" runs the same sync as
// `loupe trends sync` (trends:hubSync) and shows what has been sent and received as it goes
// (trends:onSyncProgress), then the outcome in plain words, and when the last sync ran. A sync pulls
// every hub bundle again by itself when the trusted stations changed; "Pull everything again" asks for it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HubStatus, HubSyncProgress, HubSyncResult } from '../../electron/contract/hub-sync.contract';
import { loupe } from '../api/loupe';
import { formatDateTime, t } from '../i18n/t';

const MAX_CA_BYTES = 20_000;

function Outcome({ result }: { result: HubSyncResult }) {
  const refused = Object.entries(result.refusedBundles);
  return (
    <div className={`trends__report${result.ok ? '' : ' trends__report--refused'}`} role="status" data-testid="hub-result" data-ok={result.ok ? 'true' : 'false'} data-fault={result.fault ?? ''} data-finished-at={result.finishedAt}>
      {result.ok ? (
        <p>{t('hub.result.ok', { hub: result.hub, pushed: result.pushed, already: result.alreadyOnHub, pulled: result.pulled, records: result.importedRecords, alerts: result.importedAlerts })}</p>
      ) : (
        <p>{t(`hub.fault.${result.fault ?? 'other'}`, { hub: result.hub })}</p>
      )}
      {result.adoptedMembers > 0 && <p>{t('hub.result.adopted', { n: result.adoptedMembers })}</p>}
      {result.rescanned && <p data-testid="hub-rescanned">{t('hub.result.rescanned')}</p>}
      {refused.length > 0 && <p>{t('hub.result.refused', { n: refused.reduce((s, [, n]) => s + n, 0), reasons: refused.map(([fault, n]) => `${n} ${fault}`).join(', ') })}</p>}
      {!result.ok && (result.pushed > 0 || result.pulled > 0) && <p>{t('hub.progress', { pushed: result.pushed, toPush: result.toPush, pulled: result.pulled, records: result.importedRecords, alerts: result.importedAlerts })}</p>}
      {result.detail && <p className="muted small">{t('hub.detail', { detail: result.detail })}</p>}
    </div>
  );
}

export function HubSyncForm({ onError, onChanged }: { onError: (e: unknown) => void; onChanged: () => void }) {
  const [status, setStatus] = useState<HubStatus | null>(null);
  const [url, setUrl] = useState('');
  const [adopt, setAdopt] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<HubSyncProgress | null>(null);
  const [result, setResult] = useState<HubSyncResult | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const caFile = useRef<HTMLInputElement>(null);

  const reload = useCallback(async () => {
    const next = await loupe['trends:hubStatus']({});
    setStatus(next);
    return next;
  }, []);

  useEffect(() => {
    reload().then((s) => setUrl(s.hubUrl ?? ''), onError);
  }, [reload, onError]);

  // Progress arrives as events while the sync runs (pushed and pulled bundles so far); listening
  // all along, so the first event of a sync is not missed.
  useEffect(() => loupe.on('trends:onSyncProgress', setProgress), []);

  const saveHub = async (patch: { hubUrl?: string | null; hubCaPem?: string | null }): Promise<boolean> => {
    try {
      await loupe['trends:saveSettings'](patch);
      await reload();
      return true;
    } catch (e) {
      onError(e);
      return false;
    }
  };

  const save = async () => {
    setNote(null);
    if (await saveHub({ hubUrl: url.trim() || null })) setNote(t('hub.saved'));
  };

  const chooseCa = async (file: File) => {
    setNote(null);
    const text = file.size <= MAX_CA_BYTES ? await file.text() : '';
    if (caFile.current) caFile.current.value = '';
    if (!text.includes('-----BEGIN CERTIFICATE-----')) {
      setNote(t('hub.caBad'));
      return;
    }
    await saveHub({ hubCaPem: text });
  };

  const sync = async (rescan = false) => {
    setNote(null);
    setResult(null);
    // An address typed and not saved yet is saved first: "Sync now" syncs with what is shown.
    if ((url.trim() || null) !== (status?.hubUrl ?? null) && !(await saveHub({ hubUrl: url.trim() || null }))) return;
    setProgress(null);
    setBusy(true);
    try {
      const outcome = await loupe['trends:hubSync']({ adoptHubMembers: adopt, rescan });
      setResult(outcome);
      // New records, alerts or trusted stations: the counts and the trusted-stations panel read them again.
      if (outcome.importedRecords > 0 || outcome.importedAlerts > 0 || outcome.adoptedMembers > 0) onChanged();
      await reload();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  const last = status?.last ?? null;
  return (
    <form className="trends__form" onSubmit={(e) => { e.preventDefault(); void sync(); }} data-testid="hub-sync">
      <h4>{t('hub.title')}</h4>
      <label className="field">
        <span className="field__label">{t('hub.url')}</span>
        <input className="input" value={url} maxLength={500} placeholder="https://hub.example:8443" onChange={(e) => { setUrl(e.target.value); setNote(null); }} data-testid="hub-url" />
      </label>
      <label className="field">
        <span className="field__label">{t('hub.ca')}</span>
        <input ref={caFile} className="input" type="file" accept=".pem,.crt,.cer" disabled={busy} onChange={(e) => { const f = e.target.files?.[0]; if (f) void chooseCa(f); }} data-testid="hub-ca-file" />
      </label>
      {status?.ca ? (
        <p className="muted small" data-testid="hub-ca">
          {t('hub.caSet', { subject: status.ca.subject, validTo: formatDateTime(status.ca.validTo) })}{' '}
          <button type="button" className="button button--ghost button--small" onClick={() => void saveHub({ hubCaPem: null })}>{t('hub.caRemove')}</button>
        </p>
      ) : (
        <p className="muted small">{t('hub.caNone')}</p>
      )}
      <label className="trends__zone">
        <input type="checkbox" checked={adopt} onChange={(e) => setAdopt(e.target.checked)} data-testid="hub-adopt" />
        {t('hub.adopt')}
      </label>
      <div className="dialog__actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="hub-sync-button">{busy ? t('hub.syncing') : t('hub.sync')}</button>
        <button type="button" className="button" disabled={busy} onClick={() => void save()} data-testid="hub-save">{t('hub.save')}</button>
        <button type="button" className="button button--ghost" disabled={busy} onClick={() => void sync(true)} title={t('hub.rescanHint')} data-testid="hub-rescan">{t('hub.rescan')}</button>
      </div>
      <p className="muted small">{t('hub.rescanHint')}</p>
      {note && <p className="muted" role="status">{note}</p>}
      {busy && (
        <span className="trends__busy" role="status" data-testid="hub-progress">
          <span className="progress__bar progress__bar--indeterminate"><span className="progress__fill" /></span>{' '}
          {progress ? t('hub.progress', { pushed: progress.pushed + progress.alreadyOnHub, toPush: progress.toPush, pulled: progress.pulled, records: progress.importedRecords, alerts: progress.importedAlerts }) : t('hub.syncing')}
        </span>
      )}
      {result && <Outcome result={result} />}
      <p className="muted small" data-testid="hub-last">
        {last ? t('hub.last', { time: formatDateTime(last.finishedAt), outcome: t(last.ok ? 'hub.last.ok' : 'hub.last.failed') }) : t('hub.never')}
        {last && !last.ok && status?.lastSuccessAt ? ` · ${t('hub.lastSuccess', { time: formatDateTime(status.lastSuccessAt) })}` : ''}
      </p>
    </form>
  );
}
