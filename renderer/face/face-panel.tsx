// The imposter check on the inspection screen: find the document portraits, take a live photo (camera
// or image file), see the machine comparison side by side, and record the feature checklist.
import { useRef, useState } from 'react';
import type { Examination } from '../../electron/contract/examination.contract';
import type { FaceAssessmentInput } from '../../electron/contract/face.contract';
import { loupe } from '../api/loupe';
import { useShortcuts } from '../hooks/use-shortcuts';
import { t } from '../i18n/t';
import { CameraDialog } from './camera-dialog';
import { FaceChecklist } from './face-checklist';
import { FaceComparison } from './face-comparison';
import { fileToJpeg } from './portrait-image';
import { ThresholdForm } from './threshold-form';
import './face.css';

export function FacePanel({ examination, imageBase, onUpdated, onError, active = true }: {
  examination: Examination;
  imageBase: string;
  onUpdated: (exam: Examination) => void;
  onError: (error: unknown) => void;
  /** False while another view covers the inspection: its key (L) waits. */
  active?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [cameraOpen, setCameraOpen] = useState(false);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const face = examination.face;

  const run = async (call: () => Promise<Examination>) => {
    setBusy(true);
    try {
      onUpdated(await call());
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  const addLive = (imageBase64: string) => {
    setCameraOpen(false);
    void run(() => loupe['face:addPortrait']({ id: examination.id, kind: 'live', imageBase64 }));
  };
  const onFile = async (file: File | undefined) => {
    setFileProblem(null);
    if (!file) return;
    let jpeg: string;
    try {
      jpeg = await fileToJpeg(file);
    } catch {
      setFileProblem(t('face.fileBad'));
      return;
    }
    addLive(jpeg);
  };
  const assess = async (assessment: FaceAssessmentInput) => run(() => loupe['face:assess']({ id: examination.id, assessment }));

  useShortcuts(cameraOpen || !active ? {} : { l: () => setCameraOpen(true) });

  return (
    <section className="panel face-panel" id="face" data-testid="face-panel" aria-busy={busy}>
      <h2 className="panel__title">{t('face.title')}</h2>
      <p className="panel__meta">{t('face.lead')}</p>
      <div className="face-panel__actions">
        <button type="button" className="button" disabled={busy} onClick={() => void run(() => loupe['face:analyse']({ id: examination.id }))} data-testid="face-analyse">{t('face.analyse')}</button>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => setCameraOpen(true)} data-testid="face-camera">{t('face.camera')}</button>
        <button type="button" className="button" disabled={busy} onClick={() => fileInput.current?.click()} data-testid="face-file-button">{t('face.file')}</button>
        <input ref={fileInput} type="file" accept="image/jpeg,image/png,image/webp" hidden aria-label={t('face.file')} onChange={(e) => void onFile(e.target.files?.[0])} data-testid="face-file" />
      </div>
      {busy && <p className="muted" role="status">{t('face.analysing')}</p>}
      {fileProblem && <p className="camera__problem" role="alert">{fileProblem}</p>}
      {face ? (
        <>
          <FaceComparison face={face} imageBase={imageBase} />
          {face.portraits.length > 0 && <FaceChecklist key={`${examination.id}:${face.assessment?.at ?? ''}`} unsavedKey={`face:${examination.id}`} face={face} onSave={assess} />}
        </>
      ) : (
        <p className="muted">{t('face.none')}</p>
      )}
      <ThresholdForm onSaved={() => void run(() => loupe['face:analyse']({ id: examination.id }))} onError={onError} />
      {cameraOpen && <CameraDialog onUse={addLive} onClose={() => setCameraOpen(false)} />}
    </section>
  );
}
