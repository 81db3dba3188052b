// Exchange on removable media: export a signed bundle (national, or international with small
// counts protected) as a download; import a bundle chosen with a file picker and show what was
// added, skipped and refused, and why. Sync with the regional hub. Also the station's trend
// settings (point of entry, k).
import { useEffect, useRef, useState } from 'react';
import type { ImportReport } from '../../electron/contract/trend-dashboard.contract';
import { loupe } from '../api/loupe';
import { t } from '../i18n/t';
import { base64ToBlob, bytesToBase64, download } from './file-bytes';
import { HubSyncForm } from './hub-sync-form';

const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
type Settings = Awaited<ReturnType<(typeof loupe)['trends:settings']>>;

export function TrendExchangePanel({ onError, onChanged }: { onError: (e: unknown) => void; onChanged: () => void }) {
  const [since, setSince] = useState('');
  const [scope, setScope] = useState<'national' | 'international'>('national');
  const [k, setK] = useState(3);
  const [busy, setBusy] = useState<'export' | 'import' | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [report, setReport] = useState<(ImportReport & { fileName: string }) | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);
  const file = useRef<HTMLInputElement>(null);

  useEffect(() => {
    loupe['trends:settings']({}).then((s) => {
      setSettings(s);
      setK(s.k);
    }, onError);
  }, [onError]);

  const doExport = async () => {
    const week = since.trim().toUpperCase();
    setBusy('export');
    try {
      const result = await loupe['trends:export']({ since: week || null, scope, k: scope === 'international' ? k : null });
      download(base64ToBlob(result.base64, 'application/octet-stream'), result.fileName);
      setExported(
        t('exchange.exported', { records: result.records, alerts: result.alerts, coarsened: result.coarsened, suppressed: result.suppressed, fileName: result.fileName }) +
          (result.withoutProof > 0 ? ` ${t('exchange.withoutProof', { count: result.withoutProof })}` : ''),
      );
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  };

  const doImport = async (chosen: File) => {
    if (chosen.size > MAX_BUNDLE_BYTES) {
      setReport({ fileName: chosen.name, applied: false, signer: null, addedRecords: 0, addedAlerts: 0, skipped: 0, refused: [], conflicts: [], error: { fault: 'too-large', message: t('exchange.tooLarge') } });
      return;
    }
    setBusy('import');
    try {
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      const result = await loupe['trends:import']({ fileName: chosen.name.slice(0, 255), base64: bytesToBase64(bytes) });
      setReport({ ...result, fileName: chosen.name });
      if (result.applied) onChanged();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
      if (file.current) file.current.value = '';
    }
  };

  const saveSettings = async () => {
    if (!settings) return;
    try {
      // Only this form's fields: the hub address is saved by the hub form.
      const { country, pointOfEntry, line, direction, k: threshold } = settings;
      setSettings(await loupe['trends:saveSettings']({ country: country.toUpperCase(), pointOfEntry: pointOfEntry.toUpperCase(), line, direction, k: threshold }));
      setSaved(true);
    } catch (e) {
      onError(e);
    }
  };

  return (
    <section className="panel trends__exchange" data-testid="trends-exchange">
      <h3 className="panel__title">{t('exchange.title')}</h3>
      <div className="trends__exchange-grid">
        <form className="trends__form" onSubmit={(e) => { e.preventDefault(); void doExport(); }}>
          <h4>{t('exchange.export')}</h4>
          <label className="field">
            <span className="field__label">{t('exchange.since')}</span>
            <input className="input" value={since} placeholder="2026-W01" onChange={(e) => setSince(e.target.value)} data-testid="export-since" />
          </label>
          <label className="field">
            <span className="field__label">{t('exchange.scope')}</span>
            <select className="input" value={scope} onChange={(e) => setScope(e.target.value as 'national' | 'international')} data-testid="export-scope">
              <option value="national">{t('exchange.scope.national')}</option>
              <option value="international">{t('exchange.scope.international')}</option>
            </select>
          </label>
          {scope === 'international' && (
            <label className="field">
              <span className="field__label">{t('exchange.k')}</span>
              <input className="input input--short" type="number" min={2} max={100} value={k} onChange={(e) => setK(Math.max(2, Math.min(100, Number(e.target.value) || 2)))} data-testid="export-k" />
            </label>
          )}
          <button type="submit" className="button button--primary" disabled={busy !== null} data-testid="export-button">{busy === 'export' ? t('exchange.exporting') : t('exchange.exportButton')}</button>
          {exported && <p className="muted" role="status" data-testid="export-result">{exported}</p>}
        </form>

        <div className="trends__form">
          <h4>{t('exchange.import')}</h4>
          <label className="field">
            <span className="field__label">{t('exchange.chooseFile')}</span>
            <input ref={file} className="input" type="file" accept=".bundle,application/octet-stream" disabled={busy !== null} onChange={(e) => { const f = e.target.files?.[0]; if (f) void doImport(f); }} data-testid="import-file" />
          </label>
          {busy === 'import' && <span className="trends__busy" role="status"><span className="progress__bar progress__bar--indeterminate"><span className="progress__fill" /></span> {t('exchange.importing')}</span>}
          {report && (
            <div className={`trends__report${report.applied ? '' : ' trends__report--refused'}`} role="status" data-testid="import-report" data-applied={report.applied ? 'true' : 'false'}>
              {report.applied ? (
                <p>{t('exchange.imported', { fileName: report.fileName, signer: report.signer ?? '?', records: report.addedRecords, alerts: report.addedAlerts, skipped: report.skipped })}</p>
              ) : (
                <p>{t('exchange.refused', { fileName: report.fileName, reason: report.error?.message ?? '' })}</p>
              )}
              {(report.refused.length > 0 || report.conflicts.length > 0) && (
                <ul>
                  {report.refused.slice(0, 20).map((r) => <li key={`r${r.line}`}>{t('exchange.refusedLine', { line: r.line, reason: r.reason })}</li>)}
                  {report.conflicts.slice(0, 20).map((c) => <li key={`c${c.line}`}>{t('exchange.conflictLine', { line: c.line, id: c.id.slice(0, 12), reason: c.reason })}</li>)}
                </ul>
              )}
            </div>
          )}
        </div>

        <HubSyncForm onError={onError} onChanged={onChanged} />

        {settings && (
          <form className="trends__form" onSubmit={(e) => { e.preventDefault(); void saveSettings(); }}>
            <h4>{t('exchange.settings')}</h4>
            <label className="field">
              <span className="field__label">{t('exchange.country')}</span>
              <input className="input input--short" value={settings.country} maxLength={3} onChange={(e) => { setSaved(false); setSettings({ ...settings, country: e.target.value }); }} data-testid="settings-country" />
            </label>
            <label className="field">
              <span className="field__label">{t('trends.pointOfEntry')}</span>
              <input className="input" value={settings.pointOfEntry} maxLength={16} onChange={(e) => { setSaved(false); setSettings({ ...settings, pointOfEntry: e.target.value }); }} data-testid="settings-poe" />
            </label>
            <label className="field">
              <span className="field__label">{t('exchange.line')}</span>
              <select className="input" value={settings.line} onChange={(e) => { setSaved(false); setSettings({ ...settings, line: e.target.value as 'first' | 'second' }); }}>
                <option value="first">{t('trends.line.first')}</option>
                <option value="second">{t('trends.line.second')}</option>
              </select>
            </label>
            <label className="field">
              <span className="field__label">{t('exchange.direction')}</span>
              <select className="input" value={settings.direction ?? ''} onChange={(e) => { setSaved(false); setSettings({ ...settings, direction: e.target.value === '' ? null : (e.target.value as 'entry' | 'exit') }); }}>
                <option value="">{t('exchange.direction.none')}</option>
                <option value="entry">{t('exchange.direction.entry')}</option>
                <option value="exit">{t('exchange.direction.exit')}</option>
              </select>
            </label>
            <label className="field">
              <span className="field__label">{t('exchange.k')}</span>
              <input className="input input--short" type="number" min={2} max={100} value={settings.k} onChange={(e) => { setSaved(false); setSettings({ ...settings, k: Math.max(2, Math.min(100, Number(e.target.value) || 2)) }); }} />
            </label>
            <button type="submit" className="button" data-testid="settings-save">{t('exchange.saveSettings')}</button>
            {saved && <p className="muted" role="status">{t('exchange.saved')}</p>}
          </form>
        )}
      </div>
    </section>
  );
}
