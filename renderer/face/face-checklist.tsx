// The officer's structured comparison: each morphological feature marked same / different / cannot
// tell, a conclusion and notes → face:assess (recorded in the examination and the report).
import { useState, type FormEvent } from 'react';
import { FACE_FEATURES, type FaceAssessmentInput, type FaceConclusion, type FaceFeature, type FaceSection, type FeatureMark } from '../../electron/contract/face.contract';
import { useUnsavedMark } from '../app/unsaved-work';
import { formatDateTime, t } from '../i18n/t';

const MARKS: FeatureMark[] = ['same', 'different', 'cannot-tell'];
const CONCLUSIONS: FaceConclusion[] = ['same-person', 'different-person', 'cannot-decide'];

/** Keyed by the recorded assessment: it starts again from each one saved, never while the officer marks. */
export function FaceChecklist({ face, onSave, unsavedKey }: { face: FaceSection; onSave: (input: FaceAssessmentInput) => Promise<void>; unsavedKey: string }) {
  const saved = face.assessment;
  const initial = () => Object.fromEntries((saved?.checklist ?? []).map((c) => [c.feature, c.mark])) as Partial<Record<FaceFeature, FeatureMark>>;
  const [marks, setMarks] = useState(initial);
  const [conclusion, setConclusion] = useState<FaceConclusion | null>(saved?.conclusion ?? null);
  const [notes, setNotes] = useState(saved?.notes ?? '');
  const [busy, setBusy] = useState(false);

  const before = initial();
  const dirty =
    FACE_FEATURES.some((f) => marks[f] !== before[f]) || conclusion !== (saved?.conclusion ?? null) || notes !== (saved?.notes ?? '');
  useUnsavedMark(unsavedKey, 'face', dirty);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const checklist = FACE_FEATURES.flatMap((feature) => (marks[feature] ? [{ feature, mark: marks[feature]! }] : []));
      await onSave({ checklist, conclusion, notes });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="face-checklist" onSubmit={submit} noValidate data-testid="face-checklist">
      <h3 className="panel__subtitle">{t('face.checklist')}</h3>
      <table className="face-features">
        <tbody>
          {FACE_FEATURES.map((feature) => (
            <tr key={feature}>
              <th scope="row">{t(`face.feature.${feature}`)}</th>
              {MARKS.map((mark) => (
                <td key={mark}>
                  <label className="face-mark">
                    <input type="radio" name={`feature-${feature}`} checked={marks[feature] === mark} onChange={() => setMarks((m) => ({ ...m, [feature]: mark }))} data-testid={`feature-${feature}-${mark}`} />
                    <span>{t(`face.mark.${mark}`)}</span>
                  </label>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset className="face-conclusion">
        <legend className="field__label">{t('face.conclusion')}</legend>
        {CONCLUSIONS.map((c) => (
          <label key={c} className="face-mark">
            <input type="radio" name="face-conclusion" checked={conclusion === c} onChange={() => setConclusion(c)} data-testid={`face-conclusion-${c}`} />
            <span>{t(`face.conclusion.${c}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field__label">{t('face.notes')}</span>
        <textarea value={notes} maxLength={2000} rows={2} onChange={(e) => setNotes(e.target.value)} data-testid="face-notes" />
      </label>
      <button type="submit" className="button button--primary" disabled={busy} data-testid="face-save">{t('face.save')}</button>
      {saved && <p className="panel__meta" data-testid="face-saved">{t('face.saved', { name: saved.officer.name, badge: saved.officer.badge, time: formatDateTime(saved.at) })}</p>}
    </form>
  );
}
