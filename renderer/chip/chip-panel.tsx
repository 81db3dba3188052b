// The chip on the inspection screen: the reading's progress file by file (it starts by itself after
// a scan), what it found, why it did not happen and what to do, access data typed by the officer,
// and the export of the signed evidence package.
import { useEffect, useRef, useState } from 'react';
import type { ChipAccessInput, ChipProgress } from '../../electron/contract/chip-examination.contract';
import type { Examination } from '../../electron/contract/examination.contract';
import { loupe } from '../api/loupe';
import { t } from '../i18n/t';
import { ChipAccessForm } from './chip-access-form';
import { HINT, REASON } from './chip-labels';
import { ChipProgressLine } from './chip-progress';
import { ChipReadingDetails } from './chip-reading-details';
import './chip.css';

const FINAL = new Set<ChipProgress['phase']>(['done', 'not-read']);

export function ChipPanel({ examination, imageBase, onUpdated, onError }: {
  examination: Examination;
  imageBase: string;
  onUpdated: (exam: Examination) => void;
  onError: (error: unknown) => void;
}) {
  const id = examination.id;
  const [progress, setProgress] = useState<ChipProgress | null>(null);
  const [requesting, setRequesting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const section = examination.chip ?? null;

  // The callbacks change with every render of the screen; the subscription must not.
  const callbacks = useRef({ onUpdated, onError });
  callbacks.current = { onUpdated, onError };

  // A reading may have started with the scan, before this panel was shown: ask, then follow.
  useEffect(() => {
    let current = true;
    setProgress(null);
    loupe['chip:status']({ id }).then((p) => current && p && setProgress(p), () => undefined);
    const off = loupe.on('chip:onProgress', (p) => {
      if (p.examinationId !== id) return;
      setProgress(FINAL.has(p.phase) ? null : p);
      if (FINAL.has(p.phase)) loupe['examination:get']({ id }).then((exam) => callbacks.current.onUpdated(exam), (e: unknown) => callbacks.current.onError(e));
    });
    return () => {
      current = false;
      off();
    };
  }, [id]);

  const read = async (access?: ChipAccessInput) => {
    setRequesting(true);
    try {
      onUpdated(await loupe['chip:read']({ id, ...(access ? { access } : {}) }));
    } catch (e) {
      onError(e);
    } finally {
      setRequesting(false);
    }
  };

  const cancel = () => void loupe['chip:cancel']({ id }).catch(onError);

  const exportEvidence = async () => {
    setExporting(true);
    try {
      const { fileName, base64 } = await loupe['chip:exportEvidence']({ id });
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      onError(e);
    } finally {
      setExporting(false);
    }
  };

  const running = progress !== null || requesting;
  const notRead = section?.state === 'not-read' ? section : null;
  return (
    <section className="panel chip-panel" id="chip" data-testid="chip-panel" aria-busy={running} data-state={running ? 'reading' : (section?.state ?? 'none')}>
      <h2 className="panel__title">{t('chip.title')}</h2>
      {progress ? (
        <ChipProgressLine progress={progress} />
      ) : notRead ? (
        <div className="chip-not-read" data-testid="chip-not-read" data-reason={notRead.reason ?? ''}>
          <p>{t(REASON[notRead.reason ?? 'failed'])}</p>
          {notRead.error && (
            <p className="chip-hint" role="alert" data-testid="chip-hint" data-kind={notRead.error.kind}>{t(HINT[notRead.error.kind])}</p>
          )}
        </div>
      ) : !section ? (
        <p className="muted">{t('chip.none')} {t('chip.lead')}</p>
      ) : null}
      {section?.state === 'read' && <ChipReadingDetails section={section} imageBase={imageBase} exporting={exporting} onExport={() => void exportEvidence()} />}
      <div className="chip-panel__actions">
        {running ? (
          <button type="button" className="button" onClick={cancel} data-testid="chip-cancel">{t('chip.cancel')}</button>
        ) : (
          <button type="button" className="button button--primary" onClick={() => void read()} data-testid="chip-read">{section?.state === 'read' ? t('chip.readAgain') : t('chip.read')}</button>
        )}
      </div>
      <details className="chip-access-details" open={notRead?.reason === 'no-access-data' || notRead?.error?.kind === 'AccessDenied'}>
        <summary>{t('chip.access')}</summary>
        <ChipAccessForm key={id} mrz={examination.mrz} busy={running} onRead={(access) => void read(access)} />
      </details>
    </section>
  );
}
