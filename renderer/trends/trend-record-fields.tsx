// What an examiner may set on a trend record — fraud type (with its sub-type), the features that
// revealed it, modus-operandi notes — the same fields in the proposal and in a correction. The
// station screens the text for personal data when the record is saved.
import { FRAUD_TYPES, type FraudType } from '../../electron/contract/trends.contract';
import { t } from '../i18n/t';
import { fraudTypeLabel } from './fraud-type-label';

export interface RecordEdits {
  fraudType: FraudType;
  /** One feature per line. */
  revealedBy: string;
  notes: string;
}

export function revealedList(text: string): string[] {
  return text.split('\n').map((s) => s.trim()).filter(Boolean).slice(0, 30);
}

export function TrendRecordFields({ value, onChange, testIdPrefix, features }: {
  value: RecordEdits;
  onChange: (next: RecordEdits) => void;
  testIdPrefix: string;
  /** Zone labels of the document's class the examiner may add to the revealing features. */
  features?: readonly string[];
}) {
  const listed = revealedList(value.revealedBy);
  const addable = (features ?? []).filter((f) => !listed.includes(f));
  return (
    <>
      <label className="field">
        <span className="field__label">{t('trends.fraudType')}</span>
        <select className="input" value={value.fraudType} onChange={(e) => onChange({ ...value, fraudType: e.target.value as FraudType })} data-testid={`${testIdPrefix}-fraud-type`}>
          {FRAUD_TYPES.map((f) => <option key={f} value={f}>{fraudTypeLabel(f)}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('proposal.revealedBy')}</span>
        <textarea className="input textarea" rows={Math.min(8, Math.max(2, listed.length + 1))} value={value.revealedBy} onChange={(e) => onChange({ ...value, revealedBy: e.target.value })} data-testid={`${testIdPrefix}-revealed-by`} />
      </label>
      {features && (
        <>
          <p className="muted small">{t('proposal.revealedByHint')}</p>
          {addable.length > 0 && (
            <label className="field">
              <span className="field__label">{t('proposal.addFeature')}</span>
              <select
                className="input"
                value=""
                onChange={(e) => {
                  if (e.target.value) onChange({ ...value, revealedBy: [...listed, e.target.value].join('\n') });
                }}
                data-testid={`${testIdPrefix}-add-feature`}
              >
                <option value="">{t('proposal.addFeaturePick')}</option>
                {addable.map((f) => <option key={f} value={f}>{f}</option>)}
              </select>
            </label>
          )}
        </>
      )}
      <label className="field">
        <span className="field__label">{t('proposal.notes')}</span>
        <textarea className="input textarea" rows={3} maxLength={2000} value={value.notes} placeholder={t('proposal.notesHint')} onChange={(e) => onChange({ ...value, notes: e.target.value })} data-testid={`${testIdPrefix}-notes`} />
      </label>
    </>
  );
}
