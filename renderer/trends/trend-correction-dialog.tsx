// Correcting a trend record made at this station: the same fields as the proposal, prefilled with
// the record. Saving makes a new record that supersedes this one (trends:correct); the station
// screens the notes and typed features for personal data and says which kind it found.
import { useRef, useState } from 'react';
import type { TrendRecord } from '../../electron/contract/trends.contract';
import { loupe } from '../api/loupe';
import { escapeCloses, useDialogAction } from '../hooks/use-dialog-action';
import { useFocusTrap } from '../hooks/use-focus-trap';
import { t } from '../i18n/t';
import { fraudTypeLabel } from './fraud-type-label';
import { TrendRecordFields, revealedList, type RecordEdits } from './trend-record-fields';

export function TrendCorrectionDialog({ record, onClose, onError }: {
  record: TrendRecord;
  onClose: (corrected: TrendRecord | null) => void;
  onError: (e: unknown) => void;
}) {
  const dialog = useRef<HTMLDivElement>(null);
  const [edits, setEdits] = useState<RecordEdits>({ fraudType: record.fraudType, revealedBy: record.revealedBy.join('\n'), notes: record.notes ?? '' });
  // Refusals (personal data, nothing changed, not this station's record) are fixed in the dialog.
  const { busy, problem, run } = useDialogAction(onError);
  useFocusTrap(dialog, 'select');

  const save = async () => {
    await run(async () => onClose(await loupe['trends:correct']({ id: record.id, fraudType: edits.fraudType, revealedBy: revealedList(edits.revealedBy), notes: edits.notes.trim() || null })));
  };
  const onKeyDown = escapeCloses(() => onClose(null));

  return (
    <div className="dialog-backdrop">
      <div ref={dialog} className="dialog dialog--form" role="dialog" aria-modal="true" aria-labelledby="correction-title" tabIndex={-1} data-testid="trend-correction" onKeyDown={onKeyDown}>
        <h2 className="dialog__title" id="correction-title">{t('correction.title')}</h2>
        <p className="muted">{t('correction.lead')}</p>
        <form className="trends__form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <dl className="trends__facts">
            <dt>{t('trends.col.document')}</dt>
            <dd>{record.issuer ?? '?'} · {record.documentType}{record.series ? ` ${record.series}` : ''}{record.documentClassId ? ` (${record.documentClassId})` : ''}</dd>
            <dt>{t('trends.col.week')}</dt>
            <dd>{record.week}</dd>
            <dt>{t('trends.pointOfEntry')}</dt>
            <dd>{record.context.pointOfEntry} · {t(record.context.line === 'first' ? 'trends.line.first' : 'trends.line.second')}</dd>
            <dt>{t('correction.original')}</dt>
            <dd>{fraudTypeLabel(record.fraudType)}</dd>
            <dt>{t('trends.col.caughtBy')}</dt>
            <dd>{record.caughtBy.join(', ') || '—'}</dd>
          </dl>
          <TrendRecordFields value={edits} onChange={setEdits} testIdPrefix="correction" />
          {record.crops.length > 0 && <p className="muted small">{t('correction.crops', { n: record.crops.length })}</p>}
          {problem && <p className="form-problem" role="alert" data-testid="correction-problem">{problem}</p>}
          <div className="dialog__actions">
            <button type="submit" className="button button--primary" disabled={busy} data-testid="correction-save">{t('correction.save')}</button>
            <button type="button" className="button button--ghost" onClick={() => onClose(null)} data-testid="correction-cancel">{t('correction.cancel')}</button>
          </div>
        </form>
      </div>
    </div>
  );
}
