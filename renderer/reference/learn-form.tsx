// The form that starts learning a class: its identity (identifier, document type; issuer, MRZ
// codes and series optional) and the capture files, counted per capture as the hot folder groups
// them. Learning takes up to half a minute; the proposal opens when it is done.
import { useState } from 'react';
import type { CaptureFile } from '../../electron/contract/learning.contract';
import { t } from '../i18n/t';
import { countCaptures, readCaptureFiles } from './capture-upload';

export interface LearnInput {
  id: string;
  title: string;
  issuer?: string;
  documentCodes?: string[];
  series?: string;
  files: CaptureFile[];
}

const ID = /^[a-z0-9][a-z0-9._-]{0,95}$/;

export function LearnForm({ onLearn, onCancel }: { onLearn: (input: LearnInput) => Promise<void>; onCancel: () => void }) {
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [issuer, setIssuer] = useState('');
  const [types, setTypes] = useState('');
  const [series, setSeries] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const captures = countCaptures(files.map((f) => f.name));

  const submit = async () => {
    if (!ID.test(id) || !title.trim()) return setProblem(t('learn.error.fields'));
    if (captures < 3) return setProblem(t('learn.error.captures'));
    setProblem(null);
    setBusy(true);
    try {
      const codes = types.split(/[\s,]+/).map((s) => s.trim().toUpperCase()).filter(Boolean);
      await onLearn({
        id,
        title: title.trim(),
        ...(issuer.trim() ? { issuer: issuer.trim().toUpperCase() } : {}),
        ...(codes.length ? { documentCodes: codes } : {}),
        ...(series.trim() ? { series: series.trim() } : {}),
        files: await readCaptureFiles(files),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel learn-form" data-testid="learn-form">
      <header className="panel__header">
        <h2 className="panel__title">{t('learn.title')}</h2>
      </header>
      <p className="muted">{t('learn.intro')}</p>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label className="field">
          <span className="field__label">{t('learn.id')} <span className="muted small">({t('learn.idHint')})</span></span>
          <input className="input" value={id} onChange={(e) => setId(e.target.value)} data-testid="learn-id" />
        </label>
        <label className="field">
          <span className="field__label">{t('learn.documentTitle')}</span>
          <input className="input" value={title} maxLength={80} onChange={(e) => setTitle(e.target.value)} data-testid="learn-title" />
        </label>
        <div className="learn-form__row">
          <label className="field">
            <span className="field__label">{t('learn.issuer')}</span>
            <input className="input input--compact" value={issuer} maxLength={3} onChange={(e) => setIssuer(e.target.value)} data-testid="learn-issuer" />
          </label>
          <label className="field">
            <span className="field__label">{t('learn.types')}</span>
            <input className="input input--compact" value={types} onChange={(e) => setTypes(e.target.value)} data-testid="learn-types" />
          </label>
          <label className="field">
            <span className="field__label">{t('learn.series')}</span>
            <input className="input input--compact" value={series} maxLength={80} onChange={(e) => setSeries(e.target.value)} data-testid="learn-series" />
          </label>
        </div>
        <label className="field">
          <span className="field__label">{t('learn.files')}</span>
          <input className="input" type="file" multiple accept="image/png,image/jpeg,image/tiff,image/webp" onChange={(e) => setFiles([...(e.target.files ?? [])])} data-testid="learn-files" />
        </label>
        {files.length > 0 && <p className="muted small" data-testid="learn-chosen">{t('learn.chosen', { files: files.length, captures })}</p>}
        {problem && <p className="form-problem" role="alert" data-testid="learn-problem">{problem}</p>}
        {busy && <p className="notice" role="status" data-testid="learn-running">{t('learn.running')}</p>}
        <div className="learn-form__actions">
          <button type="submit" className="button button--primary" disabled={busy} data-testid="learn-start">{t('learn.start')}</button>
          <button type="button" className="button button--ghost" disabled={busy} onClick={onCancel} data-testid="learn-cancel">{t('learn.cancel')}</button>
        </div>
      </form>
    </section>
  );
}
