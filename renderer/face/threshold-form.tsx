// The station's decision threshold for the face comparison (distance at the centre of the uncertain
// band and its half width): read and set through face:settings, then the comparison runs again.
import { useEffect, useState, type FormEvent } from 'react';
import type { FaceThreshold } from '../../electron/contract/face.contract';
import { loupe } from '../api/loupe';
import { t } from '../i18n/t';

export function ThresholdForm({ onSaved, onError }: { onSaved: () => void; onError: (e: unknown) => void }) {
  const [current, setCurrent] = useState<{ threshold: FaceThreshold; defaultThreshold: FaceThreshold } | null>(null);
  const [distance, setDistance] = useState('');
  const [margin, setMargin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    loupe['face:settings']({}).then((s) => {
      setCurrent(s);
      setDistance(String(s.threshold.distance));
      setMargin(String(s.threshold.margin));
    }, onError);
  }, [onError]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const d = Number(distance);
    const m = Number(margin);
    if (!(d >= 0.1 && d <= 1.5) || !(m >= 0 && m <= 0.3)) {
      setProblem(t('face.thresholdRange'));
      return;
    }
    setProblem(null);
    try {
      setCurrent(await loupe['face:settings']({ threshold: { distance: d, margin: m } }));
      onSaved();
    } catch (e) {
      onError(e);
    }
  };

  if (!current) return null;
  return (
    <details className="face-threshold" data-testid="face-threshold">
      <summary>{t('face.thresholdEdit')}</summary>
      <form onSubmit={submit} noValidate className="face-threshold__form">
        <label className="field">
          <span className="field__label">{t('face.thresholdDistance')}</span>
          <input type="number" step="0.01" min="0.1" max="1.5" value={distance} onChange={(e) => setDistance(e.target.value)} data-testid="face-threshold-distance" />
        </label>
        <label className="field">
          <span className="field__label">{t('face.thresholdMargin')}</span>
          <input type="number" step="0.01" min="0" max="0.3" value={margin} onChange={(e) => setMargin(e.target.value)} data-testid="face-threshold-margin" />
        </label>
        <p className="panel__meta">{t('face.thresholdDefault', { distance: current.defaultThreshold.distance, margin: current.defaultThreshold.margin })}</p>
        {problem && <p className="camera__problem" role="alert">{problem}</p>}
        <button type="submit" className="button" data-testid="face-threshold-save">{t('face.thresholdSave')}</button>
      </form>
    </details>
  );
}
