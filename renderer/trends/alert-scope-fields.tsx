// Which documents an alert is shown on: documents of the named issuers, document types and series
// (prefilled from the examination on screen or the class), or — only when the examiner chooses it —
// every document in the region.
import type { AlertScope } from '../../electron/contract/trends.contract';
import { scopeList } from '../../electron/contract/alert-scope';
import { t } from '../i18n/t';

export interface ScopeDraft {
  regional: boolean;
  /** Comma-separated, as typed. */
  issuers: string;
  documentTypes: string;
  series: string;
}

export function scopeOfDraft(draft: ScopeDraft): AlertScope | null {
  if (draft.regional) return { kind: 'regional' };
  const scope = { kind: 'documents' as const, issuers: scopeList(draft.issuers, true), documentTypes: scopeList(draft.documentTypes), series: scopeList(draft.series) };
  return scope.issuers.length + scope.documentTypes.length + scope.series.length > 0 ? scope : null;
}

export function draftOfScope(scope: AlertScope): ScopeDraft {
  return scope.kind === 'regional'
    ? { regional: true, issuers: '', documentTypes: '', series: '' }
    : { regional: false, issuers: scope.issuers.join(', '), documentTypes: scope.documentTypes.join(', '), series: scope.series.join(', ') };
}

export function AlertScopeFields({ value, onChange }: { value: ScopeDraft; onChange: (next: ScopeDraft) => void }) {
  return (
    <fieldset className="trends__scope" data-testid="alert-scope">
      <legend className="field__label">{t('alertScope.legend')}</legend>
      <label className="trends__zone">
        <input type="radio" name="alert-scope" checked={!value.regional} onChange={() => onChange({ ...value, regional: false })} data-testid="alert-scope-documents" />
        {t('alertScope.documents')}
      </label>
      <div className="trends__scope-fields">
        <label className="field">
          <span className="field__label">{t('alertScope.issuersField')}</span>
          <input className="input" value={value.issuers} disabled={value.regional} placeholder="SWE, NOR" onChange={(e) => onChange({ ...value, issuers: e.target.value })} data-testid="alert-scope-issuers" />
        </label>
        <label className="field">
          <span className="field__label">{t('alertScope.typesField')}</span>
          <input className="input" value={value.documentTypes} disabled={value.regional} onChange={(e) => onChange({ ...value, documentTypes: e.target.value })} data-testid="alert-scope-types" />
        </label>
        <label className="field">
          <span className="field__label">{t('alertScope.seriesField')}</span>
          <input className="input" value={value.series} disabled={value.regional} onChange={(e) => onChange({ ...value, series: e.target.value })} data-testid="alert-scope-series" />
        </label>
        <p className="muted small">{t('alertScope.hint')}</p>
      </div>
      <label className="trends__zone">
        <input type="radio" name="alert-scope" checked={value.regional} onChange={() => onChange({ ...value, regional: true })} data-testid="alert-scope-regional" />
        {t('alertScope.regional')}
      </label>
    </fieldset>
  );
}
