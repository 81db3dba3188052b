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

export function TrendRecordFields({ value, onChange, testIdPrefix }: { value: RecordEdits; onChange: (next: RecordEdits) => void; testIdPrefix: string }) {
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
        <textarea className="textarea" rows={2} value={value.revealedBy} onChange={(e) => onChange({ ...value, revealedBy: e.target.value })} data-testid={`${testIdPrefix}-revealed-by`} />
      </label>
      <label className="field">
        <span className="field__label">{t('proposal.notes')}</span>
        <textarea className="textarea" rows={3} maxLength={2000} value={value.notes} placeholder={t('proposal.notesHint')} onChange={(e) => onChange({ ...value, notes: e.target.value })} data-testid={`${testIdPrefix}-notes`} />
      </label>
    </>
  );
}
