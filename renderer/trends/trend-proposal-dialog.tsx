// After a fraud verdict: the trend record Loupe proposes, for the examiner to review. Only
// non-personal facts are shown and sent; notes are screened on the station (a refused note says
// which kind of personal data it holds); crops are shown redacted before they can be attached.
import { useEffect, useRef, useState } from 'react';
import type { TrendProposalDto } from '../../electron/contract/trend-dashboard.contract';
import { loupe } from '../api/loupe';
import { toUiError } from '../api/api-error';
import { useFocusTrap } from '../hooks/use-focus-trap';
import { t } from '../i18n/t';
import { base64ToBlob } from './file-bytes';
import { TrendRecordFields, revealedList, type RecordEdits } from './trend-record-fields';
import { escapeCloses } from '../hooks/use-dialog-action';

interface Preview {
  zoneId: string;
  label: string;
  url: string;
}

export function TrendProposalDialog({ examinationId, onClose, onError }: {
  examinationId: string;
  /** `thenAlert`: the examiner asked to publish an expert alert from this examination next. */
  onClose: (recorded: boolean, thenAlert?: boolean) => void;
  onError: (e: unknown) => void;
}) {
  const dialog = useRef<HTMLDivElement>(null);
  const [proposal, setProposal] = useState<TrendProposalDto | null>(null);
  const [edits, setEdits] = useState<RecordEdits>({ fraudType: 'other', revealedBy: '', notes: '' });
  const [thenAlert, setThenAlert] = useState(false);
  const [zones, setZones] = useState<string[]>([]);
  const [previews, setPreviews] = useState<Preview[]>([]);
  const [cropsChecked, setCropsChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useFocusTrap(dialog, 'select');
  // The parent passes new callbacks on every render; the proposal is loaded once per examination.
  const callbacks = useRef({ onClose, onError });
  callbacks.current = { onClose, onError };

  useEffect(() => {
    loupe['trends:propose']({ examinationId }).then((p) => {
      setProposal(p);
      setEdits({ fraudType: p.fraudType, revealedBy: p.revealedBy.join('\n'), notes: '' });
    }, (e: unknown) => {
      callbacks.current.onError(e);
      callbacks.current.onClose(false);
    });
  }, [examinationId]);

  useEffect(() => () => previews.forEach((p) => URL.revokeObjectURL(p.url)), [previews]);

  const preview = async (ids: string[]) => {
    setCropsChecked(false);
    if (ids.length === 0) return setPreviews([]);
    setBusy(true);
    try {
      const crops = await loupe['trends:previewCrops']({ examinationId, zoneIds: ids });
      setPreviews(crops.map((c) => ({ zoneId: c.zoneId, label: c.label, url: URL.createObjectURL(base64ToBlob(c.pngBase64, 'image/png')) })));
    } catch (e) {
      setProblem(toUiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const toggleZone = (id: string, on: boolean) => {
    const next = on ? [...zones, id].slice(0, 8) : zones.filter((z) => z !== id);
    setZones(next);
    void preview(next);
  };

  const confirm = async () => {
    if (zones.length > 0 && !cropsChecked) {
      setProblem(t('proposal.checkCrops'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await loupe['trends:record']({
        examinationId,
        fraudType: edits.fraudType,
        revealedBy: revealedList(edits.revealedBy),
        notes: edits.notes.trim() || null,
        cropZoneIds: zones,
        supersedes: null,
      });
      onClose(true, thenAlert);
    } catch (e) {
      // A refused note is the examiner's to fix here, not a screen-wide error.
      setProblem(toUiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = escapeCloses(() => onClose(false, false));

  return (
    <div className="dialog-backdrop">
      <div ref={dialog} className="dialog dialog--form" role="dialog" aria-modal="true" aria-labelledby="proposal-title" tabIndex={-1} data-testid="trend-proposal" onKeyDown={onKeyDown}>
        <h2 className="dialog__title" id="proposal-title">{t('proposal.title')}</h2>
        <p className="muted">{t('proposal.lead')}</p>
        {!proposal ? (
          <span className="trends__busy" role="status"><span className="progress__bar progress__bar--indeterminate"><span className="progress__fill" /></span> {t('trends.loading')}</span>
        ) : (
          <form className="trends__form" onSubmit={(e) => { e.preventDefault(); void confirm(); }}>
            <dl className="trends__facts">
              <dt>{t('trends.col.document')}</dt>
              <dd data-testid="proposal-document">{proposal.issuer ?? '?'} · {proposal.documentType}{proposal.series ? ` ${proposal.series}` : ''}{proposal.documentClassId ? ` (${proposal.documentClassId})` : ''}</dd>
              <dt>{t('trends.col.week')}</dt>
              <dd>{proposal.week}</dd>
              <dt>{t('trends.pointOfEntry')}</dt>
              <dd>{proposal.context.pointOfEntry} · {t(proposal.context.line === 'first' ? 'trends.line.first' : 'trends.line.second')}</dd>
              <dt>{t('trends.col.caughtBy')}</dt>
              <dd>{proposal.caughtBy.join(', ') || '—'}</dd>
              <dt>{t('proposal.missedBy')}</dt>
              <dd>{proposal.missedBy.join(', ') || '—'}</dd>
            </dl>
            <TrendRecordFields value={edits} onChange={setEdits} testIdPrefix="proposal" features={proposal.featureLabels} />
            {proposal.cropZones.length > 0 && (
              <fieldset className="trends__zones">
                <legend className="field__label">{t('proposal.crops')}</legend>
                {proposal.cropZones.map((z) => (
                  <label key={z.id} className="trends__zone">
                    <input type="checkbox" checked={zones.includes(z.id)} disabled={busy} onChange={(e) => toggleZone(z.id, e.target.checked)} data-testid={`proposal-zone-${z.id}`} />
                    {z.label}
                  </label>
                ))}
              </fieldset>
            )}
            {previews.length > 0 && (
              <div className="trends__crops">
                {previews.map((p) => (
                  <figure key={p.zoneId} className="trends__crop">
                    <img src={p.url} alt={t('proposal.cropAlt', { label: p.label })} data-testid={`proposal-crop-${p.zoneId}`} />
                    <figcaption>{p.label}</figcaption>
                  </figure>
                ))}
                <label className="trends__zone">
                  <input type="checkbox" checked={cropsChecked} onChange={(e) => setCropsChecked(e.target.checked)} data-testid="proposal-crops-checked" />
                  {t('proposal.cropsChecked')}
                </label>
              </div>
            )}
            {problem && <p className="form-problem" role="alert" data-testid="proposal-problem">{problem}</p>}
            {proposal.documentClassId && (
              <label className="trends__zone">
                <input type="checkbox" checked={thenAlert} onChange={(e) => setThenAlert(e.target.checked)} data-testid="proposal-then-alert" />
                {t('proposal.thenAlert')}
              </label>
            )}
            <div className="dialog__actions">
              <button type="submit" className="button button--primary" disabled={busy} data-testid="proposal-confirm">{t('proposal.confirm')}</button>
              <button type="button" className="button button--ghost" onClick={() => onClose(false, thenAlert)} data-testid="proposal-decline">{t('proposal.decline')}</button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
